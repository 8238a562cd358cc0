import { EMPLOYEE_FIELDS } from './mapping/employee-fields';
import type { EmployeePlan, FieldBaseline, FieldChange } from './plan-types';

export interface AppliedForEmployee {
  /** The changes (both directions) that were written successfully for this employee. */
  changes: readonly FieldChange[];
  /** True when the employee was just created in Xledger from HR's values. */
  createdInXledger?: boolean;
}

/**
 * The "last synced values" to remember for one employee after its writes succeeded:
 * a written field takes the written value; a field equal on both sides takes that value;
 * a field left different (skipped conflict, kept value) keeps its previous baseline (or stays unknown),
 * so the next run still sees the difference.
 */
export function nextBaseline(plan: EmployeePlan, applied: AppliedForEmployee, previous: FieldBaseline = {}): FieldBaseline {
  const out: FieldBaseline = {};
  const hr = plan.values.hr;
  const xl = plan.values.xledger;
  if (applied.createdInXledger && hr) {
    for (const f of EMPLOYEE_FIELDS) out[f.key] = hr[f.key];
    return out;
  }
  const written = new Map<string, string | null>(applied.changes.map((c) => [c.field, c.to]));
  for (const f of EMPLOYEE_FIELDS) {
    if (written.has(f.key)) out[f.key] = written.get(f.key) ?? null;
    else if (hr && xl && f.normalize(hr[f.key]) === f.normalize(xl[f.key])) out[f.key] = hr[f.key];
    else if (f.key in previous) out[f.key] = previous[f.key] ?? null;
  }
  return out;
}

/**
 * Whether a stored link is already right: it points at this Xledger employee and holds these last-synced values
 * (then the link need not be written again).
 */
export function isLinkUpToDate(stored: { dbId: number; baseline: FieldBaseline } | undefined, dbId: number, baseline: FieldBaseline): boolean {
  return stored !== undefined && stored.dbId === dbId && baselinesEqual(stored.baseline, baseline);
}

/** Whether two sets of last-synced values are the same (a missing field counts as null). */
export function baselinesEqual(a: FieldBaseline, b: FieldBaseline): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof FieldBaseline>;
  for (const k of keys) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  return true;
}
