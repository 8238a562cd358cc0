import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../../activities/index';
import { requiredFieldsOf, syncPolicyOf } from '../../../activities/employees/connection-policy';
import { createItemsStore, keepParts } from '../../../db/runs/items-store';
import { EMPLOYEE_PLAN_KEEP } from '../../../activities/employees/run-lifecycle';
import { createRunsStore } from '../../../db/runs/runs-store';
import { createSnapshotsStore } from '../../../db/runs/snapshots-store';
import type { EmployeeItemRow } from '../../../activities/employees/item-types';
import {
  applyDecisions,
  buildSyncPlan,
  EMPLOYEE_FIELD_KEYS,
  EMPLOYEE_FIELDS,
  readHrValues,
  type FieldBaseline,
  type HrRowValidation,
  type HrEmployee,
  type XledgerEmployeeSnapshot,
} from '../../../domain/index';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import { addToXledger } from '../../support/xledger-seeding';
import { CONNECTION, startSyncHarness, type SyncHarness } from '../../support/sync-harness';
import type { PlanSummary } from '../../../workflows/employees/types';

const TODAY = '2026-11-23';
const PEOPLE = 2_600; // three planning pages of 1,000

/**
 * planRun plans a page of people at a time (matching on keys for everyone first). Whatever the page borders, the
 * stored plans must be exactly what the one-pass domain planner (buildSyncPlan) makes of the same snapshots, and
 * the writes it prepares must be exactly what prepareApply works out from those plans.
 */
