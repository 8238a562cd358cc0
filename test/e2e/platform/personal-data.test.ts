import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../../activities/index';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { RunResult } from '../../../workflows/employees/types';
import { CONNECTION, startSyncHarness, type SyncHarness } from '../../support/sync-harness';
import { addToXledger } from '../../support/xledger-seeding';

const TODAY = '2026-11-23';
/** The HR store's own tables: the one place personal numbers belong. */
const HR_TABLES = new Set(['hr_employees', 'hr_positions']);

/** Every row of every table of the engine's database except the HR tables, as text. */
async function everythingOutsideHr(h: SyncHarness): Promise<string> {
  const { rows } = await h.t.db.raw<{ rows: Array<{ tablename: string }> }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  const dumps: string[] = [];
  for (const { tablename } of rows) {
    if (HR_TABLES.has(tablename)) continue;
    const r = await h.t.db.raw<{ rows: Array<{ j: string }> }>(`SELECT row_to_json(t)::text AS j FROM "${tablename}" AS t`);
    dumps.push(...r.rows.map((x) => x.j));
  }
  return dumps.join('\n');
}

/** A number as it may be written: plain, or with dots and spaces between digit groups. */
const digitsIn = (text: string) => text.replace(/(?<=\d)[ .](?=\d)/g, '');

/**
 * Personal data is kept only where and as long as needed: after a run (and the purge) no national id or bank
 * account number is left anywhere outside the HR tables — not in staging, plans, writes, links, history or runs.
 */
describe('personal data retention', () => {
  let h: SyncHarness;
  const people = generateEmployees(40, { seed: 31, today: TODAY }).map((e) => ({ ...e, status: 'active' as const }));
  const inXledger = people.slice(0, 20).map((p, i) => ({ ...p, bankAccount: i % 2 === 0 ? '12345678903' : p.bankAccount }));
  const numbers = [
    ...new Set([...people.flatMap((p) => [p.nationalId, p.bankAccount]), ...inXledger.map((p) => p.bankAccount)].filter((v): v is string => !!v)),
  ].map((v) => v.replace(/\D/g, ''));

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto', createInHr: 'never', fieldPolicies: { bankAccount: 'hr-wins', nationalId: 'hr-wins' } });
    await h.seedHr(people);
    await addToXledger(h.xledger, inXledger, TODAY);
  });
  afterAll(() => h?.stop());

  it('a settled run leaves no national id or account number outside the HR tables', async () => {
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    expect(result.status).toBe('OK');
    expect(result.counts.created).toBe(20);
    expect(result.counts.updated).toBeGreaterThanOrEqual(10); // the bank accounts Xledger had wrong
    const dump = digitsIn(await everythingOutsideHr(h));
    expect(dump.length).toBeGreaterThan(1000);
    const leaked = numbers.filter((n) => dump.includes(n));
    expect(leaked).toEqual([]);
    // Baselines keep keyed hashes in their place, and still tell a second run that nothing changed.
    const [link] = await h.t.db('employee_links').limit(1);
    expect(String(link.baseline.nationalId)).toMatch(/^hmac:[\w-]+:[\w-]+$/);
    const again = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 40 });
    expect(await h.t.db('sync_run_snapshots').count<Array<{ count: string }>>('* as count')).toEqual([{ count: '0' }]);
  });

  it('with a debug retention, staging stays until the maintenance purge removes it', async () => {
    h.deps.stagingRetentionDays = 2;
    try {
      await h.seedHr([{ ...people[0]!, phone: '+4740000001' }]);
      const result = await h.cliJson<RunResult & { runId: string }>('sync', 'start', '--connection', CONNECTION, '--wait');
      expect(result.status).toBe('OK');
      const staged = await h.t.db('sync_run_snapshots').where({ run_id: result.runId }).count<Array<{ count: string }>>('* as count');
      expect(Number(staged[0]!.count)).toBeGreaterThan(0);
      expect(digitsIn(await everythingOutsideHr(h))).toContain(people[0]!.nationalId!.replace(/\D/g, ''));

      const activities = createActivities(h.deps);
      expect(await new MockActivityEnvironment().run(activities.purgeExpiredStaging)).toEqual({ purged: 0 }); // not yet expired
      h.deps.stagingRetentionDays = 0;
      expect(((await new MockActivityEnvironment().run(activities.purgeExpiredStaging)) as { purged: number }).purged).toBeGreaterThanOrEqual(1);
      const dump = digitsIn(await everythingOutsideHr(h));
      expect(numbers.filter((n) => dump.includes(n))).toEqual([]);
    } finally {
      h.deps.stagingRetentionDays = 0;
    }
  });
});
