import { normalizeEmailForComparison } from '../../shared/validation/email';
import { canonicalGender } from '../../shared/validation/gender';
import { normalizePhoneForComparison } from '../../shared/validation/phone';

/**
 * Comparison forms used by the mapping table. Every normaliser maps "empty" ('' or whitespace) to null,
 * so an unset value and an empty string are the same thing.
 */

export type Normalizer = (value: string | null) => string | null;

const empty = (v: string | null): v is null => v === null || v.trim().length === 0;

/** Trim, NFC, collapse runs of whitespace. Case-sensitive. */
export const normalizeText: Normalizer = (v) => (empty(v) ? null : v.normalize('NFC').trim().replace(/\s+/g, ' '));

export const normalizeEmail: Normalizer = (v) => normalizeEmailForComparison(v);

export const normalizePhone: Normalizer = (v) => normalizePhoneForComparison(v);

/** Digits only ('1234.56.78903' → '12345678903'). */
export const normalizeDigits: Normalizer = (v) => {
  if (empty(v)) return null;
  const d = v.replace(/\D/g, '');
  return d.length === 0 ? null : d;
};

/** Dates: the first 10 characters of an ISO date/time ('2024-01-31T00:00:00' → '2024-01-31'). */
export const normalizeDate: Normalizer = (v) => (empty(v) ? null : v.trim().slice(0, 10));

/** Codes such as country codes: trimmed, upper case. */
export const normalizeCode: Normalizer = (v) => (empty(v) ? null : v.trim().toUpperCase());

/** Postal codes: no spaces, upper case. */
export const normalizePostalCode: Normalizer = (v) => (empty(v) ? null : v.replace(/\s+/g, '').toUpperCase());

/** Gender: canonical 'male' | 'female' | 'other', else the lower-cased text. */
export const normalizeGender: Normalizer = (v) => (empty(v) ? null : (canonicalGender(v) ?? v.trim().toLowerCase()));
