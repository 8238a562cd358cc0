import type { XledgerEmployeeSnapshot } from './employee-types';
import { employeeField } from './mapping/employee-fields';
import type { HrWritableField } from './mapping/field-mapping-types';
import type { FieldChange } from './plan-types';
import { canonicalGender } from './validation/gender';
import { HrRowValidation, HrValidationOptions, validateHrEmployee } from './validation/hr-employee';

/** Field values to set on one HR employee (Xledger → HR). Keys are HR field paths, e.g. 'address.street'. */
export interface HrEmployeePatch {
  employeeNumber: string;
  fields: Partial<Record<HrWritableField, string | null>>;
}

/** Turns Xledger → HR changes into one patch per employee. Changes to Xledger are ignored. */
export function buildHrPatch(employeeNumber: string, changes: readonly FieldChange[]): HrEmployeePatch | null {
  const fields: Partial<Record<HrWritableField, string | null>> = {};
  let any = false;
  for (const change of changes) {
    if (change.direction !== 'to-hr') continue;
    const hrField = employeeField(change.field).hrField;
    if (hrField === null) continue;
    fields[hrField] = change.to;
    any = true;
  }
  return any ? { employeeNumber, fields } : null;
}

/**
 * The HR employee to create for a person who exists only in Xledger, validated with the connection's
 * rules (a person that HR could not store, e.g. without an employee number, gets issues instead).
 * Positions are not created from Xledger (position data flows HR → Xledger only).
 */
export function hrEmployeeFromXledger(
  snapshot: XledgerEmployeeSnapshot,
  options: HrValidationOptions = {},
): HrRowValidation {
  const a = snapshot.address;
  const raw = {
    employeeNumber: snapshot.code,
    workEmail: snapshot.email,
    firstName: snapshot.firstName,
    lastName: snapshot.lastName,
    phone: snapshot.phone,
    birthDate: snapshot.birthday === null ? null : snapshot.birthday.slice(0, 10),
    nationalId: snapshot.socialSec,
    gender: snapshot.gender === null ? null : canonicalGender(snapshot.gender) ?? snapshot.gender,
    nationality: snapshot.country,
    bankAccount: snapshot.bankAccount,
    address: a ? { street: a.streetAddress, postalCode: a.zipCode, place: a.place, country: a.countryCode } : null,
    status: 'active',
    positions: [],
  };
  return validateHrEmployee(raw, options);
}
