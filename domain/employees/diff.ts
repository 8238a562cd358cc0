import { isHashedBaseline, type PersonalHasher } from './baseline';
import type { HrEmployee, XledgerEmployeeSnapshot } from './employee-types';
import { decideField } from './field-decision';
import { EMPLOYEE_FIELDS, readHrValues, readXledgerValues } from './mapping/employee-fields';
import type { FieldValues } from './mapping/field-mapping-types';
import type { FieldBaseline, FieldChange, FieldConflict, KeptField, SyncPolicy } from './plan-types';

export interface EmployeeDiff {
  changes: FieldChange[];
  conflicts: FieldConflict[];
  kept: KeptField[];
  hrValues: FieldValues;
  xledgerValues: FieldValues;
}

export interface DiffOptions {
  baseline?: FieldBaseline;
  hasher?: PersonalHasher;
  policy?: SyncPolicy;
  /** 'YYYY-MM-DD' (position-derived values depend on it). */
  today: string;
}

/** Compares one matched pair field by field through the mapping table (see field-decision.ts for the rules). */
export function diffEmployee(hr: HrEmployee, xledger: XledgerEmployeeSnapshot, options: DiffOptions): EmployeeDiff {
  const hrValues = readHrValues(hr, { today: options.today });
  const xledgerValues = readXledgerValues(xledger);
  const allowToHr = (options.policy?.direction ?? 'two-way') === 'two-way';
  const diff: EmployeeDiff = { changes: [], conflicts: [], kept: [], hrValues, xledgerValues };

  for (const field of EMPLOYEE_FIELDS) {
    const baseline = options.baseline && field.key in options.baseline ? (options.baseline[field.key] ?? null) : undefined;
    const outcome = decideField({
      field,
      hr: hrValues[field.key],
      xledger: xledgerValues[field.key],
      baseline,
      ...(options.hasher ? { hasher: options.hasher } : {}),
      policy: options.policy?.fields?.[field.key] ?? field.defaultPolicy,
      allowToHr,
    });
    switch (outcome.kind) {
      case 'unchanged':
        break;
      case 'write':
        diff.changes.push({
          field: field.key,
          label: field.label,
          from: outcome.from,
          to: outcome.to,
          direction: outcome.direction,
          reason: outcome.reason,
        });
        break;
      case 'conflict':
        diff.conflicts.push({
          field: field.key,
          label: field.label,
          hrValue: hrValues[field.key],
          xledgerValue: xledgerValues[field.key],
          ...(baseline !== undefined && !isHashedBaseline(baseline) ? { baselineValue: baseline } : {}),
          reason: outcome.reason,
        });
        break;
      case 'kept':
        diff.kept.push({ field: field.key, label: field.label, reason: outcome.reason });
        break;
    }
  }
  return diff;
}
