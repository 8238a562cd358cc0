import { ScheduleOverlapPolicy } from '@temporalio/client';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import { runKind } from '../../../kinds/registry';
import { applySchedule, describeSchedule } from '../../../temporal/schedules';
import type { ScheduleView } from '../../../client/schedules-service';
import { CONNECTION, OWNER, RECIPIENT, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';
import { FULL } from '../../xledger/helpers';

const TODAY = '2026-11-23';
const SCHEDULE = `xsync.${CONNECTION}.employees`;

/** Temporal Schedules on the real dev server (the time-skipping server has none). */
describe('schedules: every kind of run on Temporal Schedules, per connection', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto', createInHr: 'auto' });
    await h.seedHr(generateEmployees(6, { seed: 4, today: TODAY }).map((e) => ({ ...e, status: 'active' as const })));
  });
  afterAll(async () => {
    // The test namespace is shared by every test file: leave no schedule behind (doctor would report it as an orphan).
    await h?.cli('schedules', 'remove', CONNECTION);
    await h?.stop();
  });

  const handle = () => h.temporal.client.schedule.getHandle(SCHEDULE);
  const runsOfSchedule = (id = SCHEDULE) => h.t.db('sync_runs').where({ schedule_id: id }).orderBy('started_at');

  it('creates one schedule per connection and kind with an Oslo calendar, SKIP overlap and a one-hour catch-up window', async () => {
    const set = await h.cliJson<ScheduleView>('schedules', 'set', CONNECTION, '--kind', 'employees', '--days', 'mon,wed,fri', '--at', '06:00');
    expect(set).toMatchObject({ scheduleId: SCHEDULE, spec: 'mon, wed, fri at 06:00 (Oslo)', paused: false, drift: [] });
    expect(set.nextRuns).toHaveLength(3);
    for (const t of set.nextRuns) expect(t).toMatch(/^\d{4}-\d{2}-\d{2} 06:0\d:\d{2} CET$/);
    const d = (await describeSchedule(h.temporal.client, SCHEDULE))!;
    expect(d.spec.timezone).toBe('Europe/Oslo');
    expect(d.spec.calendars).toHaveLength(1);
    expect(d.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 3_600_000, pauseOnFailure: false });
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'employeeSync', workflowId: `employees.${CONNECTION}.scheduled` });
    for (const at of d.info.nextActionTimes.slice(0, 3)) {
      expect(['Monday', 'Wednesday', 'Friday']).toContain(at.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'Europe/Oslo' }));
    }
  });

  it('a 06:00 Oslo schedule fires at 05:0x UTC in winter and 04:0x UTC in summer', async () => {
    const id = `xsync.dst-check.employees`;
    await applySchedule(h.temporal.client, {
      scheduleId: id,
      kind: runKind('employees'),
      connectionName: 'dst-check',
      request: { type: 'calendar', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], at: '06:00' },
      taskQueue: 'nobody-polls-this',
      startAt: new Date('2027-03-26T00:00:00Z'), // Norway moves to summer time on 2027-03-28
    });
    try {
      await h.temporal.client.schedule.getHandle(id).pause('DST test: never run');
      const times = (await describeSchedule(h.temporal.client, id))!.info.nextActionTimes.map((t) => t.toISOString());
      expect(times.slice(0, 4).map((t) => t.slice(0, 13))).toEqual(['2027-03-26T05', '2027-03-27T05', '2027-03-28T04', '2027-03-29T04']);
    } finally {
      await h.temporal.client.schedule.getHandle(id).delete();
    }
  });

  it('trigger starts a real run that completes with trigger=schedule, and reads like a manual run', async () => {
    const t = await h.cliJson<{ runId: string | null }>('schedules', 'trigger', CONNECTION, '--kind', 'employees');
    expect(t.runId).toMatch(new RegExp(`^employees\\.${CONNECTION}\\.scheduled-`));
    const result = await waitFor(
      () => h.cliJson<{ status?: string; counts?: { created: number } }>('sync', 'status', t.runId!),
      (r) => r.status === 'OK' && r.counts !== undefined,
      60_000,
    );
    expect(result).toMatchObject({ counts: { created: 6 } });
    const [row] = await runsOfSchedule();
    expect(row).toMatchObject({ id: t.runId, trigger: 'schedule', status: 'OK', schedule_id: SCHEDULE });
    const listed = await h.cliJson<Array<{ run: string; trigger: string; status: string }>>('runs', 'list', '--connection', CONNECTION);
    expect(listed.find((r) => r.run === t.runId)).toMatchObject({ trigger: 'schedule', status: 'OK' });
    const d = await h.temporal.client.workflow.getHandle(t.runId!).describe();
    expect(d.typedSearchAttributes.get({ name: 'XsyncTrigger', type: 'KEYWORD' } as never)).toBe('schedule');
    expect(d.typedSearchAttributes.get({ name: 'XsyncScheduleId', type: 'KEYWORD' } as never)).toBe(SCHEDULE);
    const mail = await waitFor(
      async () => h.smtp.messages.find((m) => (m.text ?? '').includes(t.runId!)),
      (m) => m !== undefined,
    );
    expect(mail!.text).toMatch(/Trigger:\s+schedule/);
    const shown = await h.cliJson<ScheduleView>('schedules', 'show', CONNECTION, '--kind', 'employees');
    expect(shown.lastRun).toMatchObject({ runId: t.runId, status: 'OK' });
  });

  it('while a run is open, a trigger is refused and a raw Temporal trigger is refused by the one-run guard', async () => {
    h.fake.setKnobs({ latencyMs: 1_500 });
    try {
      const { runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION);
      await waitFor(
        () => h.cliJson<{ phase?: string }>('sync', 'status', runId),
        (p) => p.phase === 'snapshotting',
      );
      const refused = await h.cli('schedules', 'trigger', CONNECTION, '--kind', 'employees');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(`error: run ${runId} of connection "${CONNECTION}" is still open; the schedule was not triggered (try again when it ends)\n`);
      const before = (await runsOfSchedule()).length;
      await handle().trigger(ScheduleOverlapPolicy.ALLOW_ALL); // past the CLI: the run itself refuses
      const rows = await waitFor(runsOfSchedule, (r) => r.length === before + 1 && r[r.length - 1].finished_at !== null);
      expect(rows[rows.length - 1]).toMatchObject({ status: 'REFUSED', refused_by: runId, trigger: 'schedule' });
      const open = await h.t.db('sync_runs').whereNull('finished_at');
      expect(open.map((r) => r.id)).toEqual([runId]);
      await waitFor(
        () => h.cliJson<{ status?: string }>('sync', 'status', runId),
        (r) => r.status === 'OK',
        60_000,
      );
    } finally {
      h.fake.setKnobs({ latencyMs: 0 });
    }
  });

  it('an interval schedule of a few seconds fires at least twice, and each run completes', async () => {
    const set = await h.cliJson<ScheduleView>('schedules', 'set', CONNECTION, '--kind', 'employees', '--every', '5s');
    expect(set.spec).toBe('every 5s');
    const started = Date.now();
    const rows = await waitFor(
      async () => (await runsOfSchedule()).filter((r) => r.started_at.getTime() >= started && r.status === 'OK'),
      (r) => r.length >= 2,
      40_000,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });

  it('pause stops it, with the note; --until resumes it by itself', async () => {
    const paused = await h.cliJson<ScheduleView[]>('schedules', 'pause', CONNECTION, '--kind', 'employees', '--note', 'payroll freeze');
    expect(paused[0]).toMatchObject({ paused: true, pauseNote: 'payroll freeze', drift: [] });
    expect((await describeSchedule(h.temporal.client, SCHEDULE))!.state).toMatchObject({ paused: true });
    // Let a run in flight end, then nothing more starts while paused.
    await waitFor(
      () => h.t.db('sync_runs').whereNull('finished_at'),
      (r) => r.length === 0,
      30_000,
    );
    const count = (await runsOfSchedule()).length;
    await new Promise((r) => setTimeout(r, 12_000));
    expect((await runsOfSchedule()).length).toBe(count);

    const until = new Date(Date.now() + 6_000).toISOString();
    const again = await h.cliJson<ScheduleView[]>('schedules', 'pause', CONNECTION, '--kind', 'employees', '--note', 'short freeze', '--until', until);
    expect(again[0]!.pausedUntil).not.toBeNull();
    const resumed = await waitFor(
      () => h.cliJson<ScheduleView>('schedules', 'show', CONNECTION, '--kind', 'employees'),
      (v) => !v.paused,
      40_000,
    );
    expect(resumed.drift).toEqual([]);
    expect((await describeSchedule(h.temporal.client, SCHEDULE))!.state.paused).toBe(false);
    await h.cliJson('schedules', 'pause', CONNECTION, '--kind', 'employees', '--note', 'test over');
  });

  it('shows drift between what was asked and what runs, and a schedule whose connection is gone', async () => {
    await handle().unpause('changed behind our back');
    const list = await h.cli('--json', 'schedules', 'list');
    expect(list.code).toBe(1);
    const parsed = JSON.parse(list.stdout) as { schedules: ScheduleView[]; orphans: Array<{ scheduleId: string }> };
    expect(parsed.schedules.find((s) => s.scheduleId === SCHEDULE)!.drift).toEqual(['paused here but running in Temporal']);
    await h.cliJson('schedules', 'pause', CONNECTION, '--kind', 'employees', '--note', 'test over');

    const orphan = 'xsync.gone-connection.employees';
    await applySchedule(h.temporal.client, {
      scheduleId: orphan,
      kind: runKind('employees'),
      connectionName: 'gone-connection',
      request: { type: 'interval', everySeconds: 3600 },
      taskQueue: 'nobody',
    });
    await h.temporal.client.schedule.getHandle(orphan).pause('orphan test');
    const withOrphan = JSON.parse((await h.cli('--json', 'schedules', 'list')).stdout) as { orphans: Array<{ scheduleId: string }> };
    expect(withOrphan.orphans.map((o) => o.scheduleId)).toContain(orphan);
    await h.temporal.client.schedule.getHandle(orphan).delete();
  });

  it.each([
    [['schedules', 'set', CONNECTION, '--kind', 'employees', '--days', 'funday', '--at', '06:00'], 'error: --days: unknown day "funday"'],
    [['schedules', 'set', CONNECTION, '--kind', 'employees', '--days', 'mon', '--at', '25:00'], 'error: --at: "25:00" is not a time of day'],
    [['schedules', 'set', CONNECTION, '--kind', 'employees', '--every', '0m'], 'error: --every: "0m" is too short'],
    [['schedules', 'set', CONNECTION, '--kind', 'payroll'], 'error: --kind: unknown kind "payroll"'],
    [['schedules', 'set', 'nope', '--kind', 'employees'], 'error: connection: no connection named "nope"'],
    [['schedules', 'pause', CONNECTION, '--note', 'x', '--until', '2020-01-01'], 'error: --until: 2020-01-01 is not in the future'],
    [['schedules', 'trigger', CONNECTION, '--kind', 'nope'], 'error: --kind: unknown kind "nope"'],
  ])('bad input %j is one line naming the argument, exit 2', async (args, start) => {
    const r = await h.cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(start)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('connections remove removes the connection’s schedules from Temporal too', async () => {
    await h.deps.connections.add({ name: 'short-lived', xledgerUrl: h.fake.url, ownerEntityId: OWNER, token: FULL, settings: { recipients: [RECIPIENT] } });
    await h.cliJson('schedules', 'set', 'short-lived', '--kind', 'employees');
    expect(await describeSchedule(h.temporal.client, 'xsync.short-lived.employees')).toBeDefined();
    const removed = await h.cliJson<{ schedules: string[] }>('connections', 'remove', 'short-lived');
    expect(removed.schedules).toEqual(['xsync.short-lived.employees']);
    expect(await describeSchedule(h.temporal.client, 'xsync.short-lived.employees')).toBeUndefined();
    expect(await h.t.db('schedules').where({ schedule_id: 'xsync.short-lived.employees' })).toEqual([]);
  });
});
