import {
  applyDecisions,
  buildSyncPlan,
  CLASSIFICATIONS,
  pendingDecisions,
  validateHrEmployee,
  type EmployeeLink,
  type FieldBaseline,
  type PendingSet,
  type XledgerEmployeeSnapshot,
} from '../../domain';
import type { HrStoreRecord } from '../../db/hr-store';
import { createRunStore, type HrWrite, type PlannedWrites, type XledgerWrite } from '../../db/run-store';
import { MAX_BULK_NODES } from '../../xledger';
import type { ApplyBatches, PlanSummary } from '../../workflows/employee-sync-types';
import type { ActivityDeps } from '../deps';
import { requiredFieldsOf, syncPolicyOf } from './connection-policy';
import { keepAlive } from './keep-alive';
import { osloToday } from '../../config/oslo-date';

interface LinkRow {
  employee_number: string;
  xledger_employee_db_id: string;
  baseline: FieldBaseline;
}

export function createPlanningActivities(deps: ActivityDeps) {
  const runs = createRunStore(deps.db);

  return {
    /** Match, diff and classify from the staged snapshots; one plan row per employee, kept in Postgres. */
    async planRun({ runId, connectionName, today }: { runId: string; connectionName: string; today?: string }): Promise<PlanSummary> {
      return keepAlive(async () => {
        const connection = await deps.connections.get(connectionName);
        const day = today ?? osloToday();
        const [hrRaw, xledger, linkRows] = await Promise.all([
          runs.readSnapshot<HrStoreRecord>(runId, 'hr'),
          runs.readSnapshot<XledgerEmployeeSnapshot>(runId, 'xledger'),
          deps.db('employee_links').where({ connection_id: connection.id }).select<LinkRow[]>('employee_number', 'xledger_employee_db_id', 'baseline'),
        ]);
        const requiredFields = requiredFieldsOf(connection.settings);
        const hrRows = hrRaw.map((raw) => validateHrEmployee(raw, { requiredFields, today: day }));
        const links: EmployeeLink[] = linkRows.map((l) => ({ hrEmployeeNumber: l.employee_number, xledgerDbId: Number(l.xledger_employee_db_id) }));
        const baselines = Object.fromEntries(linkRows.map((l) => [l.employee_number, l.baseline]));
        const plan = buildSyncPlan({ hrRows, xledger, links, baselines, policy: syncPolicyOf(connection.settings), today: day, requiredFields });
        await runs.replaceItems(runId, plan.employees);
        const byClassification = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, plan.summary[c] ?? 0])) as PlanSummary['byClassification'];
        let pendingCount = 0;
        for (const e of Object.values(pendingDecisions(plan.employees).byEmployee)) pendingCount += e.fields.length + (e.create ? 1 : 0);
        return { items: plan.employees.length, byClassification, pendingCount, hrRows: hrRaw.length, xledgerEmployees: xledger.length };
      });
    },

    /** The pending decisions of one slice of plan rows (the workflow loads them page by page to keep payloads small). */
    async loadPendingDecisions({ runId, offset, limit }: { runId: string; offset: number; limit: number }): Promise<PendingSet> {
      const items = await runs.readItems(runId, {}, { offset, limit });
      return pendingDecisions(items.map((i) => i.plan));
    },

    /** Turns plans + decisions into per-employee writes and numbers them into batches of at most 500 Xledger nodes. */
    async prepareApply({ runId, connectionName }: { runId: string; connectionName: string }): Promise<ApplyBatches> {
      return keepAlive(async () => {
        const connection = await deps.connections.get(connectionName);
        const items = await runs.writableItems(runId);
        const { decisions, defaults } = await runs.readDecisions(runId);
        const writes = applyDecisions(
          items.map((i) => i.plan),
          decisions,
          { ...defaults, policy: syncPolicyOf(connection.settings) },
        );
        const seqByEmployee = new Map(items.filter((i) => i.employee_number !== '').map((i) => [i.employee_number, i.seq]));
        const seqByXledgerDbId = new Map(items.filter((i) => i.plan.xledgerDbId !== undefined).map((i) => [i.plan.xledgerDbId!, i.seq]));
        const planned = new Map<number, PlannedWrites>();
        const at = (seq: number | undefined): PlannedWrites | undefined => {
          if (seq === undefined) return undefined;
          let p = planned.get(seq);
          if (!p) planned.set(seq, (p = { seq, xledgerWrite: null, xledgerBatch: null, hrWrite: null, hrBatch: null, skipped: [] }));
          return p;
        };
        const assignXledger = (seq: number | undefined, write: XledgerWrite, index: number) => {
          const p = at(seq);
          if (p) Object.assign(p, { xledgerWrite: write, xledgerBatch: Math.floor(index / MAX_BULK_NODES) });
        };
        const assignHr = (seq: number | undefined, write: HrWrite, index: number) => {
          const p = at(seq);
          if (p) Object.assign(p, { hrWrite: write, hrBatch: Math.floor(index / MAX_BULK_NODES) });
        };
        writes.xledgerCreates.forEach((create, i) => assignXledger(seqByEmployee.get(create.employeeNumber), { kind: 'create', create }, i));
        writes.xledgerUpdates.forEach((update, i) => assignXledger(seqByEmployee.get(update.employeeNumber), { kind: 'update', update }, i));
        writes.hrPatches.forEach((patch, i) => assignHr(seqByEmployee.get(patch.employeeNumber), { kind: 'patch', patch }, i));
        const patchCount = writes.hrPatches.length;
        writes.hrCreates.forEach((create, i) => assignHr(seqByXledgerDbId.get(create.xledgerDbId), { kind: 'create', create }, patchCount + i));
        for (const s of writes.skipped) at(seqByEmployee.get(s.employeeNumber))?.skipped.push(s);
        await runs.setWrites(runId, [...planned.values()]);
        return {
          xledgerCreateBatches: Math.ceil(writes.xledgerCreates.length / MAX_BULK_NODES),
          xledgerUpdateBatches: Math.ceil(writes.xledgerUpdates.length / MAX_BULK_NODES),
          hrBatches: Math.ceil((patchCount + writes.hrCreates.length) / MAX_BULK_NODES),
        };
      });
    },
  };
}
