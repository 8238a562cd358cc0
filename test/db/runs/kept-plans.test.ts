import { EMPLOYEE_PLAN_KEEP } from '../../../activities/employees/run-lifecycle';
import { createItemsStore, keepParts, type KeepTree } from '../../../db/runs/items-store';
import { createTestDatabase, type TestDatabase } from '../../support/test-db';

/** Plans with the shapes that matter to stripping: missing parts, nulls at any depth, arrays, names in either side. */
const PLANS: unknown[] = [
  {
    employeeNumber: 'E1',
    classification: 'update-xledger',
    xledgerDbId: 41,
    issues: [{ field: 'phone', reason: 'bad', extra: null }],
    notes: ['kept', null],
    values: {
      hr: { firstName: 'Åse', lastName: 'Ødegård "Q"', nationalId: '01010112345' },
      xledger: { firstName: 'Ase', lastName: null, bankAccount: '12345678903' },
    },
    diffs: [{ field: 'bankAccount', hr: '1', xledger: '2' }],
  },
  { employeeNumber: 'E2', classification: 'only-in-hr', values: { hr: { firstName: 'Kari', lastName: 'Nordmann' } } },
  { employeeNumber: '', classification: 'only-in-xledger', xledgerDbId: 7, values: { hr: null, xledger: { firstName: 'Ola' } }, issues: [] },
  { employeeNumber: 'E4', classification: 'locked', notes: { a: { b: null, c: 1 } }, values: [] },
  { classification: 'invalid', issues: [{ reason: 'no number' }] },
];

describe('kept plans', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t
      .db('connections')
      .insert({ id: 1, name: 'acme', xledger_url: 'http://x', owner_entity_id: 1, token_ciphertext: 'c', token_key_id: 'k', settings: '{}' });
    await t.db('sync_runs').insert([
      { id: 'sql', connection_id: 1, kind: 'employees', trigger: 'manual', status: 'OK', finished_at: t.db.fn.now() },
      { id: 'kept', connection_id: 1, kind: 'employees', trigger: 'manual', status: 'OK', finished_at: t.db.fn.now() },
      { id: 'sql2', connection_id: 1, kind: 'employees', trigger: 'manual', status: 'OK', finished_at: t.db.fn.now() },
      { id: 'settled', connection_id: 1, kind: 'employees', trigger: 'manual', status: 'OK', finished_at: t.db.fn.now() },
    ]);
  });
  afterAll(() => t?.drop());

  /**
   * The plans of a run after the purge. `withKept`: planning gave kept plans (`'odd'`: only to every other item, as
   * for a run planned before kept plans); `settleFirst`: finishRun settles the unchanged (every item here but the last
   * two) with `strip` before the purge.
   */
  async function stripped(runId: string, keep: KeepTree, withKept: boolean | 'odd', settleFirst = false): Promise<unknown[]> {
    const items = createItemsStore(t.db);
    await items.replaceItems(
      runId,
      (async function* () {
        yield PLANS.map((plan, seq) => ({
          seq,
          key: `k${seq}`,
          classification: seq < PLANS.length - 2 ? 'unchanged' : 'locked',
          plan,
          writes: { seq, xledgerWrite: { kind: 'update' }, xledgerBatch: 0, hrWrite: { kind: 'patch' }, hrBatch: 0, skipped: [] },
          ...(withKept === true || (withKept === 'odd' && seq % 2 === 1) ? { keptPlan: keepParts(plan, keep) } : {}),
        }));
      })(),
    );
    if (settleFirst) {
      await items.settleCurrentUnchanged(runId, t.db, { strip: true });
      const settled = await t.db('sync_run_items').where({ run_id: runId }).orderBy('seq').select('outcome', 'plan_stripped');
      expect(settled.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', null, null]);
      expect(settled.map((r) => r.plan_stripped)).toEqual([false, true, false, false, false]);
    }
    await items.stripPlans(runId, keep);
    const rows = await t.db('sync_run_items').where({ run_id: runId }).orderBy('seq').select('plan', 'kept_plan', 'xledger_write', 'hr_write', 'plan_stripped');
    for (const r of rows) expect(r).toMatchObject({ kept_plan: null, xledger_write: null, hr_write: null, plan_stripped: true });
    return rows.map((r) => r.plan);
  }

  it('keepParts builds what stripping in Postgres builds, and the purge moves it into place', async () => {
    const bySql = await stripped('sql', EMPLOYEE_PLAN_KEEP, false);
    const byKept = await stripped('kept', EMPLOYEE_PLAN_KEEP, true);
    expect(byKept).toEqual(bySql);
    expect(bySql[0]).toEqual({
      employeeNumber: 'E1',
      classification: 'update-xledger',
      xledgerDbId: 41,
      issues: [{ field: 'phone', reason: 'bad' }],
      notes: ['kept', null],
      values: { hr: { firstName: 'Åse', lastName: 'Ødegård "Q"' }, xledger: { firstName: 'Ase' } },
    });
    expect(JSON.stringify(byKept)).not.toMatch(/01010112345|12345678903|diffs/);
  });

  it('finishRun settling the unchanged with their kept plans, then the purge: the same plans, items without a kept plan stripped in Postgres', async () => {
    const bySql = await stripped('sql2', EMPLOYEE_PLAN_KEEP, false);
    expect(await stripped('settled', EMPLOYEE_PLAN_KEEP, 'odd', true)).toEqual(bySql);
  });
});
