import { sameAsBaseline, type PersonalHasher } from './baseline';
import type { EmployeeFieldMapping, FieldPolicy } from './mapping/field-mapping-types';

/**
 * The rule for one field of one matched employee. Inputs are raw values; comparisons use the row's
 * normaliser. `baseline` is the value both sides had after the last successful sync (undefined: unknown).
 *
 * 1. Equal (after normalising)                                  → unchanged
 * 2. With a baseline:
 *    - only HR changed                                          → to Xledger
 *        · HR value removed: neverUnsetInXledger → kept; removeInXledgerWhenRemovedInHr → remove in
 *          Xledger; otherwise the field's policy decides (a removal is never assumed)
 *    - only Xledger changed
 *        · field does not flow to HR                             → to Xledger (HR's value restored),
 *          unless the policy is 'xledger-wins' (then kept)
 *        · Xledger value removed                                → the policy decides
 *        · otherwise                                            → to HR
 *    - both changed                                             → the policy decides
 * 3. Without a baseline:
 *    - Xledger empty, HR has a value                            → to Xledger (fill the gap)
 *    - otherwise                                                → the policy decides
 * Policy: 'hr-wins' → to Xledger; 'xledger-wins' → to HR (if the field flows to HR, else kept);
 *         'ask' → conflict for an admin.
 * A write to Xledger that would unset a neverUnsetInXledger field becomes "kept" instead.
 * An Xledger value that is not valid in HR (e.g. a bad check digit) is never written to HR: kept.
 */

export type FieldDirection = 'to-xledger' | 'to-hr';

export type FieldOutcome =
  | { kind: 'unchanged' }
  | { kind: 'write'; direction: FieldDirection; from: string | null; to: string | null; reason: string }
  | { kind: 'conflict'; reason: string }
  | { kind: 'kept'; reason: string };

export interface FieldDecisionInput {
  field: EmployeeFieldMapping;
  hr: string | null;
  xledger: string | null;
  baseline?: string | null;
  /** Checks personal numbers the baseline holds as keyed hashes. */
  hasher?: PersonalHasher;
  policy: FieldPolicy;
  /** False when the connection is HR → Xledger only. */
  allowToHr: boolean;
}

export function decideField(input: FieldDecisionInput): FieldOutcome {
  const { field, hr, xledger, baseline, policy } = input;
  const flowsToHr = field.flowsToHr && input.allowToHr;
  const n = field.normalize;
  const hrN = n(hr);
  const xlN = n(xledger);
  if (hrN === xlN) return { kind: 'unchanged' };

  const toXledger = (reason: string): FieldOutcome => {
    if (hrN === null && field.neverUnsetInXledger) {
      return { kind: 'kept', reason: `${field.label} is empty in HR; Xledger's value is kept (it is never unset)` };
    }
    return { kind: 'write', direction: 'to-xledger', from: xledger, to: hr, reason };
  };
  const toHr = (reason: string): FieldOutcome => {
    if (!flowsToHr) {
      return { kind: 'kept', reason: `${field.label} differs; Xledger's value is kept (the field does not flow to HR)` };
    }
    const checked = field.toHrValue ? field.toHrValue(xledger) : { ok: true as const, value: xledger };
    if (!checked.ok) {
      return { kind: 'kept', reason: `Xledger's ${field.label} cannot be written to HR: ${checked.reason}` };
    }
    return { kind: 'write', direction: 'to-hr', from: hr, to: checked.value, reason };
  };
  const byPolicy = (why: string): FieldOutcome => {
    if (policy === 'hr-wins') return toXledger(`${why}; HR wins`);
    if (policy === 'xledger-wins') return toHr(`${why}; Xledger wins`);
    if (hrN === null && field.neverUnsetInXledger) return toXledger(why); // → kept: nothing to ask
    return { kind: 'conflict', reason: why };
  };

  const hrSame = baseline === undefined ? undefined : sameAsBaseline(field, hrN, baseline, input.hasher);
  const xlSame = baseline === undefined ? undefined : sameAsBaseline(field, xlN, baseline, input.hasher);
  if (hrSame !== undefined && xlSame !== undefined) {
    const hrChanged = !hrSame;
    const xlChanged = !xlSame;
    if (hrChanged && !xlChanged) {
      if (hrN === null) {
        if (field.removeInXledgerWhenRemovedInHr) return toXledger('Removed in HR; removed in Xledger too');
        return byPolicy('Removed in HR since the last sync');
      }
      return toXledger('Changed in HR since the last sync');
    }
    if (!hrChanged && xlChanged) {
      if (!flowsToHr) {
        if (policy === 'xledger-wins') return toHr('Changed in Xledger since the last sync');
        return toXledger('Changed in Xledger, but this field is kept in step from HR');
      }
      if (xlN === null) return byPolicy('Removed in Xledger since the last sync');
      return toHr('Changed in Xledger since the last sync');
    }
    return byPolicy('Changed in both HR and Xledger since the last sync');
  }

  if (xlN === null) return toXledger('Missing in Xledger');
  if (hrN === null) return byPolicy('Missing in HR');
  return byPolicy('Different in HR and Xledger');
}
