import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { RunResult } from '../../../workflows/employees/types';
import { CONNECTION, OWNER, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';
import { spawnWorkerProcess, stopProcess } from '../../support/worker-process';
import { endPushWorkflow } from './push-support';

const CHANGES = 150;

/**
 * The worker (and the relay it runs) SIGKILLed in the middle of a stream of HR changes and started again: afterwards
 * Xledger matches HR exactly, every change was delivered once, and the people added in HR meanwhile exist once.
 */
describe('real-time push with the worker killed mid-stream', () => {
  let h: SyncHarness;
  const employees = generateEmployees(40, { seed: 16, today: '2026-11-23' });
  const active = employees.filter((e) => e.status === 'active');
  const newcomers = generateEmployees(46, { seed: 17, today: '2026-11-23' })
    .slice(40)
    .filter((e) => e.status === 'active')
    .map((e, i) => ({ ...e, employeeNumber: `N${i + 1}`, workEmail: `newcomer${i + 1}@acme.test` }));

  beforeAll(async () => {
    h = await startSyncHarness(
      { createInXledger: 'auto', createInHr: 'never', realtime: { enabled: true, createInXledger: true, debounce: '200 ms' } },
      { inProcessWorker: false },
    );
    await h.seedHr(employees);
  });
  afterAll(async () => {
    await endPushWorkflow(h);
    await h?.stop();
  });

  const pendingCount = async () => Number((await h.t.db('hr_outbox_deliveries').where({ status: 'pending' }).count({ n: '*' }))[0]!.n);

  it('loses no change and duplicates none', async () => {
    const env = { ...h.env, XSYNC_RELAY_POLL_MS: '1000' };
    let worker = spawnWorkerProcess(env);
    let pendingAtKill = 0;
    try {
      const first = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait', '--queue');
      expect(first.status).toBe('OK');
      await waitFor(pendingCount, (n) => n === 0, 90_000);

      h.fake.setKnobs({ latencyMs: 150 }); // each push takes long enough for the kill to land inside one
      for (let i = 0; i < CHANGES; i++) {
        const person = active[i % active.length]!;
        await h.t
          .db('hr_employees')
          .where({ employee_number: person.employeeNumber })
          .update({ last_name: `Streamed${i}`, updated_at: h.t.db.fn.now() });
        if (i === 50) {
          await stopProcess(worker, 'SIGKILL');
          pendingAtKill = await pendingCount();
        }
        if (i === 80) await h.seedHr(newcomers);
        if (i === 100) worker = spawnWorkerProcess(env);
        await new Promise((r) => setTimeout(r, 40));
      }
      await waitFor(pendingCount, (n) => n === 0, 150_000);
      expect(pendingAtKill).toBeGreaterThan(0); // the kill landed with changes still on their way
    } finally {
      await stopProcess(worker);
    }

    const hr = await h.t.db('hr_employees').where({ status: 'active' }).select('employee_number', 'first_name', 'last_name');
    const xledger = await h.xledger.employees.all({ filter: { ownerDbId: OWNER }, pageSize: 10_000 });
    const codes = xledger.map((x) => x.code);
    expect(codes).toHaveLength(new Set(codes).size); // nobody created twice
    expect(new Set(codes)).toEqual(new Set(hr.map((r) => r.employee_number)));
    const byCode = new Map(xledger.map((x) => [x.code, x]));
    const mismatches = hr.filter((r) => {
      const x = byCode.get(r.employee_number);
      return x?.contact?.lastName !== r.last_name || x?.contact?.firstName !== r.first_name;
    });
    expect(mismatches).toEqual([]);

    const deliveries = await h.t.db('hr_outbox_deliveries').select('status', 'run_id', 'reason');
    expect(deliveries.filter((d) => d.status !== 'done')).toEqual([]);
    expect(deliveries.every((d) => typeof d.run_id === 'string')).toBe(true);
    expect(await h.t.db('hr_outbox').whereNull('settled_at').count({ n: '*' })).toEqual([{ n: '0' }]);
  }, 400_000);
});
