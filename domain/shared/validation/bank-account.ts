import { fail, FieldResult, ok } from './issues';

const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/**
 * The mod-11 check digit of the first 10 digits of a Norwegian account number,
 * or null when no valid check digit exists (result 10).
 */
export function bankAccountCheckDigit(first10: string): number | null {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(first10[i]) * (WEIGHTS[i] ?? 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  const check = 11 - remainder;
  return check === 10 ? null : check;
}

/**
 * A Norwegian bank account number (kontonummer): 11 digits, spaces and dots allowed
 * ('1234.56.78903', '1234 56 78903'); normalised to digits only. Reasons never contain the number.
 */
export function validateBankAccount(raw: string | null | undefined): FieldResult<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  const value = raw.trim().replace(/[\s.]/g, '');
  if (value.length === 0) return ok(null);
  if (!/^\d+$/.test(value)) {
    return fail('Bank account number may contain digits, spaces and dots only (Norwegian account numbers)');
  }
  if (value.length !== 11) {
    return fail(`Bank account number must have 11 digits (found ${value.length})`);
  }
  const check = bankAccountCheckDigit(value.slice(0, 10));
  if (check === null || check !== Number(value[10])) {
    return fail('Bank account number has a wrong check digit; check for a typo');
  }
  return ok(value);
}
