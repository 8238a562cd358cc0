import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { AbsenceRunProgress, AbsenceRunResult } from '../../../workflows/absences/types';
import type { RunResult } from '../../../workflows/employees/types';
import { CONNECTION, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';
import { spawnWorkerProcess, stopProcess } from '../../support/worker-process';
import { absence, absencesInXledger, employedAllNovember, hrAbsences, PERIOD } from './helpers';

const KILLS = 2;
const DAYS = ['2026-11-02', '2026-11-04', '2026-11-09', '2026-11-11'];

describe('the worker killed (SIGKILL) while absence batches are being written', () => {
  let h: SyncHarness;
  const people = employedAllNovember(generateEmployees(420, { seed: 5, today: '2026-11-23' })).slice(0, 300);
  const absences = people.flatMap((p) =>
    DAYS.map((day, i) => absence({ absenceId: `${p.employeeNumber}-${i}`, employeeNumber: p.employeeNumber, startDate: day, endDate: day })),
  );

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto' }, { inProcessWorker: false });
    await h.seedHr(people);
    await hrAbsences(h).upsert(absences);
  }, 60_000);
  afterAll(() => h?.stop());

  it('is replaced by a new worker each time, and the run finishes with every absence created exactly once', async () => {
    expect(absences.length).toBe(1200); // three batches of at most 500
    let worker = spawnWorkerProcess(h.env);
    try {
      const linked = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
      expect(linked.status).toBe('OK');
      // Slow Xledger down so each kill lands while a batch is in flight.
      h.fake.setKnobs({ latencyMs: 400 });
      const { runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--kind', 'absences', '--connection', CONNECTION, ...PERIOD);
      for (let kill = 1; kill <= KILLS; kill++) {
        await waitFor(
          async () => h.fake.stats().byRootField.addAbsences ?? 0,
          (adds) => adds >= kill,
          120_000,
        );
        await stopProcess(worker, 'SIGKILL');
        const applied = await h.t.db('sync_run_items').where({ run_id: runId }).whereNotNull('xledger_done_at').count({ n: '*' });
        expect(Number(applied[0].n)).toBeLessThan(absences.length); // the kill landed before the writes ended
        worker = spawnWorkerProcess(h.env);
      }
      const result = (await waitFor(
        () => h.cliJson<AbsenceRunResult | AbsenceRunProgress>('sync', 'status', runId),
        (r) => 'counts' in r,
        180_000,
      )) as AbsenceRunResult;
      expect(result.status).toBe('OK');
      expect(result.counts.created).toBe(absences.length);
    } finally {
      await stopProcess(worker);
    }
    const inXledger = await absencesInXledger(h);
    expect(inXledger).toHaveLength(absences.length);
    const keys = inXledger.map((a) => `${a.employee?.code}|${a.fromDate}`);
    expect(new Set(keys).size).toBe(absences.length);
    // Every HR absence is linked to its own Xledger absence.
    const links = await h.t.db('absence_links').select('xledger_absence_db_id');
    expect(new Set(links.map((l) => l.xledger_absence_db_id)).size).toBe(absences.length);
  });
});
