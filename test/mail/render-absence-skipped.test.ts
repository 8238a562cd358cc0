import { ABSENCE_COUNT_LABELS, emptyAbsenceCounts, skippedAbsenceTotal } from '../../domain/absences/run-outcome';
import { renderRunResultEmail } from '../../mail';
import { runResultInput } from './helpers';

/** The absence run lists refused (invalid), kept and skipped absences under Skipped; its "N more" counts all three. */
describe('renderRunResultEmail: an absence run with more than 50 refused or kept absences', () => {
  const listedFirst50 = Array.from({ length: 50 }, (_, i) => ({ employeeNumber: `E${1000 + i}`, field: `absence A${i}`, reason: 'code: unknown' }));

  it('counts the "N more" from refused + kept + skipped, not from skipped alone', () => {
    const counts = { ...emptyAbsenceCounts(), invalid: 40, kept: 30, skipped: 2 };
    const m = renderRunResultEmail(
      runResultInput({ runKind: 'absences', counts, countLabels: ABSENCE_COUNT_LABELS, skipped: listedFirst50, skippedTotal: skippedAbsenceTotal(counts) }),
    );
    expect(m.text).toContain('Skipped (72)');
    expect(m.text).toContain('… and 22 more — see the run in Temporal UI');
    expect(m.html).toContain('… and 22 more — see the run in Temporal UI');
  });

  it('without the total, the list would have undercounted (the bug this guards against)', () => {
    const counts = { ...emptyAbsenceCounts(), invalid: 40, kept: 30, skipped: 2 };
    const m = renderRunResultEmail(runResultInput({ runKind: 'absences', counts, countLabels: ABSENCE_COUNT_LABELS, skipped: listedFirst50 }));
    expect(m.text).not.toMatch(/more — see/);
  });

  it('says nothing about more when the 50 listed are all there are', () => {
    const counts = { ...emptyAbsenceCounts(), invalid: 20, kept: 30 };
    const m = renderRunResultEmail(
      runResultInput({ runKind: 'absences', counts, countLabels: ABSENCE_COUNT_LABELS, skipped: listedFirst50, skippedTotal: skippedAbsenceTotal(counts) }),
    );
    expect(m.text).toContain('Skipped (50)');
    expect(m.text).not.toMatch(/more — see/);
  });
});
