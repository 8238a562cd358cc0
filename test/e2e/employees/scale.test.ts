import { historyFigures } from '../../../scripts/bench/history';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { RunResult } from '../../../workflows/employees/types';
import { CONNECTION, startSyncHarness, type SyncHarness } from '../../support/sync-harness';

/** Large data stays in Postgres: a 2,000-employee run keeps Temporal's history small. */
describe('a 2,000-employee run', () => {
  let h: SyncHarness;
  const employees = generateEmployees(2000, { seed: 2000, today: '2026-11-23' });

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto' });
    await h.seedHr(employees);
  });
  afterAll(() => h?.stop());

  it('keeps every payload under 256 KB and the history under 2,000 events', async () => {
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    const active = employees.filter((e) => e.status === 'active').length;
    expect(result).toMatchObject({ status: 'OK', counts: { created: active, failed: 0 } });
    const figures = historyFigures(await h.temporal.client.workflow.getHandle(result.runId).fetchHistory());
    expect(figures.events).toBeLessThan(2000);
    expect(figures.largestPayload.bytes).toBeLessThan(256 * 1024);
    // Far below, in fact: ids and counts only.
    expect(figures.events).toBeLessThan(200);
    expect(figures.bytes).toBeLessThan(100 * 1024);
    expect(h.fake.stats().byRootField.addEmployees).toBe(Math.ceil(active / 500));
  });
});
