import { generateEmployees } from '../../scripts/lib/generate-employees';
import type { RunProgress, RunResult } from '../../workflows/employee-sync-types';
import { CONNECTION, OWNER, startSyncHarness, waitFor, type SyncHarness } from '../support/sync-harness';
import { spawnWorkerProcess, stopProcess } from '../support/worker-process';

describe('a worker killed (SIGKILL) in the middle of the apply phase', () => {
  let h: SyncHarness;
  const employees = generateEmployees(1200, { seed: 11, today: '2026-11-23' });
  const active = employees.filter((e) => e.status === 'active'); // deactivated people are locked, never created

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto' }, { inProcessWorker: false });
    await h.seedHr(employees);
  });
  afterAll(() => h?.stop());

  it('is replaced by a new worker that finishes the run with no duplicate in Xledger', async () => {
    // Slow Xledger down so the kill lands while batches are being written.
    h.fake.setKnobs({ latencyMs: 400 });
    const first = spawnWorkerProcess(h.env);
    const { runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION);
    await waitFor(async () => h.fake.stats().byRootField.addEmployees ?? 0, (adds) => adds >= 1, 90000);
    await stopProcess(first, 'SIGKILL');
    const appliedAtKill = await h.t.db('sync_run_items').where({ run_id: runId }).whereNotNull('xledger_done_at').count({ n: '*' });
    expect(Number(appliedAtKill[0].n)).toBeLessThan(active.length); // the kill landed before the apply phase ended

    const second = spawnWorkerProcess(h.env);
    try {
      const result = (await waitFor(() => h.cliJson<RunResult | RunProgress>('sync', 'status', runId), (r) => 'counts' in r, 120000)) as RunResult;
      expect(result.status).toBe('OK');
      expect(result.counts.created).toBe(active.length);
      expect(result.counts.locked).toBe(1200 - active.length);
    } finally {
      await stopProcess(second);
    }
    const inXledger = await h.xledger.employees.all({ filter: { ownerDbId: OWNER }, pageSize: 10000 });
    const codes = inXledger.map((e) => e.code);
    expect(codes).toHaveLength(active.length);
    expect(new Set(codes)).toEqual(new Set(active.map((e) => e.employeeNumber)));
  });
});
