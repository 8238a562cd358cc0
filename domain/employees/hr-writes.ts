import type { XledgerEmployeeSnapshot } from './employee-types';
import { EMPLOYEE_FIELDS, employeeField } from './mapping/employee-fields';
import type { FieldValues, HrWritableField } from './mapping/field-mapping-types';
import type { FieldChange } from './plan-types';
import { canonicalGender } from '../shared/validation/gender';
import { HrRowValidation, HrValidationOptions, validateHrEmployee } from './validation/hr-employee';

/** Field values to set on one HR employee (Xledger → HR). Keys are HR field paths, e.g. 'address.street'. */
export interface HrEmployeePatch {
  employeeNumber: string;
  fields: Partial<Record<HrWritableField, string | null>>;
  /** Why each field is written, and who decided it (for history). */
  reasons?: Partial<Record<HrWritableField, { reason: string; decision?: FieldChange['decision'] }>>;
}

/** Turns Xledger → HR changes into one patch per employee. Changes to Xledger are ignored. */
export function buildHrPatch(employeeNumber: string, changes: readonly FieldChange[]): HrEmployeePatch | null {
  const fields: Partial<Record<HrWritableField, string | null>> = {};
  const reasons: NonNullable<HrEmployeePatch['reasons']> = {};
  let any = false;
  for (const change of changes) {
    if (change.direction !== 'to-hr') continue;
    const hrField = employeeField(change.field).hrField;
    if (hrField === null) continue;
    fields[hrField] = change.to;
    reasons[hrField] = change.decision ? { reason: change.reason, decision: change.decision } : { reason: change.reason };
    any = true;
  }
  return any ? { employeeNumber, fields, reasons } : null;
}

/**
 * The HR employee to create for a person who exists only in Xledger, validated with the connection's
 * rules (a person that HR could not store, e.g. without an employee number, gets issues instead).
 * Position data otherwise flows HR → Xledger only; a person new to HR gets one primary position seeded from
 * Xledger's employment fields, so the next sync does not erase Xledger's job title and dates.
 */
export function hrEmployeeFromXledger(snapshot: XledgerEmployeeSnapshot, options: HrValidationOptions = {}): HrRowValidation {
  const a = snapshot.address;
  const raw = {
    employeeNumber: snapshot.code,
    workEmail: snapshot.email,
    firstName: snapshot.firstName,
    lastName: snapshot.lastName,
    phone: snapshot.phone,
    birthDate: snapshot.birthday === null ? null : snapshot.birthday.slice(0, 10),
    nationalId: snapshot.socialSec,
    gender:
      snapshot.gender === null ? null : (canonicalGender(snapshot.gender) ?? (snapshot.gender.trim().toLowerCase() === 'unknown' ? 'other' : snapshot.gender)),
    nationality: snapshot.country,
    bankAccount: snapshot.bankAccount,
    address: a ? { street: a.streetAddress, postalCode: a.zipCode, place: a.place, country: a.countryCode } : null,
    status: 'active',
    positions: seededPosition(snapshot),
  };
  return validateHrEmployee(raw, options);
}

function seededPosition(x: XledgerEmployeeSnapshot) {
  const dates = [x.employmentFrom, x.employmentTo, x.trialTo, x.noticeDate].map((d) => (d === null ? null : d.slice(0, 10)));
  if (x.jobTitle === null && dates.every((d) => d === null)) return [];
  const [startDate, endDate, probationEndDate, noticeDate] = dates;
  return [{ jobTitle: x.jobTitle, startDate, endDate, probationEndDate, noticeDate, primary: true }];
}

/** The field changes an HR patch makes (for history and baselines); `before` gives the old values when known. */
export function hrPatchChanges(patch: HrEmployeePatch, before?: Partial<FieldValues>): FieldChange[] {
  return Object.entries(patch.fields).flatMap(([path, to]) => {
    const field = EMPLOYEE_FIELDS.find((f) => f.hrField === path);
    if (!field) return [];
    const why = patch.reasons?.[path as HrWritableField];
    const change: FieldChange = {
      field: field.key,
      label: field.label,
      from: before?.[field.key] ?? null,
      to: to ?? null,
      direction: 'to-hr',
      reason: why?.reason ?? 'Taken from Xledger',
    };
    return [why?.decision ? { ...change, decision: why.decision } : change];
  });
}
