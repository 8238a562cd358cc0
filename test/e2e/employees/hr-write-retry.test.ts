import { createHrStore } from '../../../hr/hr-store';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { RunResult } from '../../../workflows/employees/types';
import { CONNECTION, startSyncHarness, type SyncHarness } from '../../support/sync-harness';
import { addToXledger } from '../../support/xledger-seeding';

const TODAY = '2026-11-23';

/**
 * A passing database fault while Xledger's values are written to HR (here a serialization failure, SQLSTATE 40001,
 * raised by a trigger for the first two updates) is retried by Temporal; it must not become a per-employee failure.
 */
describe('HR writes: a transient Postgres error is retried, not recorded as a failure', () => {
  let h: SyncHarness;
  const people = generateEmployees(3, { seed: 21, today: TODAY }).map((e) => ({ ...e, status: 'active' as const }));

  beforeAll(async () => {
    h = await startSyncHarness({ fieldPolicies: { phone: 'xledger-wins' } });
    await h.seedHr(people);
    await addToXledger(
      h.xledger,
      people.map((p, i) => ({ ...p, phone: `+4749${String(100_000 + i)}` })),
      TODAY,
    );
    await h.t.db.raw(`
      CREATE SEQUENCE test_hr_update_faults;
      CREATE FUNCTION test_fail_first_two_updates() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('test_hr_update_faults') <= 2 THEN
          RAISE EXCEPTION 'simulated serialization failure' USING ERRCODE = '40001';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_fail_first_two_updates BEFORE UPDATE ON hr_employees FOR EACH ROW EXECUTE FUNCTION test_fail_first_two_updates();`);
  });
  afterAll(() => h?.stop());

  it('ends OK with every HR update written', async () => {
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    expect(result.status).toBe('OK');
    expect(result.counts).toMatchObject({ updatedInHr: 3, failed: 0 });
    const hr = createHrStore(h.t.db);
    for (const [i, p] of people.entries()) expect((await hr.getEmployee(p.employeeNumber))?.phone).toBe(`+4749${String(100_000 + i)}`);
    const faults = await h.t.db.raw('SELECT last_value FROM test_hr_update_faults');
    expect(Number(faults.rows[0].last_value)).toBeGreaterThan(2); // the faults really happened
    const failed = await h.t.db('employee_history').where({ event: 'failed' }).count<Array<{ count: string }>>('* as count');
    expect(Number(failed[0]!.count)).toBe(0);
  });
});
