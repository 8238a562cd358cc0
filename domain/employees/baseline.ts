import { EMPLOYEE_FIELDS } from './mapping/employee-fields';
import type { EmployeeFieldMapping } from './mapping/field-mapping-types';
import type { EmployeePlan, FieldBaseline, FieldChange } from './plan-types';

/**
 * Keyed hashes for the personal numbers (fields with `pii`: national id, bank account) that a baseline must not keep
 * in clear. The activities make one from XSYNC_SECRET_KEY (HMAC); the domain only calls it, so it stays pure.
 */
export interface PersonalHasher {
  /** The stored form of a normalised value: 'hmac:<key id>:<digest>'. */
  hash(normalized: string): string;
  /** Whether a stored hash is of this normalised value (under whichever key made it). */
  matches(stored: string, normalized: string): boolean;
}

export const isHashedBaseline = (value: string | null | undefined): value is string => typeof value === 'string' && value.startsWith('hmac:');

/**
 * Whether a field's normalised value equals its last-synced value; undefined when that cannot be told (a hashed
 * value and no hasher to check it with: then the baseline counts as unknown).
 */
export function sameAsBaseline(field: EmployeeFieldMapping, normalized: string | null, baseline: string | null, hasher?: PersonalHasher): boolean | undefined {
  if (!isHashedBaseline(baseline)) return field.normalize(baseline) === normalized;
  if (!hasher) return undefined;
  return normalized !== null && hasher.matches(baseline, normalized);
}

/** The value to remember for a field: personal numbers as keyed hashes, everything else as it is. */
function remembered(field: EmployeeFieldMapping, value: string | null | undefined, hasher?: PersonalHasher): string | null {
  if (value === null || value === undefined) return null;
  if (!field.pii || !hasher || isHashedBaseline(value)) return value;
  const n = field.normalize(value);
  return n === null ? null : hasher.hash(n);
}

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
export function nextBaseline(plan: EmployeePlan, applied: AppliedForEmployee, previous: FieldBaseline = {}, hasher?: PersonalHasher): FieldBaseline {
  const out: FieldBaseline = {};
  const hr = plan.values.hr;
  const xl = plan.values.xledger;
  if (applied.createdInXledger && hr) {
    for (const f of EMPLOYEE_FIELDS) out[f.key] = remembered(f, hr[f.key], hasher);
    return out;
  }
  const written = new Map<string, string | null>(applied.changes.map((c) => [c.field, c.to]));
  for (const f of EMPLOYEE_FIELDS) {
    if (written.has(f.key)) out[f.key] = remembered(f, written.get(f.key), hasher);
    else if (hr && xl && f.normalize(hr[f.key]) === f.normalize(xl[f.key])) out[f.key] = remembered(f, hr[f.key], hasher);
    else if (f.key in previous) out[f.key] = remembered(f, previous[f.key], hasher);
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
