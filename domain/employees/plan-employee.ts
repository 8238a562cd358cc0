import type { PersonalHasher } from './baseline';
import { classifyEmployee } from './classify';
import { diffEmployee } from './diff';
import type { XledgerEmployeeSnapshot } from './employee-types';
import { hrEmployeeFromXledger } from './hr-writes';
import { readHrValues, readXledgerValues } from './mapping/employee-fields';
import type { PlanTask } from './plan-tasks';
import type { Classification, CreationPlan, EmployeePlan, FieldBaseline, SyncPolicy, XledgerRefs } from './plan-types';
import type { RequiredHrField } from './validation/hr-employee';

/**
 * Stage two of planning: diff and classify one person, given the task from stage one (plan-tasks.ts) and the
 * person's full data. Independent per person, so a run can plan its employees a page at a time.
 */

export interface PlanContext {
  policy?: SyncPolicy;
  /** 'YYYY-MM-DD' in the company's time zone. */
  today: string;
  /** The connection's required fields (used to check people that would be created in HR). */
  requiredFields?: readonly RequiredHrField[];
  /** Checks the personal numbers baselines hold as keyed hashes. */
  hasher?: PersonalHasher;
}

export interface PlanTaskData {
  /** The Xledger employee of a 'matched' or 'only-in-xledger' task. */
  xledger?: XledgerEmployeeSnapshot;
  /** The last synced values of a matched HR employee. */
  baseline?: FieldBaseline;
}

const refs = (x: XledgerEmployeeSnapshot): XledgerRefs => ({
  dbId: x.dbId,
  code: x.code,
  contactDbId: x.contactDbId,
  subledgerDbId: x.subledgerDbId,
});

function emptyPlan(employeeNumber: string, classification: Classification): EmployeePlan {
  return { employeeNumber, classification, changes: [], conflicts: [], kept: [], issues: [], notes: [], values: {} };
}

function creation(target: 'xledger' | 'hr', setting: 'auto' | 'ask' | 'never' | undefined, blockedReason?: string): CreationPlan {
  if (blockedReason) return { target, status: 'blocked', reason: blockedReason };
  if (setting === 'never')
    return { target, status: 'blocked', reason: `Creating people in ${target === 'hr' ? 'HR' : 'Xledger'} is turned off for this connection` };
  return { target, status: setting === 'auto' ? 'auto' : 'pending' };
}

function staleLinkNote(dbId: number): string {
  return `The remembered Xledger employee ${dbId} no longer exists; matched again by email or number`;
}

function requireXledger(task: PlanTask, data: PlanTaskData): XledgerEmployeeSnapshot {
  if (!data.xledger) throw new Error(`planEmployee: the ${task.kind} task needs the Xledger employee's snapshot`);
  return data.xledger;
}

function planMatched(task: Extract<PlanTask, { kind: 'matched' }>, xledger: XledgerEmployeeSnapshot, data: PlanTaskData, ctx: PlanContext): EmployeePlan {
  const { hr } = task;
  const plan = emptyPlan(hr.employeeNumber ?? '', 'unchanged');
  plan.xledgerDbId = xledger.dbId;
  plan.matchedBy = task.matchedBy;
  plan.xledger = refs(xledger);
  plan.issues = hr.issues;
  plan.values.xledger = readXledgerValues(xledger);
  if (hr.employee) {
    const diff = diffEmployee(hr.employee, xledger, {
      baseline: data.baseline,
      policy: ctx.policy ?? {},
      today: ctx.today,
      ...(ctx.hasher ? { hasher: ctx.hasher } : {}),
    });
    plan.values.hr = diff.hrValues;
    if (hr.status === 'deactivated' || hr.status === 'deleted') {
      const n = diff.changes.length + diff.conflicts.length;
      plan.notes.push(
        hr.status === 'deleted'
          ? 'Deleted in HR: the Xledger employee is kept (never deleted by the sync) and not updated'
          : 'Deactivated in HR: locked for updates',
      );
      if (n > 0) plan.notes.push(`${n} field difference(s) were not synced because the employee is locked`);
    } else {
      plan.changes = diff.changes;
      plan.conflicts = diff.conflicts;
      plan.kept = diff.kept;
    }
  }
  plan.classification = classifyEmployee({ matched: true, issues: plan.issues, status: hr.status, changes: plan.changes, conflicts: plan.conflicts });
  return plan;
}

function planOnlyInHr(task: Extract<PlanTask, { kind: 'only-in-hr' }>, ctx: PlanContext): EmployeePlan {
  const { hr } = task;
  const plan = emptyPlan(hr.employeeNumber ?? '', 'only-in-hr');
  plan.issues = hr.issues;
  plan.classification = classifyEmployee({ matched: false, side: 'hr', issues: hr.issues, status: hr.status, changes: [], conflicts: [] });
  if (hr.employee) plan.values.hr = readHrValues(hr.employee, { today: ctx.today });
  if (plan.classification === 'only-in-hr') {
    plan.creation = creation(
      'xledger',
      ctx.policy?.createInXledger,
      task.emailOwner !== undefined
        ? `Not created in Xledger: Xledger employee ${task.emailOwner} already has the work email ${hr.workEmail}, and emails must be unique`
        : undefined,
    );
  } else if (plan.classification === 'locked') {
    plan.notes.push(`${hr.status === 'deleted' ? 'Deleted' : 'Deactivated'} in HR and not in Xledger: not created`);
  }
  return plan;
}

function planOnlyInXledger(x: XledgerEmployeeSnapshot, ctx: PlanContext): EmployeePlan {
  const plan = emptyPlan(x.code?.trim() ?? '', 'only-in-xledger');
  plan.xledgerDbId = x.dbId;
  plan.xledger = refs(x);
  plan.values.xledger = readXledgerValues(x);
  if ((ctx.policy?.direction ?? 'two-way') === 'hr-to-xledger') {
    plan.creation = creation('hr', 'never', 'This connection only syncs HR → Xledger');
    return plan;
  }
  const draft = hrEmployeeFromXledger(x, { requiredFields: ctx.requiredFields, today: ctx.today });
  if (draft.ok) {
    plan.hrDraft = draft.employee;
    plan.creation = creation('hr', ctx.policy?.createInHr);
  } else {
    plan.creation = creation('hr', ctx.policy?.createInHr, `Cannot be created in HR: ${draft.issues.map((i) => i.reason).join('; ')}`);
  }
  return plan;
}

/** Match is done; diff and classify one person into their plan. */
export function planEmployee(task: PlanTask, data: PlanTaskData, ctx: PlanContext): EmployeePlan {
  let plan: EmployeePlan;
  switch (task.kind) {
    case 'matched':
      plan = planMatched(task, requireXledger(task, data), data, ctx);
      break;
    case 'ambiguous':
      plan = emptyPlan(task.hr.employeeNumber ?? '', 'ambiguous');
      plan.issues = task.hr.issues;
      plan.notes.push(task.note);
      if (task.hr.employee) plan.values.hr = readHrValues(task.hr.employee, { today: ctx.today });
      break;
    case 'only-in-hr':
      plan = planOnlyInHr(task, ctx);
      break;
    case 'only-in-xledger':
      return planOnlyInXledger(requireXledger(task, data), ctx);
  }
  if (task.staleLink !== undefined) plan.notes.push(staleLinkNote(task.staleLink));
  return plan;
}
