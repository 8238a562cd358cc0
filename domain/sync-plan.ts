import { normalizeEmailForComparison } from './validation/email';
import { classifyEmployee } from './classify';
import { diffEmployee } from './diff';
import type { EmployeeLink, EmployeeStatus, HrEmployee, XledgerEmployeeSnapshot } from './employee-types';
import { hrEmployeeFromXledger } from './hr-writes';
import { readHrValues, readXledgerValues } from './mapping/employee-fields';
import { matchEmployees } from './matching';
import {
  CLASSIFICATIONS,
  Classification,
  CreationPlan,
  EmployeePlan,
  FieldBaseline,
  SyncPlan,
  SyncPolicy,
  XledgerRefs,
} from './plan-types';
import type { HrRowValidation, RequiredHrField } from './validation/hr-employee';
import type { ValidationIssue } from './validation/issues';

export interface SyncPlanInput {
  /** Every HR row in scope, validated (invalid rows included so they are matched and reported). */
  hrRows: readonly HrRowValidation[];
  xledger: readonly XledgerEmployeeSnapshot[];
  links?: readonly EmployeeLink[];
  /** Last synced values per HR employee number. */
  baselines?: Readonly<Record<string, FieldBaseline>>;
  policy?: SyncPolicy;
  /** 'YYYY-MM-DD' in the company's time zone. */
  today: string;
  /** The connection's required fields (used to check people that would be created in HR). */
  requiredFields?: readonly RequiredHrField[];
}

/** One HR row, reduced to what matching and planning need. */
interface HrCandidate {
  employeeNumber: string | null;
  workEmail: string | null;
  status: EmployeeStatus | null;
  employee: HrEmployee | null;
  issues: ValidationIssue[];
}

function toCandidate(row: HrRowValidation): HrCandidate {
  if (row.ok) {
    return {
      employeeNumber: row.employee.employeeNumber,
      workEmail: row.employee.workEmail,
      status: row.employee.status,
      employee: row.employee,
      issues: [],
    };
  }
  return { employeeNumber: row.employeeNumber, workEmail: row.workEmail, status: row.status, employee: null, issues: row.issues };
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
  if (setting === 'never') return { target, status: 'blocked', reason: `Creating people in ${target === 'hr' ? 'HR' : 'Xledger'} is turned off for this connection` };
  return { target, status: setting === 'auto' ? 'auto' : 'pending' };
}

/**
 * Work emails are unique (Huma, Xledger's contact email): HR rows sharing one are held back as invalid, each with
 * a reason naming the others, rather than letting matching pick one or creating the same person twice. When exactly
 * one of them is already linked to Xledger, that one goes on syncing.
 */
function holdBackDuplicateEmails(candidates: HrCandidate[], linked: ReadonlySet<string>): void {
  const byEmail = new Map<string, HrCandidate[]>();
  for (const c of candidates) {
    const email = normalizeEmailForComparison(c.workEmail);
    if (email) byEmail.set(email, [...(byEmail.get(email) ?? []), c]);
  }
  for (const group of byEmail.values()) {
    if (group.length < 2) continue;
    // The one person already synced under this email keeps syncing; only the newcomers are held back.
    const keepers = group.filter((c) => c.employeeNumber !== null && linked.has(c.employeeNumber));
    const keeper = keepers.length === 1 ? keepers[0] : undefined;
    for (const c of group) {
      if (c === keeper) continue;
      const others = group.filter((o) => o !== c).map((o) => o.employeeNumber ?? '(no number)');
      c.issues = [...c.issues, { field: 'workEmail', reason: `Shares the work email ${c.workEmail} with employee ${others.join(', ')}; work emails must be unique` }];
      c.employee = null;
    }
  }
}

/**
 * Match, diff and classify: one plan per employee (HR rows in input order, then people only in Xledger).
 */
