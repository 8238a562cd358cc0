import type { HrEmployee, XledgerEmployeeSnapshot } from '../employee-types';
import { validateBankAccount } from '../../shared/validation/bank-account';
import { validateCountryCode } from '../../shared/validation/country';
import { validateDate } from '../../shared/validation/date';
import { validateEmail } from '../../shared/validation/email';
import { canonicalGender, validateGender } from '../../shared/validation/gender';
import type { FieldResult } from '../../shared/validation/issues';
import { validateNationalId } from '../../shared/validation/national-id';
import { validatePhone } from '../../shared/validation/phone';
import { validatePostalCode } from '../../shared/validation/postal-code';
import { validateText } from '../../shared/validation/text';
import type { DerivationContext, EmployeeFieldKey, EmployeeFieldMapping, FieldValues } from './field-mapping-types';
import {
  normalizeCode,
  normalizeDate,
  normalizeDigits,
  normalizeEmail,
  normalizeGender,
  normalizePhone,
  normalizePostalCode,
  normalizeText,
} from './normalizers';
import { derivePositionValues } from './positions';

/**
 * THE mapping table of the employee sync: one row per field, driving diff, writes and history.
 * It is the union of the Alexis HR and Huma tables (shared/seeds 000 and 001).
 *
 * Adding a field = adding one row (and its key to EmployeeFieldKey).
 */

// Xledger's gender system values are assumed to be Male / Female / Unknown (see xledger/fake/README.md);
// HR's 'other' has no closer value there, and 'Unknown' reads back as 'other' so a re-sync stays a no-op.
const GENDER_TO_XLEDGER: Record<string, string> = { male: 'Male', female: 'Female', other: 'Unknown' };
const genderFromXledger = (name: string): string => canonicalGender(name) ?? (name.trim().toLowerCase() === 'unknown' ? 'other' : name);

const text =
  (label: string) =>
  (v: string | null): FieldResult<string | null> =>
    validateText(v, label);

function fullName(first: string | null, last: string | null): string | null {
  return [first, last].filter((p): p is string => !!p && p.trim() !== '').join(' ') || null;
}

function positions(e: HrEmployee, ctx: DerivationContext) {
  return derivePositionValues(e.positions, ctx.today);
}

