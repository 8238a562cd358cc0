import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { RunProgress } from '../../../workflows/employees/types';
import { maybeRecordHistory } from '../../support/record-history';
import { CONNECTION, RECIPIENT, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';

const TODAY = '2026-11-23';

/** Temporal UI's Cancel and handle.cancel() send the same request: the run ends CANCELLED, settled and reported. */
describe('cancellation from anywhere ends a run cleanly', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'ask' });
    await h.seedHr(generateEmployees(5, { seed: 3, today: TODAY }).map((e) => ({ ...e, status: 'active' as const })));
  });
  afterAll(() => h?.stop());

  async function expectCancelled(runId: string) {
    const row = await waitFor(
      () => h.t.db('sync_runs').where({ id: runId }).first(),
      (r) => r?.finished_at != null,
    );
    expect(row.status).toBe('CANCELLED');
    const unsettled = await h.t.db('sync_run_items').where({ run_id: runId }).whereNull('outcome').count<Array<{ count: string }>>('* as count');
    expect(Number(unsettled[0]!.count)).toBe(0);
    const mail = await waitFor(
      async () => h.smtp.messages.filter((m) => (m.subject ?? '').includes('[CANCELLED]')),
      (m) => m.length > 0,
    );
    expect(h.smtp.envelopes[h.smtp.messages.indexOf(mail[0]!)]!.to).toContain(RECIPIENT);
    // The run reports, then ends as cancelled in Temporal (its status in Temporal UI).
    await waitFor(
      async () => (await h.temporal.client.workflow.getHandle(runId).describe()).status.name,
      (s) => s === 'CANCELLED',
    );
    h.smtp.clear();
  }

  it('handle.cancel() while the run waits for decisions: CANCELLED row, items settled, result email', async () => {
    const { runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION);
    await waitFor(
      () => h.cliJson<RunProgress>('sync', 'status', runId),
      (p) => p.phase === 'waiting-for-decisions',
    );
    await h.temporal.client.workflow.getHandle(runId).cancel();
    await expectCancelled(runId);
    const status = await h.cliJson<{ status: string }>('sync', 'status', runId);
    expect(status.status).toBe('CANCELLED');
    await maybeRecordHistory(h.temporal.client.workflow.getHandle(runId), 'employees-cancelled-while-waiting-2026-12', h.temporal.secretKey);
  });

  it('xsync sync cancel does the same, and a second cancel says the run is finished', async () => {
    const { runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION);
    await waitFor(
      () => h.cliJson<RunProgress>('sync', 'status', runId),
      (p) => p.phase === 'waiting-for-decisions',
    );
    const cancel = await h.cli('sync', 'cancel', runId);
    expect(cancel.code).toBe(0);
    await expectCancelled(runId);
    const again = await h.cli('sync', 'cancel', runId);
    expect(again.code).toBe(1); // refused in this state
    expect(again.stderr).toBe(`error: run ${runId} is finished (CANCELLED)\n`);
  });
});
