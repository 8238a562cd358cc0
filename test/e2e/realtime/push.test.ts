import { generateEmployees } from '../../../scripts/lib/generate-employees';
import { createOutboxStore } from '../../../db/realtime/outbox-store';
import type { OutboxRelay } from '../../../realtime/outbox-relay';
import { realtimeWorkflowId } from '../../../workflows/realtime/employee-realtime';
import { changesSignal, realtimeStateQuery } from '../../../workflows/realtime/messages';
import type { RunResult } from '../../../workflows/employees/types';
import { maybeRecordHistory } from '../../support/record-history';
import { endPushWorkflow, startTestRelay } from './push-support';
import { CONNECTION, OWNER, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';

const TODAY = '2026-11-23';

/**
 * Real-time push on real parts: Postgres triggers and NOTIFY, the relay, the Temporal dev server and worker, the fake
 * Xledger over HTTP. No `sync start` after the first run: HR changes reach Xledger on their own.
 */
describe('real-time push: HR change → outbox → relay → push workflow → Xledger', () => {
  let h: SyncHarness;
  let relay: OutboxRelay | undefined;
  const employees = generateEmployees(8, { seed: 15, today: TODAY });
  const [alice, bob, carol, dave, erin] = employees;

  const startRelay = async (pollMs?: number) => (relay = await startTestRelay(h, pollMs));
  const stopRelay = async () => {
    await relay?.stop();
    relay = undefined;
  };
  const xledgerOf = async (employeeNumber: string) => {
    const [e] = await h.xledger.employees.all({ filter: { ownerDbId: OWNER, code: employeeNumber } });
    return e!;
  };
  const deliveries = async () =>
    (
      await h.t.db.raw<{ rows: Array<{ outbox_id: string; employee_number: string; status: string; reason: string | null; run_id: string | null }> }>(
        `SELECT d.outbox_id, o.employee_number, d.status, d.reason, d.run_id FROM hr_outbox_deliveries d JOIN hr_outbox o ON o.id = d.outbox_id ORDER BY d.outbox_id`,
      )
    ).rows;
  const settledFor = (employeeNumber: string, after: number) => async () =>
    (await deliveries()).filter((d) => d.employee_number === employeeNumber && Number(d.outbox_id) > after);
  const lastOutboxId = async () => Number((await h.t.db('hr_outbox').max('id as id').first())?.id ?? 0);
  const hrUpdate = (employeeNumber: string, values: Record<string, string>) =>
    h.t
      .db('hr_employees')
      .where({ employee_number: employeeNumber })
      .update({ ...values, updated_at: h.t.db.fn.now() });

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto', createInHr: 'never', realtime: { enabled: true, createInXledger: true, debounce: '200 ms' } });
    await h.seedHr(employees);
    const first = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    expect(first.status).toBe('OK');
  }, 120_000);
  afterAll(async () => {
    await stopRelay();
    await endPushWorkflow(h);
    await h?.stop();
  });

  it('the outbox holds which employee and which columns changed, never the values', async () => {
    const before = await lastOutboxId();
    await hrUpdate(alice.employeeNumber, { bank_account: '12345678903', national_id: '01010012356' });
    const rows = await h.t.db('hr_outbox').where('id', '>', before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source_table: 'hr_employees', employee_number: alice.employeeNumber, operation: 'update' });
    expect(rows[0].changed_fields).toEqual(['bank_account', 'national_id']);
    expect(JSON.stringify(rows)).not.toMatch(/12345678903|01010012356/);
    // An update that changes nothing is not a change.
    await h.t.db('hr_employees').where({ employee_number: alice.employeeNumber }).update({ updated_at: h.t.db.fn.now() });
    expect(await lastOutboxId()).toBe(Number(rows[0].id));
  });

  it('settles the initial load: every change is delivered, done or held, with a reason', async () => {
    await startRelay();
    const all = await waitFor(deliveries, (ds) => ds.length > 0 && ds.every((d) => d.status !== 'pending'), 90_000);
    expect(all.every((d) => d.reason && d.run_id)).toBe(true);
    const outbox = await h.t.db('hr_outbox').whereNull('settled_at');
    expect(outbox).toHaveLength(0);
  }, 120_000);

  it('a change in HR reaches Xledger without any sync start', async () => {
    const after = await lastOutboxId();
    const runsBefore = await h.t.db('sync_runs').where({ trigger: 'manual' }).count({ n: '*' });
    await hrUpdate(bob.employeeNumber, { last_name: 'Realtimesen' });
    await waitFor(
      () => xledgerOf(bob.employeeNumber),
      (e) => e.contact?.lastName === 'Realtimesen',
      30_000,
    );
    const [d] = await waitFor(settledFor(bob.employeeNumber, after), (ds) => ds.length === 1 && ds[0]!.status !== 'pending');
    expect(d).toMatchObject({ status: 'done' });
    const run = await waitFor(
      () => h.t.db('sync_runs').where({ id: d!.run_id }).first(),
      (r) => r?.finished_at != null,
    );
    expect(run).toMatchObject({ trigger: 'realtime', kind: 'employees', status: 'OK' });
    expect(await h.t.db('sync_runs').where({ trigger: 'manual' }).count({ n: '*' })).toEqual(runsBefore);
    const history = await h.t.db('employee_history').where({ run_id: d!.run_id, employee_number: bob.employeeNumber, event: 'updated' });
    expect(history.map((r) => r.field)).toContain('lastName');
    await maybeRecordHistory(h.temporal.client.workflow.getHandle(d!.run_id!), 'realtime-push-one-change-2026-12b', h.temporal.secretKey);
  }, 60_000);

  it('never overwrites a field Xledger changed since the last sync: it is held back for the next run, the rest is pushed', async () => {
    const x = await xledgerOf(carol.employeeNumber);
    await h.xledger.employees.update([{ node: { dbId: x.dbId, firstName: 'ChangedInXledger' } }]);
    const after = await lastOutboxId();
    await hrUpdate(carol.employeeNumber, { first_name: 'ChangedInHr', last_name: 'Pushedsen' });
    const [d] = await waitFor(settledFor(carol.employeeNumber, after), (ds) => ds.length === 1 && ds[0]!.status !== 'pending', 30_000);
    expect(d!.status).toBe('held');
    expect(d!.reason).toMatch(/First name: Changed in both HR and Xledger since the last sync; held for the next run's decisions/);
    const now = await xledgerOf(carol.employeeNumber);
    expect(now.contact?.firstName).toBe('ChangedInXledger');
    expect(now.contact?.lastName).toBe('Pushedsen');
    const held = await h.t.db('employee_history').where({ run_id: d!.run_id, employee_number: carol.employeeNumber, event: 'held' });
    expect(held.map((r) => r.field)).toEqual(['firstName']);
    // Shown as such to the admin: the CLI lists it with its reason.
    const status = await h.cliJson<{ heldBack: number; held: Array<{ employee: string; reason: string }> }>('push', 'status', CONNECTION);
    expect(status.held.find((x) => x.employee === carol.employeeNumber)?.reason).toMatch(/First name: .*held for the next run/);
    // The next run sees the conflict and asks (the push did not move the baseline past Xledger's change).
    const dry = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--dry-run', '--wait', '--queue');
    expect(dry.plan?.pendingCount).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('changes handed over twice are pushed once (deduplicated by outbox id)', async () => {
    await stopRelay();
    const after = await lastOutboxId();
    await hrUpdate(dave.employeeNumber, { last_name: 'Oncesen' });
    await h.t.db('hr_positions').where({ employee_number: dave.employeeNumber }).update({ job_title: 'Twice Titled' });
    const outbox = createOutboxStore(h.t.db);
    const connection = await h.deps.connections.get(CONNECTION);
    await outbox.dispatch([connection.id]);
    const changes = await outbox.toSignal(connection.id, 0, 100);
    expect(changes.length).toBeGreaterThanOrEqual(2); // the employee row and their position rows
    expect(new Set(changes.map((c) => c.employeeNumber))).toEqual(new Set([dave.employeeNumber]));
    const handle = h.temporal.client.workflow.getHandle(realtimeWorkflowId(CONNECTION));
    const idle = await waitFor(
      () => handle.query(realtimeStateQuery),
      (st) => st.pending === 0 && st.pushing === 0,
    );
    const runsBefore = idle.pushRuns;
    const updatesBefore = h.fake.stats().mutationNodes.updateEmployees ?? 0;
    // The same changes three times, as a relay that crashed before recording its signal would send them again.
    for (let i = 0; i < 3; i++) await handle.signal(changesSignal, { changes, debounceMs: 300 });
    const settled = await waitFor(
      settledFor(dave.employeeNumber, after),
      (ds) => ds.length === changes.length && ds.every((d) => d.status !== 'pending'),
      30_000,
    );
    expect(new Set(settled.map((d) => d.run_id)).size).toBe(1);
    await new Promise((r) => setTimeout(r, 1_500)); // room for a second push, were there one
    expect((await handle.query(realtimeStateQuery)).pushRuns).toBe(runsBefore + 1);
    expect((h.fake.stats().mutationNodes.updateEmployees ?? 0) - updatesBefore).toBe(1);
    const now = await xledgerOf(dave.employeeNumber);
    expect(now.contact?.lastName).toBe('Oncesen');
    expect(now.contact?.jobTitle).toBe('Twice Titled');
  }, 60_000);

  it('catches up by polling: a change made while no relay listened, and one made while its LISTEN connection was cut', async () => {
    await stopRelay();
    const after = await lastOutboxId();
    await hrUpdate(erin.employeeNumber, { last_name: 'Missedsen' }); // its NOTIFY reaches nobody
    const r = await startRelay(600_000); // no timer poll within the test: only the poll after connecting can find it
    await waitFor(
      () => xledgerOf(erin.employeeNumber),
      (e) => e.contact?.lastName === 'Missedsen',
      30_000,
    );

    await h.t.db.raw(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`);
    await hrUpdate(alice.employeeNumber, { last_name: 'Cutsen' });
    await waitFor(
      () => xledgerOf(alice.employeeNumber),
      (e) => e.contact?.lastName === 'Cutsen',
      30_000,
    );
    expect(r.stats.reconnects).toBeGreaterThanOrEqual(1);
    expect((await settledFor(erin.employeeNumber, after)()).every((d) => d.status === 'done')).toBe(true);
  }, 90_000);

  it('a push waits while a run of the connection is open, and goes on once it has ended', async () => {
    // Carol's first name is still in conflict: a run waits for an admin's decision.
    // --queue: a push may hold the lock for a moment (a manual run is refused, or queued, behind it like behind any run).
    const waiting = await h.cliJson<{ runId: string; phase: string }>('sync', 'start', '--connection', CONNECTION, '--wait', '--queue');
    expect(waiting.phase).toBe('waiting-for-decisions');
    const after = await lastOutboxId();
    await hrUpdate(erin.employeeNumber, { last_name: 'Afterrunsen' });
    const handle = h.temporal.client.workflow.getHandle(realtimeWorkflowId(CONNECTION));
    await waitFor(
      () => handle.query(realtimeStateQuery),
      (s) => s.waitingForRun === waiting.runId,
      30_000,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await settledFor(erin.employeeNumber, after)())[0]?.status).toBe('pending');
    expect((await xledgerOf(erin.employeeNumber)).contact?.lastName).toBe('Missedsen');

    const cancelled = await h.cli('sync', 'cancel', waiting.runId);
    expect(cancelled.code).toBe(0);
    await waitFor(
      () => xledgerOf(erin.employeeNumber),
      (e) => e.contact?.lastName === 'Afterrunsen',
      60_000,
    );
    expect((await waitFor(settledFor(erin.employeeNumber, after), (ds) => ds[0]?.status === 'done'))[0]!.run_id).not.toBe(waiting.runId);
    // The push workflow's history so far (pushes, deduplicated signals, waiting for a run) replays in test/replay.
    await maybeRecordHistory(handle, 'realtime-entity-pushes-2026-12b', h.temporal.secretKey);
  }, 120_000);
  it('validates like a run: a bad HR value is held with the field and reason, and the result is emailed', async () => {
    h.smtp.clear();
    const after = await lastOutboxId();
    await hrUpdate(dave.employeeNumber, { work_email: 'not-an-email' });
    const [d] = await waitFor(settledFor(dave.employeeNumber, after), (ds) => ds.length === 1 && ds[0]!.status !== 'pending', 30_000);
    expect(d!.status).toBe('held');
    expect(d!.reason).toMatch(/Not written: .*email/i);
    expect((await xledgerOf(dave.employeeNumber)).email).not.toBe('not-an-email');
    const [mail] = await h.smtp.waitForMessages(1, 30_000);
    expect(mail!.subject).toMatch(/acme/);
    // As a run's: the run is OK (an invalid person is reported, not a failure of the run), the email says who and why.
    expect(mail!.text).toContain(d!.run_id!);
  }, 60_000);
});