export const EMPLOYEE_FIELDS: readonly EmployeeFieldMapping[] = [
  {
    key: 'employeeNumber',
    label: 'Employee number',
    readHr: (e) => e.employeeNumber,
    readXledger: (x) => x.code,
    normalize: normalizeText,
    xledgerWrites: [{ target: 'employee', field: 'code' }],
    employeeNodeField: 'code',
    flowsToHr: false, // the HR employee number is the sync's key; never rewritten from Xledger
    hrField: null,
    neverUnsetInXledger: true,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
    required: true,
    unique: true,
  },
  {
    key: 'email',
    label: 'Email',
    readHr: (e) => e.workEmail,
    readXledger: (x) => x.email,
    normalize: normalizeEmail,
    xledgerWrites: [
      { target: 'employee', field: 'email' },
      { target: 'contact', field: 'email' },
      { target: 'subledger', field: 'email' },
    ],
    employeeNodeField: 'email',
    flowsToHr: true,
    hrField: 'workEmail',
    toHrValue: (v) => validateEmail(v, 'Email'),
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
    required: true,
    unique: true,
  },
  {
    key: 'firstName',
    label: 'First name',
    readHr: (e) => e.firstName,
    readXledger: (x) => x.firstName,
    normalize: normalizeText,
    xledgerWrites: [{ target: 'contact', field: 'firstName' }],
    employeeNodeField: 'firstName',
    flowsToHr: true,
    hrField: 'firstName',
    toHrValue: text('First name'),
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
  },
  {
    key: 'lastName',
    label: 'Last name',
    readHr: (e) => e.lastName,
    readXledger: (x) => x.lastName,
    normalize: normalizeText,
    xledgerWrites: [{ target: 'contact', field: 'lastName' }],
    employeeNodeField: 'lastName',
    flowsToHr: true,
    hrField: 'lastName',
    toHrValue: text('Last name'),
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
  },
  {
    // Alexis: firstName + ' ' + lastName → Employee.description (and Contact.name); Huma: → subledger.description.
    key: 'fullName',
    label: 'Full name (description)',
    readHr: (e) => fullName(e.firstName, e.lastName),
    compose: (v) => fullName(v.firstName, v.lastName),
    readXledger: (x) => x.description,
    normalize: normalizeText,
    xledgerWrites: [
      { target: 'employee', field: 'description' },
      { target: 'subledger', field: 'description' },
    ],
    employeeNodeField: 'description',
    flowsToHr: false, // composed from first + last name, which flow back themselves
    hrField: null,
    neverUnsetInXledger: true,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'hr-wins',
  },
  {
    key: 'phone',
    label: 'Phone number',
    readHr: (e) => e.phone,
    readXledger: (x) => x.phone,
    normalize: normalizePhone,
    xledgerWrites: [
      { target: 'contact', field: 'phone' },
      { target: 'subledger', field: 'phone' },
    ],
    employeeNodeField: 'phone',
    flowsToHr: true,
    hrField: 'phone',
    toHrValue: (v) => validatePhone(v),
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
  },
  {
    key: 'birthDate',
    label: 'Date of birth',
    readHr: (e) => e.birthDate,
    readXledger: (x) => x.birthday,
    normalize: normalizeDate,
    xledgerWrites: [{ target: 'contact', field: 'birthday' }],
    employeeNodeField: 'birthday',
    flowsToHr: true,
    hrField: 'birthDate',
    toHrValue: (v) => validateDate(normalizeDate(v), 'Date of birth'),
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
  },
  {
    // Alexis: "If the SSN is removed in Alexis, it will be removed in Xledger as well".
    key: 'nationalId',
    label: 'National identity number',
    readHr: (e) => e.nationalId,
    readXledger: (x) => x.socialSec,
    normalize: normalizeDigits,
    xledgerWrites: [{ target: 'contact', field: 'socialSec' }],
    employeeNodeField: 'socialSec',
    flowsToHr: true,
    hrField: 'nationalId',
    toHrValue: (v) => {
      const r = validateNationalId(v);
      return r.ok ? { ok: true, value: r.value?.value ?? null } : r;
    },
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: true,
    pii: 'nationalId',
    defaultPolicy: 'ask',
  },
  {
    key: 'gender',
    label: 'Gender',
    readHr: (e) => e.gender,
    readXledger: (x) => (x.gender === null ? null : genderFromXledger(x.gender)),
    normalize: normalizeGender,
    xledgerWrites: [{ target: 'contact', field: 'gender' }],
    employeeNodeField: 'gender',
    toXledgerInput: (v) => ({ name: GENDER_TO_XLEDGER[v] ?? v }),
    flowsToHr: true,
    hrField: 'gender',
    toHrValue: (v) => validateGender(v),
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
  },
  {
    // Alexis: Employee.nationality → Contact.country.
    key: 'nationality',
    label: 'Nationality',
    readHr: (e) => e.nationality,
    readXledger: (x) => x.country,
    normalize: normalizeCode,
    xledgerWrites: [{ target: 'contact', field: 'country' }],
    // Assumed: addEmployees takes the contact's country like its other person fields (xledger/fake/README.md).
    employeeNodeField: 'country',
    toXledgerInput: (v) => ({ code: v }),
    flowsToHr: true,
    hrField: 'nationality',
    toHrValue: (v) => validateCountryCode(v, 'Nationality'),
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
  },
  {
    key: 'bankAccount',
    label: 'Bank account number',
    readHr: (e) => e.bankAccount,
    readXledger: (x) => x.bankAccount,
    normalize: normalizeDigits,
    xledgerWrites: [{ target: 'subledger', field: 'bankAccount' }],
    employeeNodeField: 'bankAccount',
    flowsToHr: true,
    hrField: 'bankAccount',
    toHrValue: (v) => validateBankAccount(v),
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    pii: 'bankAccount',
    defaultPolicy: 'ask',
  },
  // Huma: "The integration can't unset this field's value in Xledger when the value is unset in Huma."
  {
    key: 'addressStreet',
    label: 'Street address',
    readHr: (e) => e.address?.street ?? null,
    readXledger: (x) => x.address?.streetAddress ?? null,
    normalize: normalizeText,
    xledgerWrites: [
      { target: 'contact', field: 'address.streetAddress' },
      { target: 'subledger', field: 'address.streetAddress' },
    ],
    employeeNodeField: 'address.streetAddress',
    flowsToHr: true,
    hrField: 'address.street',
    toHrValue: text('Street address'),
    neverUnsetInXledger: true,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
    writeGroup: 'address',
  },
  {
    key: 'addressPostalCode',
    label: 'Postal code',
    readHr: (e) => e.address?.postalCode ?? null,
    readXledger: (x) => x.address?.zipCode ?? null,
    normalize: normalizePostalCode,
    xledgerWrites: [
      { target: 'contact', field: 'address.zipCode' },
      { target: 'subledger', field: 'address.zipCode' },
    ],
    employeeNodeField: 'address.zipCode',
    flowsToHr: true,
    hrField: 'address.postalCode',
    // The country is not known here; a non-Norwegian code is accepted by the loose check.
    toHrValue: (v) => {
      const no = validatePostalCode(v, 'NO');
      return no.ok ? no : validatePostalCode(v, 'XX');
    },
    neverUnsetInXledger: true,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
    writeGroup: 'address',
  },
  {
    key: 'addressPlace',
    label: 'Postal place',
    readHr: (e) => e.address?.place ?? null,
    readXledger: (x) => x.address?.place ?? null,
    normalize: normalizeText,
    xledgerWrites: [
      { target: 'contact', field: 'address.place' },
      { target: 'subledger', field: 'address.place' },
    ],
    employeeNodeField: 'address.place',
    flowsToHr: true,
    hrField: 'address.place',
    toHrValue: text('Postal place'),
    neverUnsetInXledger: true,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
    writeGroup: 'address',
  },
  {
    key: 'addressCountry',
    label: 'Address country',
    readHr: (e) => e.address?.country ?? null,
    readXledger: (x) => x.address?.countryCode ?? null,
    normalize: normalizeCode,
    xledgerWrites: [
      { target: 'contact', field: 'address.country' },
      { target: 'subledger', field: 'address.country' },
    ],
    employeeNodeField: 'address.country',
    toXledgerInput: (v) => ({ code: v }),
    flowsToHr: true,
    hrField: 'address.country',
    toHrValue: (v) => validateCountryCode(v, 'Address country'),
    neverUnsetInXledger: true,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'ask',
    writeGroup: 'address',
  },
  // Position fields: HR → Xledger only (Huma), so HR wins.
  {
    key: 'jobTitle',
    label: 'Job title',
    readHr: (e, ctx) => positions(e, ctx).jobTitle,
    readXledger: (x) => x.jobTitle,
    normalize: normalizeText,
    xledgerWrites: [{ target: 'contact', field: 'jobTitle' }],
    employeeNodeField: 'jobTitle',
    flowsToHr: false,
    hrField: null,
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'hr-wins',
  },
  {
    key: 'employmentFrom',
    label: 'Employment start date',
    readHr: (e, ctx) => positions(e, ctx).employmentFrom,
    readXledger: (x) => x.employmentFrom,
    normalize: normalizeDate,
    xledgerWrites: [{ target: 'employee', field: 'employmentFrom' }],
    employeeNodeField: 'employmentFrom',
    flowsToHr: false,
    hrField: null,
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'hr-wins',
  },
  {
    key: 'employmentTo',
    label: 'Employment end date',
    readHr: (e, ctx) => positions(e, ctx).employmentTo,
    readXledger: (x) => x.employmentTo,
    normalize: normalizeDate,
    xledgerWrites: [{ target: 'employee', field: 'employmentTo' }],
    employeeNodeField: 'employmentTo',
    flowsToHr: false,
    hrField: null,
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'hr-wins',
  },
  {
    key: 'trialTo',
    label: 'Probation end date',
    readHr: (e, ctx) => positions(e, ctx).trialTo,
    readXledger: (x) => x.trialTo,
    normalize: normalizeDate,
    xledgerWrites: [{ target: 'employee', field: 'trialTo' }],
    employeeNodeField: 'trialTo',
    flowsToHr: false,
    hrField: null,
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'hr-wins',
  },
  {
    key: 'noticeDate',
    label: 'Termination notice date',
    readHr: (e, ctx) => positions(e, ctx).noticeDate,
    readXledger: (x) => x.noticeDate,
    normalize: normalizeDate,
    xledgerWrites: [{ target: 'employee', field: 'noticeDate' }],
    employeeNodeField: 'noticeDate',
    flowsToHr: false,
    hrField: null,
    neverUnsetInXledger: false,
    removeInXledgerWhenRemovedInHr: false,
    defaultPolicy: 'hr-wins',
  },
];

const BY_KEY = new Map<string, EmployeeFieldMapping>(EMPLOYEE_FIELDS.map((f) => [f.key, f]));

export const EMPLOYEE_FIELD_KEYS: readonly EmployeeFieldKey[] = EMPLOYEE_FIELDS.map((f) => f.key);

export function isEmployeeFieldKey(key: string): key is EmployeeFieldKey {
  return BY_KEY.has(key);
}

export function employeeField(key: EmployeeFieldKey): EmployeeFieldMapping {
  const f = BY_KEY.get(key);
  if (!f) throw new Error(`Unknown employee field '${key}'`);
  return f;
}

/** All mapped HR values of one employee (raw, not normalised). */
export function readHrValues(employee: HrEmployee, ctx: DerivationContext): FieldValues {
  const out = {} as FieldValues;
  for (const f of EMPLOYEE_FIELDS) out[f.key] = f.readHr(employee, ctx);
  return out;
}

/** All mapped Xledger values of one snapshot (raw, not normalised). */
export function readXledgerValues(snapshot: XledgerEmployeeSnapshot): FieldValues {
  const out = {} as FieldValues;
  for (const f of EMPLOYEE_FIELDS) out[f.key] = f.readXledger(snapshot);
  return out;
}
