import type { DecisionAttribution } from './decisions';
import type { HrEmployee } from './employee-types';
import type { FieldDirection } from './field-decision';
import type { EmployeeFieldKey, FieldPolicy, FieldValues } from './mapping/field-mapping-types';
import type { MatchMethod } from './matching';
import type { ValidationIssue } from '../shared/validation/issues';

/** Values both sides had after the previous successful sync, per field. Missing key = unknown. */
export type FieldBaseline = Partial<Record<EmployeeFieldKey, string | null>>;

export interface SyncPolicy {
  /** 'hr-to-xledger': nothing flows back to HR (Alexis style). Default 'two-way' (Huma style). */
  direction?: 'two-way' | 'hr-to-xledger';
  /** Per-field override of the mapping table's default policy. */
  fields?: Partial<Record<EmployeeFieldKey, FieldPolicy>>;
  /** What to do with people only in HR. Default 'ask'. */
  createInXledger?: 'auto' | 'ask' | 'never';
  /** What to do with people only in Xledger. Default 'ask'. */
  createInHr?: 'auto' | 'ask' | 'never';
}

export type Classification =
  'unchanged' | 'update-xledger' | 'update-hr' | 'update-both' | 'conflict' | 'only-in-hr' | 'only-in-xledger' | 'invalid' | 'locked' | 'ambiguous';

export const CLASSIFICATIONS: readonly Classification[] = [
  'unchanged',
  'update-xledger',
  'update-hr',
  'update-both',
  'conflict',
  'only-in-hr',
  'only-in-xledger',
  'invalid',
  'locked',
  'ambiguous',
];

export interface FieldChange {
  field: EmployeeFieldKey;
  label: string;
  from: string | null;
  to: string | null;
  direction: FieldDirection;
  reason: string;
  /** The admin decision that chose this value, when one did. */
  decision?: DecisionAttribution;
}

export interface FieldConflict {
  field: EmployeeFieldKey;
  label: string;
  hrValue: string | null;
  xledgerValue: string | null;
  /** Value at the last successful sync, when known. */
  baselineValue?: string | null;
  reason: string;
}

/** A difference that is deliberately not synced (e.g. address never unset), with the reason. */
export interface KeptField {
  field: EmployeeFieldKey;
  label: string;
  reason: string;
}

export interface XledgerRefs {
  dbId: number;
  code: string | null;
  contactDbId: number | null;
  subledgerDbId: number | null;
}

export type CreationStatus = 'auto' | 'pending' | 'blocked';

export interface CreationPlan {
  /** Where the person would be created. */
  target: 'xledger' | 'hr';
  status: CreationStatus;
  /** Why creation is blocked, if it is. */
  reason?: string;
}

export interface EmployeePlan {
  /** HR employee number; for people only in Xledger, their Xledger code ('' when unknown). */
  employeeNumber: string;
  xledgerDbId?: number;
  matchedBy?: MatchMethod;
  classification: Classification;
  changes: FieldChange[];
  conflicts: FieldConflict[];
  kept: KeptField[];
  issues: ValidationIssue[];
  /** Plain-language notes for admins (locked, ambiguity, stale link…). */
  notes: string[];
  creation?: CreationPlan;
  xledger?: XledgerRefs;
  /** Raw mapped values of each side (for writes, group completion and history). Contains PII. */
  values: { hr?: FieldValues; xledger?: FieldValues };
  /** For people only in Xledger: the HR employee that would be created. */
  hrDraft?: HrEmployee;
}

export interface SyncPlan {
  employees: EmployeePlan[];
  summary: Record<Classification, number>;
}