export function buildSyncPlan(input: SyncPlanInput): SyncPlan {
  const policy = input.policy ?? {};
  const ctx = { today: input.today };
  const candidates = input.hrRows.map(toCandidate);
  holdBackDuplicateEmails(candidates, new Set((input.links ?? []).map((l) => l.hrEmployeeNumber)));
  const match = matchEmployees(candidates, input.xledger, input.links ?? []);
  const xledgerEmails = new Map<string, XledgerEmployeeSnapshot>();
  for (const x of input.xledger) {
    const email = normalizeEmailForComparison(x.email);
    if (email) xledgerEmails.set(email, x);
  }
  const plans = new Map<HrCandidate, EmployeePlan>();

  for (const { hr, xledger, matchedBy } of match.matches) {
    const plan = emptyPlan(hr.employeeNumber ?? '', 'unchanged');
    plan.xledgerDbId = xledger.dbId;
    plan.matchedBy = matchedBy;
    plan.xledger = refs(xledger);
    plan.issues = hr.issues;
    plan.values.xledger = readXledgerValues(xledger);
    if (hr.employee) {
      const diff = diffEmployee(hr.employee, xledger, {
        baseline: input.baselines?.[hr.employee.employeeNumber],
        policy,
        today: input.today,
      });
      plan.values.hr = diff.hrValues;
      const locked = hr.status === 'deactivated' || hr.status === 'deleted';
      if (locked) {
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
    plan.classification = classifyEmployee({
      matched: true,
      issues: plan.issues,
      status: hr.status,
      changes: plan.changes,
      conflicts: plan.conflicts,
    });
    plans.set(hr, plan);
  }

  for (const amb of match.ambiguities) {
    for (const hr of amb.hr) {
      const plan = emptyPlan(hr.employeeNumber ?? '', 'ambiguous');
      plan.issues = hr.issues;
      plan.notes.push(
        amb.xledger.length > 0
          ? `${amb.reason} (Xledger employee dbId ${amb.xledger.map((x) => x.dbId).join(', ')}); resolve it in HR or Xledger, nothing is synced until then`
          : `${amb.reason}; nothing is synced until it is resolved`,
      );
      if (hr.employee) plan.values.hr = readHrValues(hr.employee, ctx);
      plans.set(hr, plan);
    }
  }

  for (const hr of match.onlyInHr) {
    const plan = emptyPlan(hr.employeeNumber ?? '', 'only-in-hr');
    plan.issues = hr.issues;
    plan.classification = classifyEmployee({ matched: false, side: 'hr', issues: hr.issues, status: hr.status, changes: [], conflicts: [] });
    if (hr.employee) plan.values.hr = readHrValues(hr.employee, ctx);
    if (plan.classification === 'only-in-hr') {
      const owner = xledgerEmails.get(normalizeEmailForComparison(hr.workEmail) ?? '');
      plan.creation = creation(
        'xledger',
        policy.createInXledger,
        owner ? `Not created in Xledger: Xledger employee ${owner.code ?? owner.dbId} already has the work email ${hr.workEmail}, and emails must be unique` : undefined,
      );
    } else if (plan.classification === 'locked') {
      plan.notes.push(`${hr.status === 'deleted' ? 'Deleted' : 'Deactivated'} in HR and not in Xledger: not created`);
    }
    plans.set(hr, plan);
  }

  const employees: EmployeePlan[] = [];
  for (const hr of candidates) {
    const plan = plans.get(hr);
    if (plan) employees.push(plan);
  }

  for (const x of match.onlyInXledger) {
    const plan = emptyPlan(x.code?.trim() ?? '', 'only-in-xledger');
    plan.xledgerDbId = x.dbId;
    plan.xledger = refs(x);
    plan.values.xledger = readXledgerValues(x);
    if ((policy.direction ?? 'two-way') === 'hr-to-xledger') {
      plan.creation = creation('hr', 'never', 'This connection only syncs HR → Xledger');
    } else {
      const draft = hrEmployeeFromXledger(x, { requiredFields: input.requiredFields, today: input.today });
      if (draft.ok) {
        plan.hrDraft = draft.employee;
        plan.creation = creation('hr', policy.createInHr);
      } else {
        plan.creation = creation(
          'hr',
          policy.createInHr,
          `Cannot be created in HR: ${draft.issues.map((i) => i.reason).join('; ')}`,
        );
      }
    }
    employees.push(plan);
  }

  const byNumber = new Map(employees.map((p) => [p.employeeNumber, p] as const));
  for (const link of match.staleLinks) {
    const plan = byNumber.get(link.hrEmployeeNumber);
    plan?.notes.push(`The remembered Xledger employee ${link.xledgerDbId} no longer exists; matched again by email or number`);
  }

  const summary = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, 0])) as Record<Classification, number>;
  for (const p of employees) summary[p.classification] += 1;
  return { employees, summary };
}
