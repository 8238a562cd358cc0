import { WorkflowNotFoundError } from '@temporalio/client';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import { createOutboxStore } from '../../../db/realtime/outbox-store';
import type { OutboxRelay } from '../../../realtime/outbox-relay';
import { realtimeWorkflowId } from '../../../workflows/realtime/employee-realtime';
import type { RunResult } from '../../../workflows/employees/types';
import { endPushWorkflow, startTestRelay } from './push-support';
import { CONNECTION, OWNER, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';
import { FULL } from '../../xledger/helpers';

/**
 * `xsync connections remove` on real parts (the CLI process, the Temporal dev server and worker, Postgres and its
 * triggers, the relay, the fake Xledger): the connection's push workflow, which never ends by itself, is terminated,
 * its changes still waiting are dropped (their outbox rows settle), and the relay does not start it again.
 */
describe('connections remove ends the real-time push of the connection', () => {
  let h: SyncHarness;
  let relay: OutboxRelay | undefined;
  const employees = generateEmployees(3, { seed: 21, today: '2026-11-23' });
  const [alice, bob] = employees;

  const startRelay = async () => (relay = await startTestRelay(h));
  const hrUpdate = (employeeNumber: string, values: Record<string, string>) =>
    h.t
      .db('hr_employees')
      .where({ employee_number: employeeNumber })
      .update({ ...values, updated_at: h.t.db.fn.now() });
  const pushWorkflow = () => h.temporal.client.workflow.getHandle(realtimeWorkflowId(CONNECTION));

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto', createInHr: 'never', realtime: { enabled: true, debounce: '100 ms' } });
    await h.seedHr(employees);
    expect((await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait')).status).toBe('OK');
  }, 120_000);
  afterAll(async () => {
    await relay?.stop();
    await endPushWorkflow(h);
    await h?.stop();
  });

  it('terminates employees-realtime.<connection>, drops the changes it still had to push, and it is not started again', async () => {
    // The push workflow runs: a change went through it.
    await startRelay();
    await hrUpdate(alice.employeeNumber, { last_name: 'Beforeremove' });
    await waitFor(
      async () => (await h.xledger.employees.all({ filter: { ownerDbId: OWNER, code: alice.employeeNumber } }))[0],
      (e) => e?.contact?.lastName === 'Beforeremove',
      30_000,
    );
    await waitFor(
      () => h.t.db('hr_outbox_deliveries').where({ status: 'pending' }),
      (rows) => rows.length === 0,
      30_000,
    );
    await waitFor(
      () => h.t.db('sync_runs').whereNull('finished_at'),
      (rows) => rows.length === 0,
    );
    const running = await pushWorkflow().describe();
    expect(running.status.name).toBe('RUNNING');

    // A change made while no relay runs: it waits, pending, for the connection.
    await relay!.stop();
    relay = undefined;
    await hrUpdate(bob.employeeNumber, { last_name: 'Neverpushed' });
    const connection = await h.deps.connections.get(CONNECTION);
    await createOutboxStore(h.t.db).dispatch([connection.id]);
    const [waiting] = await h.t.db('hr_outbox_deliveries').where({ connection_id: connection.id, status: 'pending' });
    expect(waiting).toBeDefined();

    const removed = await h.cli('connections', 'remove', CONNECTION);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`its real-time push workflow (${realtimeWorkflowId(CONNECTION)}, terminated)`);
    expect(removed.stdout).toContain('1 HR change it had still to push');
    const ended = await pushWorkflow().describe();
    expect(ended.runId).toBe(running.runId);
    expect(ended.status.name).toBe('TERMINATED');
    expect(await h.t.db('hr_outbox_deliveries').where({ connection_id: connection.id, status: 'pending' })).toEqual([]);
    expect(await h.t.db('hr_outbox').where({ id: waiting.outbox_id }).first()).toMatchObject({ settled_at: expect.any(Date) });

    // The relay pushes for live connections only: another HR change starts no push workflow again.
    const r = await startRelay();
    await hrUpdate(bob.employeeNumber, { last_name: 'Afterremove' });
    await r.wake(); // a whole pass after the change (NOTIFY or not)
    const after = await pushWorkflow().describe();
    expect(after.runId).toBe(running.runId);
    expect(after.status.name).toBe('TERMINATED');
    const [bobNow] = await h.xledger.employees.all({ filter: { ownerDbId: OWNER, code: bob.employeeNumber } });
    expect(bobNow?.contact?.lastName).not.toBe('Afterremove');

    // Removing again (nothing running any more) says so and does not fail on the closed workflow.
    const json = await h.cliJson<{ realtimePush: string }>('connections', 'remove', CONNECTION, '--purge');
    expect(json.realtimePush).toBe('not running');
  }, 120_000);

  it('a connection that never pushed is removed without a push workflow to end', async () => {
    await h.deps.connections.add({ name: 'no-push', xledgerUrl: h.fake.url, ownerEntityId: OWNER, token: FULL, settings: {} });
    const json = await h.cliJson<{ realtimePush: string }>('connections', 'remove', 'no-push');
    expect(json.realtimePush).toBe('not running');
    await expect(h.temporal.client.workflow.getHandle(realtimeWorkflowId('no-push')).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  }, 60_000);
});
