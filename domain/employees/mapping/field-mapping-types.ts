import type { HrEmployee, XledgerEmployeeSnapshot } from '../employee-types';
import type { FieldResult } from '../../shared/validation/issues';
import type { Normalizer } from './normalizers';

/** Keys of the fields the employee sync keeps in step. */
export type EmployeeFieldKey =
  | 'employeeNumber'
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'fullName'
  | 'phone'
  | 'birthDate'
  | 'nationalId'
  | 'gender'
  | 'nationality'
  | 'bankAccount'
  | 'addressStreet'
  | 'addressPostalCode'
  | 'addressPlace'
  | 'addressCountry'
  | 'jobTitle'
  | 'employmentFrom'
  | 'employmentTo'
  | 'trialTo'
  | 'noticeDate';

/** Values of all mapped fields of one side, keyed by field. */
export type FieldValues = Record<EmployeeFieldKey, string | null>;

/** Who wins when both sides hold different values and the baseline cannot tell who changed. */
export type FieldPolicy = 'hr-wins' | 'xledger-wins' | 'ask';

/** The Xledger record an input field belongs to. */
export type XledgerTarget = 'employee' | 'contact' | 'subledger';

/** Where a value is written in Xledger: the record and the field path inside the mutation's input node. */
export interface XledgerInputField {
  target: XledgerTarget;
  /** Dot path inside the node, e.g. 'email' or 'address.streetAddress'. */
  field: string;
}

/** HR fields the sync may write (Xledger → HR). */
export const HR_WRITABLE_FIELDS = [
  'workEmail',
  'firstName',
  'lastName',
  'phone',
  'birthDate',
  'nationalId',
  'gender',
  'nationality',
  'bankAccount',
  'address.street',
  'address.postalCode',
  'address.place',
  'address.country',
] as const;
export type HrWritableField = (typeof HR_WRITABLE_FIELDS)[number];

export interface DerivationContext {
  /** 'YYYY-MM-DD', needed for position-derived values. */
  today: string;
}

export interface EmployeeFieldMapping {
  key: EmployeeFieldKey;
  /** Name shown to admins. */
  label: string;
  /** The HR value (possibly derived, e.g. from positions). */
  readHr(employee: HrEmployee, ctx: DerivationContext): string | null;
  /** The Xledger value from the flattened snapshot. */
  readXledger(snapshot: XledgerEmployeeSnapshot): string | null;
  /** Comparison form (e.g. email lower-cased, phone E.164, bank account digits). */
  normalize: Normalizer;
  /** Input fields set by updateEmployees / updateContacts / updateSubledgers-style nodes. */
  xledgerWrites: readonly XledgerInputField[];
  /**
   * Field path on the addEmployees node (person fields go directly on the employee node). Also used
   * on updateEmployees nodes as a fallback when the contact/subledger dbId is unknown.
   * null: not settable on creation; written afterwards through xledgerWrites.
   */
  employeeNodeField: string | null;
  /** Converts a (non-null) value into the mutation input value, e.g. a lookup `{ code }`. Default: the string. */
  toXledgerInput?: (value: string) => unknown;
  /** May the value flow Xledger → HR? (Position-derived and composed fields: no.) */
  flowsToHr: boolean;
  /** The HR field written when it flows back. null when flowsToHr is false. */
  hrField: HrWritableField | null;
  /** Converts and checks an Xledger value before it is written to HR. Default: accept as is. */
  toHrValue?: (value: string | null) => FieldResult<string | null>;
  /** An unset HR value must never unset Xledger's value (not even by an admin decision). */
  neverUnsetInXledger: boolean;
  /** When the value is removed in HR (baseline had it), remove it in Xledger without asking. */
  removeInXledgerWhenRemovedInHr: boolean;
  pii?: 'nationalId' | 'bankAccount';
  /** Default policy when both sides differ and no baseline decides. A connection can override it. */
  defaultPolicy: FieldPolicy;
  required?: boolean;
  unique?: boolean;
  /**
   * For values composed from other fields (the full name): recomputes the value from final HR values,
   * so that a name taken from Xledger by an admin decision also fixes the composed value.
   */
  compose?: (hrValues: FieldValues) => string | null;
  /** Fields of one group are written together (e.g. an address object is sent whole). */
  writeGroup?: 'address';
}
