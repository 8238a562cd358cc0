import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { AbsenceRunProgress, AbsenceRunResult } from '../../../workflows/absences/types';
import { maybeRecordHistory } from '../../support/record-history';
import { CONNECTION, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';
import { absence, absencesInXledger, absenceWrites, employedAllNovember, hrAbsences, linkEmployees, PERIOD, setAbsenceSettings } from './helpers';

const TODAY = '2026-11-23';
const SPECIAL = 'Ærlig talt; "sykt barn", <b>&amp;</b> 😷\nlinje 2, ØÅ';

describe('absence sync end to end: HR import → CLI → Temporal → Postgres → fake Xledger → SMTP', () => {
  let h: SyncHarness;
  const people = employedAllNovember(generateEmployees(14, { seed: 21, today: TODAY })).slice(0, 4);
  const [e1, e2, e3, e4] = people.map((p) => p.employeeNumber);
  let tmp: string;

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto' });
    await linkEmployees(h, people);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xsync-absences-'));
  }, 120_000);
  afterAll(() => h?.stop());

  const start = (...extra: string[]) =>
    h.cliJson<AbsenceRunResult>('sync', 'start', '--kind', 'absences', '--connection', CONNECTION, ...PERIOD, '--wait', ...extra);
  const items = (runId: string) => h.t.db('sync_run_items').where({ run_id: runId }).orderBy('seq');

  it('imports absences from a ;-separated CSV with special characters in comments, reporting a bad row by line', async () => {
    expect(people).toHaveLength(4);
    const file = path.join(tmp, 'absences.csv');
    const quoted = `"${SPECIAL.replace(/"/g, '""')}"`;
    fs.writeFileSync(
      file,
      [
        'absenceId;employeeNumber;type;startDate;endDate;startTime;endTime;percent;comment;status',
        `A-1;${e1};vacation;2026-11-02;2026-11-06;;;;;approved`,
        `A-2;${e1};sick_leave;2026-11-16;2026-11-16;09:00;12:00;50;${quoted};approved`,
        `A-3;${e2};childcare;2026-11-09;2026-11-10;;;100;Henting;approved`,
        `A-4;${e3};PL;2026-11-03;2026-11-27;;;40;;approved`,
        `A-5;${e4};vacation;2026-11-04;;;;;;pending`,
        `A-6;${e4};vacation;2026-11-31;;;;;;approved`,
      ].join('\r\n'),
    );
    const r = await h.cli('--json', 'hr', 'import', '--absences', file);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ separator: ';', created: 5, rejected: [{ line: 8, employeeNumber: e4, field: 'startDate' }] });
    expect(summary.rejected[0].reason).toMatch(/"2026-11-31" is not a real date/);
  });

  it('a first export creates the approved absences, with the mapping defaults and the exact comment', async () => {
    h.smtp.clear();
    const result = await start();
    expect(result.status).toBe('OK');
    expect(result.counts).toMatchObject({ created: 4, updated: 0, unchanged: 0, invalid: 0, failed: 0 });
    expect(result.plan?.writePath).toBe('api');
    const inXledger = await absencesInXledger(h);
    expect(inXledger).toHaveLength(4);
    const a1 = inXledger.find((a) => a.fromDate === '2026-11-02')!;
    expect(a1).toMatchObject({
      absenceCode: { code: 'V' },
      toDate: '2026-11-06',
      leavePercent: '100',
      comment: 'temporary comment',
      text: 'vacation',
      approved: true,
    });
    const a2 = inXledger.find((a) => a.absenceCode?.code === 'SWN')!;
    expect(a2).toMatchObject({ comment: SPECIAL, timeFrom: '09:00', timeTo: '12:00', leavePercent: '50' });
    expect(inXledger.find((a) => a.absenceCode?.code === 'PL')?.leavePercent).toBe('40'); // a custom leave code, as it is
    const mail = await h.smtp.waitForMessages(1);
    expect(mail[0].subject).toMatch(/\[OK\] acme – absence sync/);
    expect(mail[0].text).toMatch(/Created in Xledger: +4/);
    const history = await h.cliJson<Array<{ event: string; field: string; new_value: string }>>('history', e1);
    expect(history.filter((r) => r.field?.startsWith('absence '))).toEqual([
      expect.objectContaining({ event: 'created', field: 'absence A-1', new_value: 'V 2026-11-02..2026-11-06 100 % (with comment)' }),
      expect.objectContaining({ event: 'created', field: 'absence A-2' }),
    ]);
    await maybeRecordHistory(h.temporal.client.workflow.getHandle(result.runId), 'absences-first-export-2026-12', h.env.XSYNC_SECRET_KEY!);
  });

  it('a re-run with nothing changed writes nothing', async () => {
    const before = absenceWrites(h);
    const result = await start();
    expect(result.status).toBe('OK');
    expect(result.counts).toMatchObject({ created: 0, updated: 0, removed: 0, unchanged: 4 });
    expect(absenceWrites(h)).toBe(before);
  });

  it('an absence edited in HR is updated in Xledger (only what changed), and shows in the history', async () => {
    const a3 = (await hrAbsences(h).get('A-3'))!;
    await hrAbsences(h).upsert([{ ...a3, endDate: '2026-11-11', comment: 'Henting, "barnehage"' }]);
    const result = await start('--employee', e2);
    expect(result.counts).toMatchObject({ updated: 1, created: 0, unchanged: 0 });
    const x = (await absencesInXledger(h)).find((a) => a.absenceCode?.code === 'CS')!;
    expect(x).toMatchObject({ toDate: '2026-11-11', comment: 'Henting, "barnehage"' });
    const history = await h.cliJson<Array<{ event: string; field: string; old_value: string; new_value: string }>>('history', e2);
    expect(history.filter((r) => r.event === 'updated')).toEqual([
      expect.objectContaining({ field: 'absence A-3 toDate', old_value: '2026-11-10', new_value: '2026-11-11' }),
      expect.objectContaining({ field: 'absence A-3 comment', old_value: '(comment)', new_value: '(comment)' }), // the text stays out of history
    ]);
    expect(JSON.stringify(history)).not.toContain('Henting');
  });

  it('refuses each bad absence with its reason and writes the good ones', async () => {
    const store = hrAbsences(h);
    const bad = [
      absence({ absenceId: 'R-unlinked', employeeNumber: 'E99999' }),
      absence({ absenceId: 'R-not-employed', employeeNumber: e1, startDate: '1990-01-01', endDate: '1990-01-02' }),
      absence({ absenceId: 'R-code', employeeNumber: e2, type: 'sabbatical', startDate: '2026-11-20', endDate: '2026-11-20' }),
      absence({ absenceId: 'R-end', employeeNumber: e2, startDate: '2026-11-25', endDate: '2026-11-24' }),
      absence({ absenceId: 'R-percent', employeeNumber: e3, startDate: '2026-12-01', endDate: '2026-12-01', percent: '150' }),
      absence({ absenceId: 'R-time', employeeNumber: e3, startDate: '2026-12-02', endDate: null, endTime: '12:00' }),
      absence({ absenceId: 'R-overlap', employeeNumber: e3, startDate: '2026-11-10', endDate: '2026-11-12', percent: '70' }),
    ];
    for (const a of bad) await store.insertUnchecked(a);
    const result = await start('--from', '1990-01-01'); // commander keeps the last --from
    expect(result.status).toBe('OK');
    expect(result.counts).toMatchObject({ invalid: 8, created: 0, updated: 0, unchanged: 3 });
    const refused = Object.fromEntries((await items(result.runId)).filter((i) => i.classification === 'invalid').map((i) => [i.item_key, i.outcome_detail]));
    expect(refused['R-unlinked']).toMatch(/employee E99999 is not linked to Xledger/);
    expect(refused['R-not-employed']).toMatch(/is not employed for the whole absence \(1990-01-01 to 1990-01-02/);
    expect(refused['R-code']).toBe('type: the leave code "sabbatical" (type "sabbatical") is not an absence code in Xledger');
    expect(refused['R-end']).toBe('endDate: the end date 2026-11-24 is before the start date 2026-11-25');
    expect(refused['R-percent']).toBe('percent: the percent 150 is outside (0, 100]');
    expect(refused['R-time']).toBe('endTime: endTime is given without an end date');
    expect(refused['R-overlap']).toMatch(/overlaps absence A-4 of the same employee from 2026-11-10 with 110 % in total/);
    expect(refused['A-4']).toMatch(/overlaps absence R-overlap/);
    expect(await absencesInXledger(h)).toHaveLength(4);
    await store.remove(bad.map((a) => a.absenceId));
  });

  it('an absence cancelled in HR is kept under policy keep, then removed under policy remove', async () => {
    await setAbsenceSettings(h, { cancelled: 'keep' });
    const a1 = (await hrAbsences(h).get('A-1'))!;
    await hrAbsences(h).upsert([{ ...a1, status: 'cancelled' }]);
    const kept = await start();
    expect(kept.counts).toMatchObject({ kept: 1, removed: 0, unchanged: 3 });
    expect(await absencesInXledger(h)).toHaveLength(4);

    await setAbsenceSettings(h, { cancelled: 'remove' });
    const removed = await start();
    expect(removed.counts).toMatchObject({ removed: 1, kept: 0, unchanged: 3 });
    expect((await absencesInXledger(h)).map((a) => a.fromDate)).not.toContain('2026-11-02');
    expect(await h.t.db('absence_links').where({ absence_id: 'A-1' })).toHaveLength(0);
    const history = await h.cliJson<Array<{ event: string; field: string }>>('history', e1);
    expect(history).toContainEqual(expect.objectContaining({ event: 'removed', field: 'absence A-1' }));
  });

  it('an absence deleted in HR under policy ask waits for the admin, who removes it', async () => {
    await setAbsenceSettings(h, { cancelled: 'ask' });
    await hrAbsences(h).remove(['A-4']);
    const waiting = (await start()) as unknown as AbsenceRunProgress;
    expect(waiting.phase).toBe('waiting-for-decisions');
    const pending = await h.cliJson<{ items: Array<{ absenceId: string; employeeNumber: string; code: string }> }>('absences', 'decisions', waiting.runId);
    expect(pending.items).toEqual([expect.objectContaining({ absenceId: 'A-4', employeeNumber: e3, code: 'PL' })]);
    const bad = await h.cli('absences', 'decide', waiting.runId, '--remove', 'A-404');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/no decision is pending for absence A-404/);
    await h.cliJson('absences', 'decide', waiting.runId, '--remove', 'A-4', '--as', 'hr-admin@acme.test');
    const result = (await waitFor(
      () => h.cliJson<AbsenceRunResult | AbsenceRunProgress>('sync', 'status', waiting.runId),
      (r) => 'counts' in r,
    )) as AbsenceRunResult;
    expect(result.counts).toMatchObject({ removed: 1, unchanged: 2 });
    expect((await absencesInXledger(h)).map((a) => a.absenceCode?.code)).not.toContain('PL');
    const [decision] = await h.t.db('sync_run_decisions').where({ run_id: waiting.runId }).orderBy('seq').offset(1);
    expect(decision.decision).toMatchObject({ absenceId: 'A-4', choice: 'remove', attribution: { by: 'hr-admin@acme.test', how: 'absence' } });
  });

  it('under policy ask, an absence the admin keeps stays in Xledger', async () => {
    await hrAbsences(h).remove(['A-3']);
    const waiting = (await start()) as unknown as AbsenceRunProgress;
    expect(waiting.phase).toBe('waiting-for-decisions');
    await h.cliJson('absences', 'decide', waiting.runId, '--all', 'keep');
    const result = (await waitFor(
      () => h.cliJson<AbsenceRunResult | AbsenceRunProgress>('sync', 'status', waiting.runId),
      (r) => 'counts' in r,
    )) as AbsenceRunResult;
    expect(result.counts).toMatchObject({ kept: 1, removed: 0 });
    expect((await absencesInXledger(h)).map((a) => a.absenceCode?.code)).toContain('CS');
  });

  it('where the API has no absence mutation (found by introspection), the run produces the exact import file instead', async () => {
    h.fake.setKnobs({ absenceMutations: false });
    try {
      const check = await h.cliJson<{ notes: string[] }>('connections', 'test', CONNECTION);
      expect(check.notes.join('\n')).toMatch(/no absence mutation .*import file/);
      await setAbsenceSettings(h, { cancelled: 'remove' });
      const a2 = (await hrAbsences(h).get('A-2'))!;
      await hrAbsences(h).upsert([
        { ...a2, percent: '60' },
        absence({ absenceId: 'F-1', employeeNumber: e4, type: 'childcare', startDate: '2026-12-14', endDate: '2026-12-15', comment: 'Jul, "nisse"; ok' }),
      ]);
      const before = absenceWrites(h);
      const result = await start();
      expect(result.plan?.writePath).toBe('file');
      expect(result.counts).toMatchObject({ exported: 2, created: 0, updated: 0, removed: 0, skipped: 1 }); // remove by hand
      expect(absenceWrites(h)).toBe(before);
      expect(result.importFile).toMatchObject({ rows: 2, command: `xsync absences file ${result.runId} --out ${result.runId}.csv` });
      const status = await h.cli('sync', 'status', result.runId);
      expect(status.stdout).toContain(`Import file (2 rows): xsync absences file ${result.runId}`);
      const out = path.join(tmp, 'import.csv');
      await h.cliJson('absences', 'file', result.runId, '--out', out);
      const title = (n: string) =>
        people
          .find((p) => p.employeeNumber === n)!
          .positions.slice()
          .sort((a, b) => (a.startDate < b.startDate ? -1 : 1))[0].jobTitle;
      const specialCsv = `"${SPECIAL.replace(/"/g, '""')}"`;
      expect(fs.readFileSync(out, 'utf8')).toBe(
        '\uFEFF' +
          [
            'Employee number,Position title,Leave code,Note,Name,Leave percentage,From date,To date,Time from,Time to',
            `${e1},${title(e1)},SWN,${specialCsv},sick_leave,60,2026-11-16,2026-11-16,09:00,12:00`,
            `${e4},${title(e4)},CS,"Jul, ""nisse""; ok",childcare,100,2026-12-14,2026-12-15,,`,
            '',
          ].join('\r\n'),
      );
      const mail = (await h.smtp.waitForMessages(1)).at(-1)!;
      expect(mail.text).toContain(`Save it with: xsync absences file ${result.runId}`);
    } finally {
      h.fake.setKnobs({ absenceMutations: true });
    }
  });

  it('has a daily schedule by default, whose runs take the calendar year of their day', async () => {
    try {
      const set = await h.cliJson<{ spec: string; scheduleId: string }>('schedules', 'set', CONNECTION, '--kind', 'absences');
      expect(set.spec).toMatch(/06:30 \(Oslo\)/);
      expect(set.scheduleId).toBe(`xsync.${CONNECTION}.absences`);
      const t = await h.cliJson<{ runId: string }>('schedules', 'trigger', CONNECTION, '--kind', 'absences');
      expect(t.runId).toMatch(new RegExp(`^absences\\.${CONNECTION}\\.scheduled-`));
      const result = (await waitFor(
        () => h.cliJson<AbsenceRunResult | AbsenceRunProgress>('sync', 'status', t.runId),
        (r) => 'counts' in r,
      )) as AbsenceRunResult;
      expect(result.status).toBe('OK');
      const year = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' }).slice(0, 4);
      expect(result.period).toEqual({ from: `${year}-01-01`, to: `${year}-12-31` });
      expect(await h.t.db('sync_runs').where({ id: t.runId }).first()).toMatchObject({ kind: 'absences', trigger: 'schedule' });
    } finally {
      await h.cli('schedules', 'remove', CONNECTION);
    }
  });

  it('refuses run options a kind does not take or that are wrong, before starting anything (exit 2)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--kind', 'absences', '--from', '2026-01-01'], /give both --from and --to/],
      [['--kind', 'absences', '--from', '2026-12-31', '--to', '2026-01-01'], /the period ends before it starts/],
      [['--kind', 'absences', '--from', '2026-02-30', '--to', '2026-03-01'], /from: must be a date written as YYYY-MM-DD/],
      [['--kind', 'employees', '--employee', 'E1'], /--employee is an option of --kind absences, not of employees/],
    ];
    const runsBefore = await h.t.db('sync_runs').count({ n: '*' });
    for (const [args, message] of cases) {
      const r = await h.cli('sync', 'start', '--connection', CONNECTION, ...args);
      expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(message)]);
    }
    expect(await h.t.db('sync_runs').count({ n: '*' })).toEqual(runsBefore);
  });
});