describe('planning page by page', () => {
  let h: SyncHarness;
  let activities: ReturnType<typeof createActivities>;
  const env = new MockActivityEnvironment();
  const employees = generateEmployees(PEOPLE, { seed: 11, today: TODAY });

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto', createInHr: 'ask', direction: 'two-way' }, { inProcessWorker: false });
    activities = createActivities(h.deps);
    // Two HR people share a work email (held back), across page borders.
    const hr: HrEmployee[] = employees.map((e, i) => (i === 1_999 ? { ...e, workEmail: employees[2_100]!.workEmail } : e));
    await h.seedHr(hr);
    // Xledger: 1,800 of them, 400 with another last name and phone; 150 people only Xledger has.
    const inXledger = employees.slice(0, 1_800).map((e, i) => (i % 4 === 0 ? { ...e, lastName: `${e.lastName}-Xl`, phone: '+4799999999' } : e));
    const xledgerOnly = generateEmployees(150, { seed: 12, today: TODAY }).map((e, i) => ({
      ...e,
      employeeNumber: `X${String(i).padStart(4, '0')}`,
      workEmail: `x${i}@elsewhere.test`,
    }));
    const dbIds = await addToXledger(h.xledger, [...inXledger.slice(0, 500), ...xledgerOnly], TODAY);
    for (let i = 500; i < inXledger.length; i += 500) for (const [k, v] of await addToXledger(h.xledger, inXledger.slice(i, i + 500), TODAY)) dbIds.set(k, v);
    // Remembered links with last-synced values for 700 people (some of whom changed since), and one stale link.
    const connection = await h.deps.connections.get(CONNECTION);
    const links = employees.slice(0, 700).map((e, i) => ({
      connection_id: connection.id,
      employee_number: e.employeeNumber,
      xledger_employee_db_id: dbIds.get(e.employeeNumber),
      baseline: JSON.stringify(baselineOf(i % 8 === 0 ? { ...e, phone: '+4791111111' } : e)),
    }));
    links.push({ connection_id: connection.id, employee_number: employees[2_500]!.employeeNumber, xledger_employee_db_id: 987_654_321, baseline: '{}' });
    await h.t.db('employee_links').insert(links);
  }, 120_000);
  afterAll(() => h?.stop());

  /** Last-synced values as a run stores them: personal numbers as keyed hashes. */
  const baselineOf = (e: HrEmployee): FieldBaseline => {
    const values = readHrValues(e, { today: TODAY }) as FieldBaseline;
    for (const f of EMPLOYEE_FIELDS) {
      const n = f.pii ? f.normalize(values[f.key] ?? null) : null;
      if (n !== null) values[f.key] = h.deps.personalHasher.hash(n);
    }
    return values;
  };

  async function planInOnePass(runId: string) {
    const runs = createSnapshotsStore(h.t.db);
    const connection = await h.deps.connections.get(CONNECTION);
    const ctx = {
      policy: syncPolicyOf(connection.settings.employees),
      today: TODAY,
      requiredFields: requiredFieldsOf(connection.settings.employees),
      hasher: h.deps.personalHasher,
    };
    const linkRows: Array<{ employee_number: string; xledger_employee_db_id: string; baseline: FieldBaseline }> = await h.t
      .db('employee_links')
      .where({ connection_id: connection.id });
    return buildSyncPlan({
      ...ctx,
      hrRows: await runs.readSnapshot<HrRowValidation>(runId, 'hr'),
      xledger: await runs.readSnapshot<XledgerEmployeeSnapshot>(runId, 'xledger'),
      links: linkRows.map((l) => ({ hrEmployeeNumber: l.employee_number, xledgerDbId: Number(l.xledger_employee_db_id) })),
      baselines: Object.fromEntries(linkRows.map((l) => [l.employee_number, l.baseline])),
    });
  }

  async function stageAndPlan(runId: string) {
    await createRunsStore(h.t.db).claimRun({
      id: runId,
      connectionId: (await h.deps.connections.get(CONNECTION)).id,
      kind: `test-${runId}`,
      trigger: 'manual',
      dryRun: false,
    });
    await env.run(activities.snapshotHr, { runId, connectionName: CONNECTION });
    await env.run(activities.snapshotXledger, { runId, connectionName: CONNECTION });
    return (await env.run(activities.planRun, { runId, connectionName: CONNECTION, today: TODAY })) as PlanSummary;
  }

  it('stores exactly the one-pass plans, in the same order, with the same summary', async () => {
    const summary = await stageAndPlan('paged-1');
    const expected = await planInOnePass('paged-1');
    const stored = await createItemsStore<EmployeeItemRow>(h.t.db).readItems('paged-1');

    expect(stored.map((i) => i.seq)).toEqual(expected.employees.map((_, i) => i));
    // Unchanged people whose link is already right are stored with only what their plan keeps once the run settles
    // (staging is purged at the end here): nothing reads more of them. Every other plan is whole, with its kept parts.
    const onePass = JSON.parse(JSON.stringify(expected.employees)) as unknown[];
    const slim = stored.filter((i) => i.plan_stripped);
    expect(slim.length).toBeGreaterThan(100);
    expect(slim.every((i) => i.classification === 'unchanged' && (i as EmployeeItemRow & { link_current: boolean }).link_current)).toBe(true);
    expect(stored.map((i) => i.plan)).toEqual(onePass.map((p, i) => (stored[i]!.plan_stripped ? keepParts(p, EMPLOYEE_PLAN_KEEP) : p)));
    expect(stored.map((i) => (i as EmployeeItemRow & { kept_plan: unknown }).kept_plan)).toEqual(
      onePass.map((p, i) => (stored[i]!.plan_stripped ? null : keepParts(p, EMPLOYEE_PLAN_KEEP))),
    );
    expect(summary.byClassification).toEqual(expected.summary);
    expect(summary.items).toBe(PEOPLE + 150);
    expect(summary.hrRows).toBe(PEOPLE);
    expect(summary.xledgerEmployees).toBe(1_950);
    // The data really spans every path: matches with and without baselines, both one-sided kinds, held-back emails, a stale link.
    expect(expected.summary['only-in-hr']).toBeGreaterThan(700);
    expect(expected.summary['only-in-xledger']).toBe(150);
    expect(expected.summary.invalid).toBe(2);
    expect(expected.employees.some((p) => p.notes.some((n) => n.includes('987654321 no longer exists')))).toBe(true);
    expect(expected.summary['update-xledger'] + expected.summary['update-hr'] + expected.summary.conflict).toBeGreaterThan(300);
    // createInHr 'ask' and conflicts: someone must decide, so nothing is prepared and no provisional write is left.
    expect(summary.pendingCount).toBeGreaterThan(0);
    expect(await createRunsStore(h.t.db).preparedBatches('paged-1')).toBeNull();
    expect(await h.t.db('sync_run_items').where({ run_id: 'paged-1' }).whereNotNull('xledger_write').count()).toEqual([{ count: '0' }]);
  });

  it('prepares the writes itself when nobody has to decide, numbered exactly as prepareApply numbers them', async () => {
    const { settings } = await h.deps.connections.get(CONNECTION);
    // HR wins every field, so no difference needs an admin.
    const hrWins = Object.fromEntries(EMPLOYEE_FIELD_KEYS.map((k) => [k, 'hr-wins']));
    await h.deps.connections.updateSettings(CONNECTION, {
      ...settings,
      employees: { ...settings.employees, createInHr: 'never', direction: 'hr-to-xledger', fieldPolicies: hrWins },
    });
    const summary = await stageAndPlan('paged-2');
    expect(summary.pendingCount).toBe(0);
    const runs = createRunsStore(h.t.db);
    const prepared = await runs.preparedBatches('paged-2');
    const columns = ['seq', 'xledger_write', 'xledger_batch', 'hr_write', 'hr_batch', 'skipped'];
    const planned = await h.t.db('sync_run_items').where({ run_id: 'paged-2' }).orderBy('seq').select(columns);

    // Work the writes out again from the stored plans, in one pass, as a run with decisions does.
    await runs.setPreparedBatches('paged-2', null);
    const again = await env.run(activities.prepareApply, { runId: 'paged-2', connectionName: CONNECTION });
    expect(again).toEqual(prepared);
    expect(await h.t.db('sync_run_items').where({ run_id: 'paged-2' }).orderBy('seq').select(columns)).toEqual(planned);

    // Plans stored stripped are unchanged people's: they lead to no write (prepareApply never reads them).
    const plans = (await createItemsStore<EmployeeItemRow>(h.t.db).readItems('paged-2')).filter((i) => !i.plan_stripped).map((i) => i.plan);
    const writes = applyDecisions(plans, [], { policy: syncPolicyOf((await h.deps.connections.get(CONNECTION)).settings.employees) });
    expect(prepared).toEqual({
      xledgerCreateBatches: Math.ceil(writes.xledgerCreates.length / 500),
      xledgerUpdateBatches: Math.ceil(writes.xledgerUpdates.length / 500),
      hrBatches: 0,
    });
    expect(writes.xledgerCreates.length).toBeGreaterThan(500);
    expect(writes.xledgerUpdates.length).toBeGreaterThan(100);

    expect(planned.filter((r) => r.xledger_write?.kind === 'create').map((r) => r.xledger_write.create.employeeNumber)).toEqual(
      writes.xledgerCreates.map((c) => c.employeeNumber),
    );
  });

  it('marks unchanged people whose link is already right, and finishing the run leaves exactly those links alone', async () => {
    const items = await createItemsStore<EmployeeItemRow>(h.t.db).readItems('paged-2');
    const current = new Set(items.filter((i) => (i as unknown as { link_current: boolean }).link_current).map((i) => i.item_key));
    const unchanged = items.filter((i) => i.classification === 'unchanged');
    expect(current.size).toBeGreaterThan(300);
    expect(unchanged.length).toBeGreaterThan(current.size); // unchanged people never linked, or whose stored values moved
    expect(items.filter((i) => current.has(i.item_key)).every((i) => i.classification === 'unchanged')).toBe(true);

    const counts = await env.run(activities.finishRun, { runId: 'paged-2', status: 'OK' as const });
    expect((counts as { unchanged: number }).unchanged).toBe(unchanged.length);
    const links: Array<{ employee_number: string; last_run_id: string | null }> = await h.t.db('employee_links').select('employee_number', 'last_run_id');
    const touched = new Set(links.filter((l) => l.last_run_id === 'paged-2').map((l) => l.employee_number));
    for (const number of current) expect(touched.has(number)).toBe(false);
    for (const u of unchanged.filter((i) => !current.has(i.item_key))) expect(touched.has(u.item_key)).toBe(true);
    expect(await h.t.db('sync_run_items').where({ run_id: 'paged-2', classification: 'unchanged' }).whereNot({ outcome: 'unchanged' }).count()).toEqual([
      { count: '0' },
    ]);
  });
});
