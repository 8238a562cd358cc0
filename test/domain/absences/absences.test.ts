import type { AbsenceLink, HrAbsence, LinkedEmployee, XledgerAbsence } from '../../../domain/absences/absence-types';
import { diffAbsence, mapHrAbsence, normalizePercent } from '../../../domain/absences/mapping';
import { planAbsences, type AbsencePlanInput } from '../../../domain/absences/plan';
import { countAbsenceOutcomes, settledAbsenceOutcome } from '../../../domain/absences/run-outcome';
import { checkAbsence, checkAbsenceRecord, checkOverlaps, type AbsenceCheckContext } from '../../../domain/absences/validation';
import { addAbsenceNode, updateAbsenceNode, writeOfPlan } from '../../../domain/absences/writes';

const CODES = { childcare: 'CS', vacation: 'V', sick_leave: 'SWN' };
const MAPPING = { codes: CODES, defaultPercent: 100, defaultComment: 'temporary comment' };
const XLEDGER_CODES = new Set(['CS', 'V', 'SWN', 'PERM']);

const absence = (over: Partial<HrAbsence> = {}): HrAbsence => ({
  absenceId: 'A1',
  employeeNumber: 'E1',
  type: 'vacation',
  startDate: '2026-03-02',
  endDate: '2026-03-06',
  startTime: null,
  endTime: null,
  percent: null,
  comment: null,
  status: 'approved',
  ...over,
});

const employee = (over: Partial<LinkedEmployee> = {}): LinkedEmployee => ({
  employeeNumber: 'E1',
  xledgerDbId: 501,
  employedFrom: '2020-01-01',
  employedTo: null,
  positionTitle: 'Engineer',
  name: 'Kari Nordmann',
  ...over,
});

const input = (over: Partial<AbsencePlanInput> = {}): AbsencePlanInput => ({
  hr: [absence()],
  employees: new Map([['E1', employee()]]),
  xledger: [],
  links: [],
  xledgerCodes: XLEDGER_CODES,
  mapping: MAPPING,
  statuses: ['approved'],
  cancelled: 'ask',
  ...over,
});

const xledgerOf = (a: HrAbsence, dbId: number, employeeDbId = 501): XledgerAbsence => ({ dbId, employeeDbId, values: mapHrAbsence(a, MAPPING) });

describe('the absence mapping table', () => {
  it('maps Alexis HR defaults: codes, percent 100, "temporary comment", dates and times', () => {
    expect(mapHrAbsence(absence({ type: 'sick_leave', startTime: '9:00', endTime: '15:30' }), MAPPING)).toEqual({
      code: 'SWN',
      fromDate: '2026-03-02',
      toDate: '2026-03-06',
      timeFrom: '09:00',
      timeTo: '15:30',
      leavePercent: '100',
      text: 'sick_leave',
      comment: 'temporary comment',
    });
  });
  it('passes a custom leave code as it is', () => expect(mapHrAbsence(absence({ type: 'PERM' }), MAPPING).code).toBe('PERM'));
  it('reads 100, 100.0 and 100.00 as one percent', () => {
    expect(normalizePercent('100.00')).toBe('100');
    expect(diffAbsence(mapHrAbsence(absence({ percent: '50.0' }), MAPPING), { ...mapHrAbsence(absence(), MAPPING), leavePercent: '50' })).toEqual([]);
  });
  it('diffs field by field, keeping special characters in comments exact', () => {
    const comment = 'Ærlig talt; "sykt barn", <b>&</b>\nlinje 2';
    const wanted = mapHrAbsence(absence({ comment, percent: '40' }), MAPPING);
    expect(diffAbsence(wanted, mapHrAbsence(absence(), MAPPING))).toEqual([
      { field: 'leavePercent', from: '100', to: '40' },
      { field: 'comment', from: 'temporary comment', to: comment },
    ]);
  });
});

