import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { RunProgress, RunResult } from '../../../workflows/employees/types';
import { CONNECTION, OWNER, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';
import { spawnWorkerProcess, stopProcess } from '../../support/worker-process';

const KILLS = 3;

describe('the worker killed (SIGKILL) three times in the middle of the apply phase', () => {
  let h: SyncHarness;
  const employees = generateEmployees(1400, { seed: 11, today: '2026-11-23' });
  const active = employees.filter((e) => e.status === 'active'); // deactivated people are locked, never created

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto' }, { inProcessWorker: false });
    await h.seedHr(employees);
  });
  afterAll(() => h?.stop());

  it('is replaced each time by a new worker, and the run finishes with no duplicate in Xledger', async () => {
    // Slow Xledger down so each kill lands while a batch is being written.
    h.fake.setKnobs({ latencyMs: 400 });
    let worker = spawnWorkerProcess(h.env);
    const { runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION);
    try {
      for (let kill = 1; kill <= KILLS; kill++) {
        await waitFor(
          async () => h.fake.stats().byRootField.addEmployees ?? 0,
          (adds) => adds >= kill,
          120000,
        );
        await stopProcess(worker, 'SIGKILL');
        const applied = await h.t.db('sync_run_items').where({ run_id: runId }).whereNotNull('xledger_done_at').count({ n: '*' });
        expect(Number(applied[0].n)).toBeLessThan(active.length); // the kill landed before the apply phase ended
        worker = spawnWorkerProcess(h.env);
      }
      const result = (await waitFor(
        () => h.cliJson<RunResult | RunProgress>('sync', 'status', runId),
        (r) => 'counts' in r,
        180000,
      )) as RunResult;
      expect(result.status).toBe('OK');
      expect(result.counts.created).toBe(active.length);
      expect(result.counts.locked).toBe(employees.length - active.length);
    } finally {
      await stopProcess(worker);
    }
    const inXledger = await h.xledger.employees.all({ filter: { ownerDbId: OWNER }, pageSize: 10000 });
    const codes = inXledger.map((e) => e.code);
    expect(codes).toHaveLength(active.length);
    expect(new Set(codes)).toEqual(new Set(active.map((e) => e.employeeNumber)));
    // Every batch was sent at least once and no add was lost: each employee's values are there.
    for (const e of active.slice(0, 50)) {
      const x = inXledger.find((n) => n.code === e.employeeNumber)!;
      expect(x.contact?.lastName).toBe(e.lastName);
      expect(x.subledger?.bankAccount).toBe(e.bankAccount);
    }
  }, 360_000); // three kills, each retried after the heartbeat timeout, at 400 ms per Xledger request
});
