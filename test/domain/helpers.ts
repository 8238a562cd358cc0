import type { HrEmployee, HrPosition, XledgerEmployeeSnapshot } from '../../domain';

/**
 * Builds a valid Norwegian identity number from DDMMYY (already offset for D/H/synthetic numbers)
 * and a 3-digit individual number, computing both check digits with the classic mod-11 rules.
 * Returns null when the individual number cannot give valid check digits.
 */
export function makeNationalId(ddmmyy: string, individual: string): string | null {
  const d = (ddmmyy + individual).split('').map(Number);
  const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const k = (digits: number[], w: number[]) => {
    const r = 11 - (digits.reduce((s, x, i) => s + x * (w[i] as number), 0) % 11);
    return r === 11 ? 0 : r;
  };
  const k1 = k(d, w1);
  if (k1 === 10) return null;
  const k2 = k([...d, k1], w2);
  if (k2 === 10) return null;
  return ddmmyy + individual + String(k1) + String(k2);
}

/** First valid id for a date, trying individual numbers from `start`. */
export function firstNationalId(ddmmyy: string, start = 100): string {
  for (let i = start; i < 1000; i++) {
    const id = makeNationalId(ddmmyy, String(i).padStart(3, '0'));
    if (id) return id;
  }
  throw new Error('no valid id');
}

/** Appends the kontonummer check digit (independent of the domain code); null when none exists. */
export function makeBankAccount(first10: string): string | null {
  const w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = first10.split('').reduce((s, x, i) => s + Number(x) * (w[i] as number), 0);
  const r = sum % 11;
  const check = r === 0 ? 0 : 11 - r;
  return check === 10 ? null : first10 + String(check);
}

export const TODAY = '2025-06-15';

export function position(overrides: Partial<HrPosition> = {}): HrPosition {
  return {
    jobTitle: 'Accountant',
    startDate: '2020-01-01',
    endDate: null,
    probationEndDate: '2020-07-01',
    noticeDate: null,
    primary: true,
    ...overrides,
  };
}

export function hrEmployee(overrides: Partial<HrEmployee> = {}): HrEmployee {
  return {
    employeeNumber: '1001',
    workEmail: 'kari.nordmann@example.no',
    firstName: 'Kari',
    lastName: 'Nordmann',
    phone: '+4791234567',
    birthDate: '1972-09-13',
    nationalId: '13097248022',
    gender: 'female',
    nationality: 'NO',
    bankAccount: '12345678903',
    address: { street: 'Storgata 1', postalCode: '0155', place: 'Oslo', country: 'NO' },
    status: 'active',
    department: 'Finance',
    legalEntity: 'ACME AS',
    employmentType: 'permanent',
    updatedAt: '2025-06-01T10:00:00Z',
    positions: [position()],
    ...overrides,
  };
}

/** The Xledger side of hrEmployee() with every mapped field equal. */
export function xledgerSnapshot(overrides: Partial<XledgerEmployeeSnapshot> = {}): XledgerEmployeeSnapshot {
  return {
    dbId: 5001,
    code: '1001',
    description: 'Kari Nordmann',
    email: 'Kari.Nordmann@example.no',
    firstName: 'Kari',
    lastName: 'Nordmann',
    phone: '912 34 567',
    birthday: '1972-09-13',
    socialSec: '13097248022',
    gender: 'Female',
    country: 'NO',
    bankAccount: '1234.56.78903',
    address: { streetAddress: 'Storgata 1', zipCode: '0155', place: 'Oslo', countryCode: 'NO' },
    jobTitle: 'Accountant',
    employmentFrom: '2020-01-01',
    employmentTo: null,
    trialTo: '2020-07-01',
    noticeDate: null,
    contactDbId: 7001,
    subledgerDbId: 8001,
    modifiedAt: '2025-06-01T12:00:00',
    ...overrides,
  };
}

/** A raw HR row (as the HR store delivers it) for the validator. */
export function rawRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    employeeNumber: '1001',
    workEmail: '  Kari.Nordmann@Example.no ',
    firstName: 'Kari',
    lastName: 'Nordmann',
    phone: '912 34 567',
    birthDate: '1972-09-13',
    nationalId: '130972 48022',
    gender: 'Kvinne',
    nationality: 'no',
    bankAccount: '1234.56.78903',
    address: { street: 'Storgata 1', postalCode: '0155', place: 'Oslo', country: 'NO' },
    status: 'active',
    department: 'Finance',
    positions: [{ jobTitle: 'Accountant', startDate: '2020-01-01', primary: true }],
    ...overrides,
  };
}
