import {
  applyDecisions,
  CLASSIFICATIONS,
  emptySummary,
  isLinkUpToDate,
  nextBaseline,
  pendingDecisions,
  planEmployee,
  planTasks,
  validateHrEmployee,
  type EmployeePlan,
  type HrRowValidation,
  type PendingSet,
  type PersonalHasher,
  type PlanContext,
  type XledgerEmployeeSnapshot,
} from '../../domain/index';
import type { HrStoreRecord } from '../../hr/hr-store';
import { createLinksStore, type StoredLink } from '../../db/employees/links-store';
import { createRunReadsStore } from '../../db/employees/run-reads-store';
import { createDecisionsStore } from '../../db/runs/decisions-store';
import { createItemsStore, keepParts } from '../../db/runs/items-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { createSnapshotsStore } from '../../db/runs/snapshots-store';
import type { Decision } from '../../domain/index';
import type { EmployeeItemRow, EmployeeNewItem } from './item-types';
import type { ApplyBatches, DecisionDefaults, PlanSummary } from '../../workflows/employees/types';
import type { ActivityDeps } from '../deps';
import { pushPolicyOf, requiredFieldsOf, syncPolicyOf } from './connection-policy';
import { heldForPush } from '../realtime/held-for-push';
import { keepAlive } from '../shared/heartbeat';
import { WriteBatches } from './write-batches';
import { osloToday } from '../../config/oslo-date';
import { EMPLOYEE_PLAN_KEEP } from './run-lifecycle';

/**
 * People planned (and snapshot rows read) at a time. Only keys are held for everyone, so a run's memory does not
 * grow with the number of employees beyond that.
 */
const PLAN_PAGE_SIZE = 1_000;