describe('absence validation: a reason for each refusal', () => {
  const ctx: AbsenceCheckContext = { employee: employee(), codes: CODES, xledgerCodes: XLEDGER_CODES };
  const reasons = (a: HrAbsence, c = ctx) => checkAbsence(a, c).map((i) => `${i.field}: ${i.reason}`);

  it('accepts a good absence', () => expect(reasons(absence())).toEqual([]));
  it('refuses an employee the employee sync has not linked', () =>
    expect(reasons(absence(), { ...ctx, employee: undefined })).toEqual([
      'employeeNumber: employee E1 is not linked to Xledger (the employee sync has not matched or created them)',
    ]));
  it('refuses an absence outside the employment', () => {
    expect(reasons(absence(), { ...ctx, employee: employee({ employedFrom: '2026-03-04' }) })[0]).toMatch(
      /^employeeNumber: employee E1 is not employed for the whole absence/,
    );
    expect(reasons(absence(), { ...ctx, employee: employee({ employedTo: '2026-03-05' }) })[0]).toMatch(/not employed/);
  });
  it('refuses a leave code Xledger does not know', () =>
    expect(reasons(absence({ type: 'unpaid' }))).toEqual(['type: the leave code "unpaid" (type "unpaid") is not an absence code in Xledger']));
  it('refuses an end before the start', () =>
    expect(reasons(absence({ endDate: '2026-03-01' }))).toEqual(['endDate: the end date 2026-03-01 is before the start date 2026-03-02']));
  it.each([['0'], ['-5'], ['100.5'], ['abc']])('refuses the percent %s', (percent) =>
    expect(reasons(absence({ percent }))[0]).toMatch(/^percent: the percent/),
  );
  it('refuses a time without its date', () => {
    expect(checkAbsenceRecord(absence({ endDate: null, endTime: '12:00' }))).toEqual([{ field: 'endTime', reason: 'endTime is given without an end date' }]);
    expect(checkAbsenceRecord(absence({ startDate: null, startTime: '08:00' })).map((i) => i.field)).toEqual(['startDate', 'startTime']);
  });
  it('refuses two absences of one employee overlapping with more than 100 %, naming each other', () => {
    const a = absence({ absenceId: 'A1', percent: '60' });
    const b = absence({ absenceId: 'A2', percent: '50', startDate: '2026-03-06', endDate: '2026-03-10' });
    const c = absence({ absenceId: 'A3', percent: '40', startDate: '2026-03-02', endDate: '2026-03-02' });
    const found = checkOverlaps([a, b, c], 100);
    expect(found.get('A1')).toEqual([
      { field: 'percent', reason: 'overlaps absence A2 of the same employee from 2026-03-06 with 110 % in total (over 100 %)' },
    ]);
    expect(found.get('A2')?.[0].reason).toMatch(/overlaps absence A1/);
    expect(found.has('A3')).toBe(false); // 60 + 40 = 100: allowed
  });
});

