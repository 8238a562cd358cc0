import { renderDecisionReminderEmail, type DecisionReminderEmailInput } from '../../mail';
import { allowedTags, tagNames } from './helpers';

const input = (overrides: Partial<DecisionReminderEmailInput> = {}): DecisionReminderEmailInput => ({
  connectionName: 'Acme AS',
  runId: 'employee-sync-acme-1',
  pendingCount: 3,
  waitingSince: '2025-03-29T08:00:00Z',
  decideBy: '2025-03-31T08:00:00Z',
  timeoutPolicy: 'skip-undecided',
  uiUrl: 'http://127.0.0.1:8233/namespaces/xledger-sync/workflows/employee-sync-acme-1',
  ...overrides,
});

describe('renderDecisionReminderEmail', () => {
  it('has the ACTION NEEDED subject with the count', () => {
    expect(renderDecisionReminderEmail(input()).subject).toBe('[ACTION NEEDED] Acme AS – 3 decisions waiting');
    expect(renderDecisionReminderEmail(input({ pendingCount: 1 })).subject).toBe('[ACTION NEEDED] Acme AS – 1 decision waiting');
  });

  it('says since when and until when, in Oslo time (across the DST change)', () => {
    const m = renderDecisionReminderEmail(input());
    for (const part of [m.text, m.html]) {
      expect(part).toContain('2025-03-29 09:00:00 CET');
      expect(part).toContain('2025-03-31 10:00:00 CEST');
    }
    expect(m.text).toContain('Decide by: 2025-03-31 10:00:00 CEST');
  });

  it('explains what happens at the deadline for each policy', () => {
    const skip = renderDecisionReminderEmail(input());
    expect(skip.text).toMatch(/If nothing is decided by 2025-03-31 10:00:00 CEST, the run goes on without them: undecided items are skipped/);
    const cancel = renderDecisionReminderEmail(input({ timeoutPolicy: 'cancel' }));
    expect(cancel.text).toMatch(/If nothing is decided by 2025-03-31 10:00:00 CEST, the whole run is cancelled and nothing from it is written/);
    expect(cancel.html).toContain('the whole run is cancelled');
  });

  it('tells how to decide with the CLI, and links the run', () => {
    const m = renderDecisionReminderEmail(input());
    expect(m.text).toContain('  xsync sync decisions employee-sync-acme-1\n  xsync sync decide employee-sync-acme-1 ...\n');
    expect(m.html).toContain('xsync sync decisions employee-sync-acme-1\nxsync sync decide employee-sync-acme-1 ...');
    expect(m.text).toContain('The run in Temporal UI: http://127.0.0.1:8233/namespaces/xledger-sync/workflows/employee-sync-acme-1');
    expect(m.html).toContain('<a href="http://127.0.0.1:8233/namespaces/xledger-sync/workflows/employee-sync-acme-1"');
  });

  it('uses the given CLI command', () => {
    const m = renderDecisionReminderEmail(input({ cliHint: 'docker compose exec worker npx xsync' }));
    expect(m.text).toContain('docker compose exec worker npx xsync sync decisions employee-sync-acme-1');
  });

  it('escapes the HTML and keeps the subject on one line', () => {
    const m = renderDecisionReminderEmail(input({ connectionName: 'Æ&Ø <Å> "😀"\nX', runId: 'r<1>' }));
    expect(m.subject).toBe('[ACTION NEEDED] Æ&Ø <Å> "😀" X – 3 decisions waiting');
    expect([...tagNames(m.html)].filter((t) => !allowedTags.has(t))).toEqual([]);
    expect(m.html).toContain('Æ&amp;Ø &lt;Å&gt; &quot;😀&quot; X');
    expect(m.html).toContain('xsync sync decisions r&lt;1&gt;');
    expect(m.html).not.toContain('<Å>');
  });
});
