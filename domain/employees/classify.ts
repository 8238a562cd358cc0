import type { EmployeeStatus } from './employee-types';
import type { Classification, FieldChange, FieldConflict } from './plan-types';
import type { ValidationIssue } from '../shared/validation/issues';

export interface ClassifyInput {
  matched: boolean;
  /** Which side the person exists on when not matched. */
  side?: 'hr' | 'xledger';
  ambiguous?: boolean;
  issues: readonly ValidationIssue[];
  status: EmployeeStatus | null;
  changes: readonly FieldChange[];
  conflicts: readonly FieldConflict[];
}

/**
 * Overall class of one employee. Precedence: ambiguous > invalid > locked (HR deactivated or
 * deleted: never updated, never deleted in Xledger) > only-in-one-side > conflict > updates > unchanged.
 */
export function classifyEmployee(input: ClassifyInput): Classification {
  if (input.ambiguous) return 'ambiguous';
  if (input.issues.length > 0) return 'invalid';
  if (input.status === 'deactivated' || input.status === 'deleted') return 'locked';
  if (!input.matched) return input.side === 'xledger' ? 'only-in-xledger' : 'only-in-hr';
  if (input.conflicts.length > 0) return 'conflict';
  const toXledger = input.changes.some((c) => c.direction === 'to-xledger');
  const toHr = input.changes.some((c) => c.direction === 'to-hr');
  if (toXledger && toHr) return 'update-both';
  if (toXledger) return 'update-xledger';
  if (toHr) return 'update-hr';
  return 'unchanged';
}
