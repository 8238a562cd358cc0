import type { CountryCode } from 'libphonenumber-js';
import type { EmployeeStatus, HrAddress, HrEmployee, HrPosition } from '../employee-types';
import { validateBankAccount } from '../../shared/validation/bank-account';
import { validateCountryCode } from '../../shared/validation/country';
import { compareDates, validateDate } from '../../shared/validation/date';
import { validateEmail } from '../../shared/validation/email';
import { validateGender } from '../../shared/validation/gender';
import { hrEmployeeInputSchema, ParsedHrEmployeeInput, ParsedHrPositionInput } from './hr-employee-input';
import { hrFieldLabel } from './hr-field-labels';
import type { FieldResult, ValidationIssue } from '../../shared/validation/issues';
import { nationalIdMatchesBirthDate, validateNationalId } from '../../shared/validation/national-id';
import { validatePhone } from '../../shared/validation/phone';
import { validatePostalCode } from '../../shared/validation/postal-code';
import { validateText } from '../../shared/validation/text';
import { HR_WRITABLE_FIELDS } from '../mapping/field-mapping-types';

/** Fields a connection can require. 'positions' means at least one position. */
export const REQUIRABLE_HR_FIELDS = ['employeeNumber', ...HR_WRITABLE_FIELDS, 'department', 'legalEntity', 'employmentType', 'positions'] as const;
export type RequiredHrField = (typeof REQUIRABLE_HR_FIELDS)[number];

export const DEFAULT_REQUIRED_FIELDS: readonly RequiredHrField[] = ['employeeNumber', 'workEmail', 'firstName', 'lastName'];

export interface HrValidationOptions {
  /** Required fields of the connection. The employee number is always required (it is the row's key). */
  requiredFields?: readonly RequiredHrField[];
  defaultPhoneRegion?: CountryCode;
  /** 'YYYY-MM-DD'; when given, birth dates after it are rejected. */
  today?: string;
  /** Maximum length of names and other free text (default 200). */
  maxTextLength?: number;
}

export type HrRowValidation =
  | { ok: true; employee: HrEmployee; warnings: ValidationIssue[] }
  | {
      ok: false;
      issues: ValidationIssue[];
      /** Best-effort keys so an invalid row can still be matched (and not re-created from Xledger). */
      employeeNumber: string | null;
      workEmail: string | null;
      status: EmployeeStatus | null;
    };

const STATUSES: readonly EmployeeStatus[] = ['active', 'deactivated', 'deleted'];

function zodPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out.length === 0 ? String(part) : `.${String(part)}`;
  }
  return out || '(row)';
}

function expectedKind(path: string): string {
  const leaf = path.replace(/^.*[.\]]/, '');
  if (/date$/i.test(leaf) || leaf === 'birthDate') return 'a date (YYYY-MM-DD)';
  if (leaf === 'updatedAt') return 'a timestamp';
  if (leaf === 'primary') return 'true or false';
  if (path === 'positions') return 'a list of positions';
  if (path === 'address') return 'an address (street, postal code, place, country)';
  if (/^positions\[\d+\]$/.test(path)) return 'a position';
  return 'text';
}

/**
 * Validates and normalises one HR row. Returns the normalised employee, or every issue found
 * (not just the first), each with an admin-readable reason that never contains an id or account number.
 */
