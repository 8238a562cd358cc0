import type { HrEmployee, HrPosition } from '../domain/index';

/**
 * The one place where the HR store's snake_case columns meet the domain's camelCase fields.
 * Date columns are always read through to_char, so a value never shifts with the process's time zone.
 */

/** An HR employee as stored, in the domain's input shape: raw (not validated), dates 'YYYY-MM-DD'. */
export interface HrStoreRecord {
  employeeNumber: string;
  workEmail: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  birthDate: string | null;
  nationalId: string | null;
  gender: string | null;
  nationality: string | null;
  bankAccount: string | null;
  address: { street: string | null; postalCode: string | null; place: string | null; country: string | null } | null;
  status: string;
  department: string | null;
  legalEntity: string | null;
  employmentType: string | null;
  /** ISO timestamp of the row's last change in the store. */
  updatedAt: string;
  positions: HrStorePosition[];
}

export interface HrStorePosition {
  jobTitle: string | null;
  startDate: string | null;
  endDate: string | null;
  probationEndDate: string | null;
  noticeDate: string | null;
  primary: boolean;
}

/** Flat field paths an Xledger → HR patch (or an admin) may set, with their column. */
export const PATCHABLE_COLUMNS = {
  workEmail: 'work_email',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  birthDate: 'birth_date',
  nationalId: 'national_id',
  gender: 'gender',
  nationality: 'nationality',
  bankAccount: 'bank_account',
  'address.street': 'address_street',
  'address.postalCode': 'address_postal_code',
  'address.place': 'address_place',
  'address.country': 'address_country',
  status: 'status',
  department: 'department',
  legalEntity: 'legal_entity',
  employmentType: 'employment_type',
} as const;

export type HrPatchField = keyof typeof PATCHABLE_COLUMNS;

/** Column values of hr_employees, as written (dates as 'YYYY-MM-DD' text). */
export interface EmployeeColumns {
  employee_number: string;
  work_email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  birth_date: string | null;
  national_id: string | null;
  gender: string | null;
  nationality: string | null;
  bank_account: string | null;
  address_street: string | null;
  address_postal_code: string | null;
  address_place: string | null;
  address_country: string | null;
  status: string;
  department: string | null;
  legal_entity: string | null;
  employment_type: string | null;
}

export interface PositionColumns {
  employee_number: string;
  job_title: string | null;
  start_date: string | null;
  end_date: string | null;
  probation_end_date: string | null;
  notice_date: string | null;
  is_primary: boolean;
}

/** The value columns compared to decide whether an upsert changes a row (everything but the key). */
export const EMPLOYEE_VALUE_COLUMNS = [
  'work_email',
  'first_name',
  'last_name',
  'phone',
  'birth_date',
  'national_id',
  'gender',
  'nationality',
  'bank_account',
  'address_street',
  'address_postal_code',
  'address_place',
  'address_country',
  'status',
  'department',
  'legal_entity',
  'employment_type',
] as const satisfies ReadonlyArray<keyof EmployeeColumns>;

export const POSITION_VALUE_COLUMNS = [
  'job_title',
  'start_date',
  'end_date',
  'probation_end_date',
  'notice_date',
  'is_primary',
] as const satisfies ReadonlyArray<keyof PositionColumns>;

const DATE_COLUMNS = new Set(['birth_date', 'start_date', 'end_date', 'probation_end_date', 'notice_date']);

/** SELECT list for a table's columns with dates as 'YYYY-MM-DD' text. */
export function selectList(alias: string, columns: readonly string[]): string {
  return columns.map((c) => (DATE_COLUMNS.has(c) ? `to_char(${alias}.${c}, 'YYYY-MM-DD') AS ${c}` : `${alias}.${c}`)).join(', ');
}

export function employeeToColumns(e: HrEmployee): EmployeeColumns {
  return {
    employee_number: e.employeeNumber,
    work_email: e.workEmail,
    first_name: e.firstName,
    last_name: e.lastName,
    phone: e.phone,
    birth_date: e.birthDate,
    national_id: e.nationalId,
    gender: e.gender,
    nationality: e.nationality,
    bank_account: e.bankAccount,
    address_street: e.address?.street ?? null,
    address_postal_code: e.address?.postalCode ?? null,
    address_place: e.address?.place ?? null,
    address_country: e.address?.country ?? null,
    status: e.status,
    department: e.department,
    legal_entity: e.legalEntity,
    employment_type: e.employmentType,
  };
}

export function positionToColumns(employeeNumber: string, p: HrPosition): PositionColumns {
  return {
    employee_number: employeeNumber,
    job_title: p.jobTitle,
    start_date: p.startDate,
    end_date: p.endDate ?? null,
    probation_end_date: p.probationEndDate ?? null,
    notice_date: p.noticeDate ?? null,
    is_primary: p.primary,
  };
}

export function positionFromColumns(row: PositionColumns): HrStorePosition {
  return {
    jobTitle: row.job_title,
    startDate: row.start_date,
    endDate: row.end_date,
    probationEndDate: row.probation_end_date,
    noticeDate: row.notice_date,
    primary: row.is_primary,
  };
}

export function recordFromColumns(row: EmployeeColumns & { updated_at: Date | string }, positions: HrStorePosition[]): HrStoreRecord {
  const hasAddress = row.address_street !== null || row.address_postal_code !== null || row.address_place !== null || row.address_country !== null;
  return {
    employeeNumber: row.employee_number,
    workEmail: row.work_email,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    birthDate: row.birth_date,
    nationalId: row.national_id,
    gender: row.gender,
    nationality: row.nationality,
    bankAccount: row.bank_account,
    address: hasAddress ? { street: row.address_street, postalCode: row.address_postal_code, place: row.address_place, country: row.address_country } : null,
    status: row.status,
    department: row.department,
    legalEntity: row.legal_entity,
    employmentType: row.employment_type,
    updatedAt: row.updated_at instanceof Date ? row.updated_at.toISOString() : new Date(row.updated_at).toISOString(),
    positions,
  };
}