export function createPlanningActivities(deps: ActivityDeps) {
  const runs = createRunsStore(deps.db);
  const items = createItemsStore<EmployeeItemRow>(deps.db);
  const snapshots = createSnapshotsStore(deps.db);
  const decisionsStore = createDecisionsStore(deps.db);
  const storedLinks = createLinksStore(deps.db);
  const runReads = createRunReadsStore(deps.db);

  /**
   * The links matching needs: all of them for a full run; for an incremental run those of its staged people and staged
   * Xledger employees, which are all that can matter (the change set is closed over links: anyone linked to a staged
   * Xledger employee is staged too).
   */
  async function linksToPlanWith(runId: string, connectionId: number, xledgerKeys: ReadonlyArray<{ dbId: number }>) {
    if ((await runReads.ofRun(runId))?.mode !== 'incremental') return storedLinks.keys(connectionId);
    const numbers = (await snapshots.keys(runId, 'hr')).map((n) => n.trim());
    return storedLinks.keysMatching(connectionId, { numbers, dbIds: xledgerKeys.map((x) => x.dbId) });
  }

  return {
    /**
     * Match, diff and classify from the staged snapshots; one plan row per employee, kept in Postgres. Matching runs
     * on keys for everyone; diffing runs a page of people at a time. When nobody has to decide anything, the writes
     * are worked out here too, so prepareApply has nothing left to do.
     */
    async planRun({ runId, connectionName, today, push }: { runId: string; connectionName: string; today?: string; push?: boolean }): Promise<PlanSummary> {
      return keepAlive(async () => {
        const connection = await deps.connections.get(connectionName);
        // A real-time push plans the changed people only, HR → Xledger, and holds back what it must not write.
        const policy = push ? pushPolicyOf(connection.settings.employees) : syncPolicyOf(connection.settings.employees);
        const day = today ?? (await runs.runDay(runId)) ?? osloToday();
        const ctx: PlanContext = { policy, today: day, requiredFields: requiredFieldsOf(connection.settings.employees), hasher: deps.personalHasher };

        const hrRows: HrRowValidation[] = [];
        for await (const page of snapshots.snapshotPages<HrRowValidation | HrStoreRecord>(runId, 'hr', PLAN_PAGE_SIZE)) {
          // A run snapshotted before HR rows were validated at snapshot time staged them raw.
          for (const row of page) hrRows.push(isValidation(row) ? row : validateHrEmployee(row, ctx));
        }
        const xledgerKeys = await snapshots.xledgerMatchKeys(runId);
        const links = push
          ? [
              ...(
                await storedLinks.byEmployee(
                  connection.id,
                  hrRows.flatMap((r) => (r.ok ? [r.employee.employeeNumber] : [])),
                )
              ).entries(),
            ].map(([hrEmployeeNumber, l]) => ({ hrEmployeeNumber, xledgerDbId: l.dbId }))
          : await linksToPlanWith(runId, connection.id, xledgerKeys);
        const tasks = planTasks({ hrRows, xledger: xledgerKeys, links });
        const hrRowCount = hrRows.length;
        hrRows.length = 0; // the tasks keep what diffing needs

        const byClassification = emptySummary();
        const batches = new WriteBatches();
        let pendingCount = 0;
        // Reads a page's Xledger snapshots and baselines; the next page is read while this one is planned.
        const load = (start: number) => {
          const slice = tasks.slice(start, start + PLAN_PAGE_SIZE);
          const loading = Promise.all([
            snapshots.snapshotsByKey<XledgerEmployeeSnapshot>(
              runId,
              'xledger',
              slice.flatMap((t) => ('xledgerDbId' in t ? [String(t.xledgerDbId)] : [])),
            ),
            storedLinks.byEmployee(
              connection.id,
              slice.flatMap((t) => (t.kind === 'matched' && t.hr.employee ? [t.hr.employee.employeeNumber] : [])),
            ),
          ]).then(([xledger, links]) => ({ slice, xledger, links }));
          loading.catch(() => undefined); // awaited in turn; this only keeps an early failure from counting as unhandled
          return loading;
        };
        async function* plannedPages(): AsyncGenerator<EmployeeNewItem[]> {
          let next = tasks.length > 0 ? load(0) : undefined;
          for (let start = 0; next; start += PLAN_PAGE_SIZE) {
            const { slice, xledger, links } = await next;
            next = start + PLAN_PAGE_SIZE < tasks.length ? load(start + PLAN_PAGE_SIZE) : undefined;
            const planned = slice.map((task, i) => {
              const link = task.kind === 'matched' && task.hr.employee ? links.get(task.hr.employee.employeeNumber) : undefined;
              const planned = planEmployee(
                task,
                { xledger: 'xledgerDbId' in task ? xledger.get(String(task.xledgerDbId)) : undefined, baseline: link?.baseline },
                ctx,
              );
              const plan = push ? heldForPush(planned, link?.baseline, deps.personalHasher) : planned;
              return { seq: start + i, plan, linkCurrent: isLinkCurrent(plan, link, deps.personalHasher) };
            });
            for (const { plan } of planned) byClassification[plan.classification] += 1;
            for (const e of Object.values(pendingDecisions(planned.map((i) => i.plan)).byEmployee)) pendingCount += e.fields.length + (e.create ? 1 : 0);
            const writes = new Map(
              batches
                .assign(
                  planned,
                  applyDecisions(
                    planned.map((i) => i.plan),
                    [],
                    { policy },
                  ),
                )
                .map((w) => [w.seq, w]),
            );
            yield planned.map((item) => {
              const kept = keepParts(item.plan, EMPLOYEE_PLAN_KEEP);
              // Nothing reads the full plan of an unchanged person whose link is already right again (finishing skips
              // them, they lead to no write and no decision): when staging is purged as the run settles, only what is
              // kept is stored (not in a push: settlePush reads every plan whole). Otherwise the purge moves the kept
              // parts in (plans never change after planning).
              const slim = item.linkCurrent && !push && deps.stagingRetentionDays === 0;
              return {
                seq: item.seq,
                key: item.plan.employeeNumber,
                classification: item.plan.classification,
                // Rows with plan_stripped hold only the kept parts (like every plan once the run settled).
                plan: slim ? (kept as unknown as EmployeePlan) : item.plan,
                xledgerDbId: item.plan.xledgerDbId ?? null,
                writes: writes.get(item.seq),
                linkCurrent: item.linkCurrent,
                ...(slim ? { planStripped: true } : { keptPlan: kept }),
              };
            });
          }
        }
        await items.replaceItems(runId, plannedPages());
        // Writes worked out without the admin's decisions are only provisional: prepareApply redoes them.
        if (pendingCount > 0) await items.clearWrites(runId);
        await runs.setPreparedBatches(runId, pendingCount > 0 ? null : batches.batches);
        return {
          items: tasks.length,
          byClassification: Object.fromEntries(CLASSIFICATIONS.map((c) => [c, byClassification[c]])) as PlanSummary['byClassification'],
          pendingCount,
          hrRows: hrRowCount,
          xledgerEmployees: xledgerKeys.length,
        };
      });
    },

    /** The pending decisions of one slice of plan rows (the workflow loads them page by page to keep payloads small). */
    async loadPendingDecisions({ runId, offset, limit }: { runId: string; offset: number; limit: number }): Promise<PendingSet> {
      const page = await items.readItems(runId, {}, { offset, limit });
      // A plan stored stripped (unchanged, link right) has nothing to decide and not the parts to tell.
      return pendingDecisions(page.filter((i) => !i.plan_stripped).map((i) => i.plan));
    },

    /**
     * Turns plans + decisions into per-employee writes and numbers them into batches of at most 500 Xledger nodes.
     * A run nobody had to decide anything in reuses the batches planRun prepared.
     */
    async prepareApply({ runId, connectionName }: { runId: string; connectionName: string }): Promise<ApplyBatches> {
      return keepAlive(async () => {
        const { decisions, defaults } = await decisionsStore.readDecisions<Decision, DecisionDefaults>(runId);
        const prepared = await runs.preparedBatches<ApplyBatches>(runId);
        if (prepared && decisions.length === 0) return prepared;
        const connection = await deps.connections.get(connectionName);
        const writable = await items.writableItems(runId);
        const plans = writable.map((i) => ({ seq: i.seq, plan: i.plan }));
        const writes = applyDecisions(
          plans.map((i) => i.plan),
          decisions,
          { ...defaults, policy: syncPolicyOf(connection.settings.employees) },
        );
        const batches = new WriteBatches();
        await items.setWrites(runId, batches.assign(plans, writes));
        return batches.batches;
      });
    },
  };
}

/** Unchanged, and its link would be stored as it is: finishing the run has nothing to do for this person. */
function isLinkCurrent(plan: EmployeePlan, link: StoredLink | undefined, hasher: PersonalHasher): boolean {
  if (plan.classification !== 'unchanged' || plan.xledgerDbId === undefined) return false;
  return isLinkUpToDate(link, plan.xledgerDbId, nextBaseline(plan, { changes: [] }, link?.baseline, hasher));
}

function isValidation(row: HrRowValidation | HrStoreRecord): row is HrRowValidation {
  return typeof (row as { ok?: unknown }).ok === 'boolean';
}
