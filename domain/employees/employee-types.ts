/**
 * Internal value types of the employee sync. Plain TypeScript: these are produced by the
 * validators (HR side) and by the Xledger client's response parsing (Xledger side), so they
 * are already trusted when they reach the rest of the domain.
 *
 * Conventions: dates are 'YYYY-MM-DD' strings, an unset value is `null`.
 */

export type EmployeeStatus = 'active' | 'deactivated' | 'deleted';

/** Canonical gender values of the HR side. */
export type Gender = 'male' | 'female' | 'other';

export interface HrAddress {
  street: string | null;
  postalCode: string | null;
  place: string | null;
  /** ISO-3166 alpha-2, upper case. */
  country: string | null;
}

export interface HrPosition {
  jobTitle: string | null;
  /** 'YYYY-MM-DD' */
  startDate: string;
  endDate?: string | null;
  probationEndDate?: string | null;
  noticeDate?: string | null;
  primary: boolean;
}

export interface HrEmployee {
  employeeNumber: string;
  /** Trimmed, original case (compare case-insensitively). */
  workEmail: string | null;
  firstName: string | null;
  lastName: string | null;
  /** E.164, e.g. '+4791234567'. */
  phone: string | null;
  /** 'YYYY-MM-DD' */
  birthDate: string | null;
  /** 11 digits (fnr, D-, H- or synthetic Test-Norge/Tenor number). */
  nationalId: string | null;
  gender: Gender | null;
  /** ISO-3166 alpha-2, upper case. */
  nationality: string | null;
  /** 11 digits, Norwegian kontonummer. */
  bankAccount: string | null;
  address: HrAddress | null;
  status: EmployeeStatus;
  department: string | null;
  legalEntity: string | null;
  employmentType: string | null;
  /** ISO timestamp of the last change in HR, when known. */
  updatedAt: string | null;
  positions: HrPosition[];
}

export interface XledgerAddress {
  streetAddress: string | null;
  zipCode: string | null;
  place: string | null;
  /** Country code (address.country.code). */
  countryCode: string | null;
}

/**
 * One Xledger employee flattened with its contact and subledger, as read by the Xledger client.
 * Person fields (names, phone, birthday, socialSec, gender, country, jobTitle, address) come from
 * the employee's contact; bankAccount from the subledger.
 */
export interface XledgerEmployeeSnapshot {
  dbId: number;
  /** Employee number. */
  code: string | null;
  /** Full name, "first last". */
  description: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  birthday: string | null;
  /** Full (unmasked) social security number from the contact. */
  socialSec: string | null;
  /** Gender name or code as Xledger returns it (e.g. 'Male', 'F'). */
  gender: string | null;
  /** Contact country code (ISO alpha-2). */
  country: string | null;
  bankAccount: string | null;
  address: XledgerAddress | null;
  jobTitle: string | null;
  employmentFrom: string | null;
  employmentTo: string | null;
  trialTo: string | null;
  noticeDate: string | null;
  contactDbId: number | null;
  subledgerDbId: number | null;
  /** Naive CET timestamp as Xledger returns it. */
  modifiedAt: string | null;
}

/** A remembered match from an earlier run. */
export interface EmployeeLink {
  hrEmployeeNumber: string;
  xledgerDbId: number;
}
