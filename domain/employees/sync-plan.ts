import type { EmployeeLink, XledgerEmployeeSnapshot } from './employee-types';
import { planEmployee, type PlanContext } from './plan-employee';
import { planTasks } from './plan-tasks';
import { CLASSIFICATIONS, type Classification, type FieldBaseline, type SyncPlan } from './plan-types';
import type { HrRowValidation } from './validation/hr-employee';

export interface SyncPlanInput extends PlanContext {
  /** Every HR row in scope, validated (invalid rows included so they are matched and reported). */
  hrRows: readonly HrRowValidation[];
  xledger: readonly XledgerEmployeeSnapshot[];
  links?: readonly EmployeeLink[];
  /** Last synced values per HR employee number. */
  baselines?: Readonly<Record<string, FieldBaseline>>;
}

export function emptySummary(): Record<Classification, number> {
  return Object.fromEntries(CLASSIFICATIONS.map((c) => [c, 0])) as Record<Classification, number>;
}

/**
 * Match, diff and classify everyone held in memory: one plan per employee (HR rows in input order, then people
 * only in Xledger). A run plans page by page with the same two stages (planTasks, then planEmployee per person).
 */
export function buildSyncPlan(input: SyncPlanInput): SyncPlan {
  const xledgerByDbId = new Map(input.xledger.map((x) => [x.dbId, x]));
  const employees = planTasks(input).map((task) => {
    const xledger = 'xledgerDbId' in task ? xledgerByDbId.get(task.xledgerDbId) : undefined;
    const baseline = task.kind === 'matched' && task.hr.employee ? input.baselines?.[task.hr.employee.employeeNumber] : undefined;
    return planEmployee(task, { xledger, baseline }, input);
  });
  const summary = emptySummary();
  for (const p of employees) summary[p.classification] += 1;
  return { employees, summary };
}
