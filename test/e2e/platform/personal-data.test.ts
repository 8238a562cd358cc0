import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../../activities/index';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { AbsenceRunResult } from '../../../workflows/absences/types';
import type { RunResult } from '../../../workflows/employees/types';
import { CONNECTION, startSyncHarness, type SyncHarness } from '../../support/sync-harness';
import { addToXledger } from '../../support/xledger-seeding';
import { absence, employedAllNovember, hrAbsences, PERIOD, setAbsenceSettings } from '../absences/helpers';

const TODAY = '2026-11-23';
/** The HR store's own tables: the one place personal numbers belong. */
const HR_TABLES = new Set(['hr_employees', 'hr_positions', 'hr_absences']);

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
      expect(await new MockActivityEnvironment().run(activities.purgeExpiredStaging)).toEqual({ purged: 0, importFilesPurged: 0, outboxPurged: 0 }); // not yet expired
      h.deps.stagingRetentionDays = 0;
      expect(((await new MockActivityEnvironment().run(activities.purgeExpiredStaging)) as { purged: number }).purged).toBeGreaterThanOrEqual(1);
      const dump = digitsIn(await everythingOutsideHr(h));
      expect(numbers.filter((n) => dump.includes(n))).toEqual([]);
    } finally {
      h.deps.stagingRetentionDays = 0;
    }
  });

  it("an absence run's import file is kept the connection's retention, then purged: its comments are left nowhere outside HR", async () => {
    const [p1, p2] = employedAllNovember(people);
    const comments = ['Sykt barn: Kari har ørebetennelse', 'Legetime; "kontroll" etter operasjon'];
    await hrAbsences(h).upsert([
      absence({ absenceId: 'PD-1', employeeNumber: p1!.employeeNumber, type: 'sick_leave', comment: comments[0]! }),
      absence({
        absenceId: 'PD-2',
        employeeNumber: p2!.employeeNumber,
        type: 'childcare',
        startDate: '2026-11-10',
        endDate: '2026-11-10',
        comment: comments[1]!,
      }),
    ]);
    await setAbsenceSettings(h, { writePath: 'file', importFileRetentionDays: 10 });
    const result = await h.cliJson<AbsenceRunResult>('sync', 'start', '--kind', 'absences', '--connection', CONNECTION, ...PERIOD, '--wait');
    expect(result.counts).toMatchObject({ exported: 2, failed: 0 });
    const file = await h.cli('absences', 'file', result.runId);
    expect(file.code).toBe(0);
    for (const c of comments) expect(file.stdout).toContain(c.replace(/"/g, '""'));

    const purge = async () => (await new MockActivityEnvironment().run(createActivities(h.deps).purgeExpiredStaging)) as { importFilesPurged: number };
    const ageFile = (days: number) =>
      h.t.db.raw('UPDATE absence_import_files SET created_at = now() - make_interval(days => ?) WHERE run_id = ?', [days, result.runId]);
    await ageFile(9);
    expect((await purge()).importFilesPurged).toBe(0); // within the connection's 10 days
    expect(await everythingOutsideHr(h)).toContain('ørebetennelse');

    await ageFile(11);
    expect((await purge()).importFilesPurged).toBe(1);
    const dump = await everythingOutsideHr(h);
    expect(dump).toContain(result.runId);
    for (const c of comments) for (const word of c.split(/[\s:;"]+/).filter((w) => w.length >= 6)) expect(dump).not.toContain(word);
    const row = await h.t.db('absence_import_files').where({ run_id: result.runId }).first();
    expect(row).toMatchObject({ content: null, rows: 2 });
    expect(row.purged_at).toBeInstanceOf(Date);

    const after = await h.cli('absences', 'file', result.runId);
    expect(after.code).not.toBe(0);
    expect(after.stdout).toBe('');
    expect(after.stderr).toMatch(new RegExp(`The import file of run ${result.runId} \\(2 rows\\) was purged on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} `));
    expect((await purge()).importFilesPurged).toBe(0); // purged once
  });
});