describe('planning an absence run', () => {
  it('creates what Xledger lacks, for the linked employee', () => {
    const [plan] = planAbsences(input());
    expect(plan).toMatchObject({ classification: 'create', employeeDbId: 501, positionTitle: 'Engineer' });
    const write = writeOfPlan(plan, false);
    if (write?.kind !== 'create') throw new Error(`expected a create, got ${write?.kind}`);
    expect(addAbsenceNode(write.create)).toMatchObject({
      employee: { dbId: 501 },
      absenceCode: { code: 'V' },
      fromDate: '2026-03-02',
      approved: true,
    });
  });
  it('matches by the remembered link first, even when the start date moved', () => {
    const moved = absence({ startDate: '2026-03-03' });
    const x = xledgerOf(absence(), 900);
    const link: AbsenceLink = { absenceId: 'A1', employeeNumber: 'E1', xledgerDbId: 900, fromDate: '2026-03-02' };
    const [plan] = planAbsences(input({ hr: [moved], xledger: [x], links: [link] }));
    expect(plan).toMatchObject({
      classification: 'update',
      xledgerDbId: 900,
      matchedBy: 'link',
      changes: [{ field: 'fromDate', from: '2026-03-02', to: '2026-03-03' }],
    });
    const write = writeOfPlan(plan, false);
    if (write?.kind !== 'update') throw new Error(`expected an update, got ${write?.kind}`);
    expect(updateAbsenceNode(write.update)).toEqual({ dbId: 900, fromDate: '2026-03-03' });
  });
  it('else matches by employee, leave code and start date; equal values are unchanged', () => {
    const [plan] = planAbsences(input({ xledger: [xledgerOf(absence(), 901)] }));
    expect(plan).toMatchObject({ classification: 'unchanged', xledgerDbId: 901, matchedBy: 'employee-code-date' });
  });
  it('never matches an Xledger absence linked to another HR absence', () => {
    const x = xledgerOf(absence(), 902);
    const plans = planAbsences(input({ xledger: [x], links: [{ absenceId: 'OTHER', employeeNumber: 'E1', xledgerDbId: 902, fromDate: '2026-03-02' }] }));
    expect(plans.map((p) => [p.absenceId, p.classification])).toEqual([
      ['A1', 'create'],
      ['OTHER', 'cancelled'],
    ]);
  });
  it('sends only the statuses and types the settings name', () => {
    const plans = planAbsences(
      input({ hr: [absence(), absence({ absenceId: 'A2', status: 'pending' }), absence({ absenceId: 'A3', type: 'sick_leave' })], types: ['vacation'] }),
    );
    expect(plans.map((p) => p.absenceId)).toEqual(['A1']);
  });
  it('turns a linked absence HR cancelled or deleted into a cancelled item with the policy', () => {
    const x = xledgerOf(absence(), 903);
    const link: AbsenceLink = { absenceId: 'A1', employeeNumber: 'E1', xledgerDbId: 903, fromDate: '2026-03-02' };
    for (const hr of [[absence({ status: 'cancelled' })], []]) {
      const [plan] = planAbsences(input({ hr, xledger: [x], links: [link], cancelled: 'remove' }));
      expect(plan).toMatchObject({ classification: 'cancelled', cancelPolicy: 'remove', xledgerDbId: 903 });
      expect(writeOfPlan(plan, true)).toMatchObject({ kind: 'remove', remove: { dbId: 903 } });
      expect(writeOfPlan(plan, false)).toBeNull();
    }
  });
  it('leaves a linked absence that is now invalid alone in Xledger (refused, not removed)', () => {
    const link: AbsenceLink = { absenceId: 'A1', employeeNumber: 'E1', xledgerDbId: 904, fromDate: '2026-03-02' };
    const plans = planAbsences(input({ hr: [absence({ percent: '150' })], xledger: [xledgerOf(absence(), 904)], links: [link] }));
    expect(plans.map((p) => p.classification)).toEqual(['invalid']);
  });
});

describe('absence outcomes and counts', () => {
  const plan = (classification: 'create' | 'unchanged' | 'invalid' | 'cancelled') => ({
    absenceId: 'A',
    employeeNumber: 'E',
    classification,
    changes: [],
    issues: [{ field: 'percent', reason: 'bad' }],
  });
  it('counts each outcome once', () => {
    const counts = countAbsenceOutcomes([
      { plan: plan('create'), outcome: 'created', xledger_write: null, xledger_done_at: new Date() },
      { plan: plan('unchanged'), outcome: 'unchanged', xledger_write: null, xledger_done_at: null },
      { plan: plan('invalid'), outcome: 'skipped', xledger_write: null, xledger_done_at: null },
      { plan: plan('cancelled'), outcome: 'skipped', xledger_write: null, xledger_done_at: null },
      { plan: plan('cancelled'), outcome: 'removed', xledger_write: null, xledger_done_at: new Date() },
      { plan: plan('create'), outcome: 'failed', xledger_write: null, xledger_done_at: null },
    ]);
    expect(counts).toEqual({ created: 1, updated: 0, removed: 1, exported: 0, unchanged: 1, kept: 1, skipped: 0, invalid: 1, failed: 1 });
  });
  it('says why an absence nothing was written for ended as it did', () => {
    expect(settledAbsenceOutcome({ plan: plan('invalid'), outcome: null, xledger_write: null, xledger_done_at: null }, 'OK')).toEqual({
      outcome: 'skipped',
      event: 'invalid',
      detail: 'percent: bad',
    });
    expect(settledAbsenceOutcome({ plan: plan('cancelled'), outcome: null, xledger_write: null, xledger_done_at: null }, 'OK').detail).toBe(
      'cancelled or deleted in HR: kept in Xledger',
    );
  });
});