export function validateHrEmployee(raw: unknown, options: HrValidationOptions = {}): HrRowValidation {
  const issues: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      issues: [{ field: '(row)', reason: 'The row is not an employee record' }],
      employeeNumber: null,
      workEmail: null,
      status: null,
    };
  }

  // 1. Structure. Report every shape problem, then drop the offending fields and keep validating the rest.
  let parsed = hrEmployeeInputSchema.safeParse(raw);
  if (!parsed.success) {
    const cleaned: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const issue of parsed.error.issues) {
      const path = zodPath(issue.path);
      issues.push({ field: path, reason: `${hrFieldLabel(path)} has the wrong kind of value (expected ${expectedKind(path)})` });
      const top = issue.path[0];
      if (typeof top === 'string') delete cleaned[top];
    }
    parsed = hrEmployeeInputSchema.safeParse(cleaned);
    if (!parsed.success) {
      return { ok: false, issues, employeeNumber: null, workEmail: null, status: null };
    }
  }
  const input: ParsedHrEmployeeInput = parsed.data;
  const maxLen = options.maxTextLength;

  function take<T>(field: string, result: FieldResult<T>, fallback: T): T {
    if (result.ok) return result.value;
    issues.push({ field, reason: result.reason });
    return fallback;
  }
  const label = hrFieldLabel;

  // 2. Fields.
  const employeeNumber = take('employeeNumber', validateText(input.employeeNumber, label('employeeNumber'), 50), null);
  const workEmail = take('workEmail', validateEmail(input.workEmail, label('workEmail')), null);
  const firstName = take('firstName', validateText(input.firstName, label('firstName'), maxLen), null);
  const lastName = take('lastName', validateText(input.lastName, label('lastName'), maxLen), null);
  const phone = take('phone', validatePhone(input.phone, options.defaultPhoneRegion), null);
  let birthDate = take('birthDate', validateDate(input.birthDate, label('birthDate')), null);
  if (birthDate !== null && options.today !== undefined && compareDates(birthDate, options.today) > 0) {
    issues.push({ field: 'birthDate', reason: 'Date of birth is in the future' });
    birthDate = null;
  }
  const nationalId = take('nationalId', validateNationalId(input.nationalId), null);
  if (nationalId && birthDate && !nationalIdMatchesBirthDate(nationalId, birthDate)) {
    warnings.push({
      field: 'nationalId',
      reason: 'National identity number does not encode the same date of birth as the Date of birth field',
    });
  }
  const gender = take('gender', validateGender(input.gender), null);
  const nationality = take('nationality', validateCountryCode(input.nationality, label('nationality')), null);
  const bankAccount = take('bankAccount', validateBankAccount(input.bankAccount), null);
  const department = take('department', validateText(input.department, label('department'), maxLen), null);
  const legalEntity = take('legalEntity', validateText(input.legalEntity, label('legalEntity'), maxLen), null);
  const employmentType = take('employmentType', validateText(input.employmentType, label('employmentType'), maxLen), null);
  const updatedAt = input.updatedAt === null ? null : input.updatedAt.trim() || null;

  let status: EmployeeStatus = 'active';
  if (input.status !== null && input.status.trim() !== '') {
    const s = input.status.trim().toLowerCase();
    if ((STATUSES as readonly string[]).includes(s)) status = s as EmployeeStatus;
    else issues.push({ field: 'status', reason: 'Status must be active, deactivated or deleted' });
  }

  let address: HrAddress | null = null;
  if (input.address) {
    const country = take('address.country', validateCountryCode(input.address.country, label('address.country')), null);
    const a: HrAddress = {
      street: take('address.street', validateText(input.address.street, label('address.street'), maxLen), null),
      postalCode: take('address.postalCode', validatePostalCode(input.address.postalCode, country), null),
      place: take('address.place', validateText(input.address.place, label('address.place'), maxLen), null),
      country,
    };
    if (a.street !== null || a.postalCode !== null || a.place !== null || a.country !== null) address = a;
  }

  const positions: HrPosition[] = [];
  input.positions.forEach((p, i) => {
    const pos = validatePosition(p, `positions[${i}]`, issues, maxLen);
    if (pos) positions.push(pos);
  });

  // 3. Required fields.
  const required = new Set<RequiredHrField>(['employeeNumber', ...(options.requiredFields ?? DEFAULT_REQUIRED_FIELDS)]);
  const present: Record<RequiredHrField, boolean> = {
    employeeNumber: employeeNumber !== null,
    workEmail: workEmail !== null,
    firstName: firstName !== null,
    lastName: lastName !== null,
    phone: phone !== null,
    birthDate: birthDate !== null,
    nationalId: nationalId !== null,
    gender: gender !== null,
    nationality: nationality !== null,
    bankAccount: bankAccount !== null,
    'address.street': address?.street != null,
    'address.postalCode': address?.postalCode != null,
    'address.place': address?.place != null,
    'address.country': address?.country != null,
    department: department !== null,
    legalEntity: legalEntity !== null,
    employmentType: employmentType !== null,
    positions: input.positions.length > 0,
  };
  const alreadyReported = new Set(issues.map((i) => i.field));
  for (const field of required) {
    if (!present[field] && !alreadyReported.has(field)) {
      issues.push({
        field,
        reason: field === 'positions' ? 'At least one position is required' : `${hrFieldLabel(field)} is required but missing`,
      });
    }
  }

  if (issues.length > 0) {
    return {
      ok: false,
      issues,
      employeeNumber,
      workEmail,
      status:
        input.status !== null && (STATUSES as readonly string[]).includes(input.status.trim().toLowerCase())
          ? (input.status.trim().toLowerCase() as EmployeeStatus)
          : null,
    };
  }

  return {
    ok: true,
    warnings,
    employee: {
      employeeNumber: employeeNumber as string,
      workEmail,
      firstName,
      lastName,
      phone,
      birthDate,
      nationalId: nationalId?.value ?? null,
      gender,
      nationality,
      bankAccount,
      address,
      status,
      department,
      legalEntity,
      employmentType,
      updatedAt,
      positions,
    },
  };
}

function validatePosition(p: ParsedHrPositionInput, path: string, issues: ValidationIssue[], maxLen: number | undefined): HrPosition | null {
  const before = issues.length;
  const positionLabel = `Position ${Number(/\d+/.exec(path)?.[0] ?? 0) + 1}`;
  const take = <T>(field: string, r: FieldResult<T>, fallback: T): T => {
    if (r.ok) return r.value;
    issues.push({ field: `${path}.${field}`, reason: `${positionLabel}: ${r.reason}` });
    return fallback;
  };
  const jobTitle = take('jobTitle', validateText(p.jobTitle, 'Job title', maxLen), null);
  const startDate = take('startDate', validateDate(p.startDate, 'Start date'), null);
  const endDate = take('endDate', validateDate(p.endDate, 'End date'), null);
  const probationEndDate = take('probationEndDate', validateDate(p.probationEndDate, 'Probation end date'), null);
  const noticeDate = take('noticeDate', validateDate(p.noticeDate, 'Termination notice date'), null);
  if (startDate === null && !issues.slice(before).some((i) => i.field === `${path}.startDate`)) {
    issues.push({ field: `${path}.startDate`, reason: `${hrFieldLabel(`${path}.startDate`)} is required` });
  }
  if (startDate !== null && endDate !== null && compareDates(endDate, startDate) < 0) {
    issues.push({ field: `${path}.endDate`, reason: `${hrFieldLabel(`${path}.endDate`)} is before the start date` });
  }
  if (startDate !== null && probationEndDate !== null && compareDates(probationEndDate, startDate) < 0) {
    issues.push({
      field: `${path}.probationEndDate`,
      reason: `${hrFieldLabel(`${path}.probationEndDate`)} is before the start date`,
    });
  }
  if (issues.length > before || startDate === null) return null;
  return { jobTitle, startDate, endDate, probationEndDate, noticeDate, primary: p.primary };
}
