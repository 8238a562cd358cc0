import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { fail, FieldResult, ok } from './issues';

export const DEFAULT_PHONE_REGION: CountryCode = 'NO';

const E164 = /^\+[1-9]\d{6,14}$/;

/** A phone number in E.164 ('+4791234567'); numbers without a country code are read as Norwegian. */
export function validatePhone(raw: string | null | undefined, defaultRegion: CountryCode = DEFAULT_PHONE_REGION): FieldResult<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  const value = raw.trim();
  if (value.length === 0) return ok(null);
  const parsed = parsePhoneNumberFromString(value, defaultRegion);
  if (!parsed || !parsed.isValid()) {
    return fail('Phone number is not valid (a Norwegian number has 8 digits; a foreign number needs its country code, e.g. +46)');
  }
  return ok(parsed.number);
}

/**
 * Comparison form of a phone number: E.164 when it parses, otherwise its digits (so two
 * equally unparsable spellings of the same number still compare equal).
 */
export function normalizePhoneForComparison(value: string | null | undefined, defaultRegion: CountryCode = DEFAULT_PHONE_REGION): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (v.length === 0) return null;
  if (E164.test(v)) return v; // already canonical (fast path: parsing is the costly part of a diff)
  const parsed = parsePhoneNumberFromString(v, defaultRegion);
  if (parsed && parsed.isValid()) return parsed.number;
  const digits = v.replace(/[^\d+]/g, '');
  return digits.length === 0 ? null : digits;
}
