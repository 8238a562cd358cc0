import { fail, FieldResult, ok } from './issues';

/**
 * A postal code. Norwegian codes (country NO or no country given) are exactly 4 digits;
 * other countries get a loose format check (letters, digits, spaces, hyphens; at most 10).
 */
export function validatePostalCode(raw: string | null | undefined, country: string | null): FieldResult<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  const value = raw.trim();
  if (value.length === 0) return ok(null);
  if (country === null || country === 'NO') {
    if (!/^\d{4}$/.test(value)) return fail('Postal code must be 4 digits for a Norwegian address');
    return ok(value);
  }
  const upper = value.toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9 -]{0,9}$/.test(upper)) {
    return fail('Postal code may contain letters, digits, spaces and hyphens only (at most 10 characters)');
  }
  return ok(upper);
}
