import { idnr } from '@navikt/fnrvalidator';
import { fail, FieldResult, ok } from './issues';

/**
 * Kinds of Norwegian identity numbers, as @navikt/fnrvalidator classifies them:
 * fnr (fødselsnummer), dnr (D-number, day +40), hnr (H-number, month +40),
 * tnr (synthetic Test-Norge / Tenor number, month +80) and the D-number combinations.
 */
export type NationalIdKind = 'fnr' | 'dnr' | 'hnr' | 'tnr' | 'dnr-and-hnr' | 'dnr-and-tnr';

export interface NationalId {
  /** 11 digits. */
  value: string;
  kind: NationalIdKind;
  /** True for synthetic Test-Norge / Tenor numbers (month +80); never a real person. */
  synthetic: boolean;
}

/** Strip the separators people type inside an id ('160825 48834', '160825-48834'). */
export function normalizeNationalIdDigits(raw: string): string {
  return raw.replace(/[\s.-]/g, '');
}

/**
 * Validates a Norwegian national identity number (check digits incl. the 2032 rule, and the
 * birth date it encodes). The reason never contains the number.
 */
export function validateNationalId(raw: string | null | undefined): FieldResult<NationalId | null> {
  if (raw === null || raw === undefined) return ok(null);
  const value = normalizeNationalIdDigits(raw.trim());
  if (value.length === 0) return ok(null);
  if (!/^\d+$/.test(value)) {
    return fail('National identity number may contain digits only');
  }
  if (value.length !== 11) {
    return fail(`National identity number must have 11 digits (found ${value.length})`);
  }
  const result = idnr(value);
  if (result.status === 'invalid') {
    const badDate = result.reasons.includes('invalid date');
    const badChecksum = result.reasons.includes("checksums don't match");
    if (badDate) {
      return fail('National identity number does not encode a valid birth date; check for a typo');
    }
    if (badChecksum) {
      return fail('National identity number has wrong check digits; check for a typo');
    }
    return fail('National identity number is not valid');
  }
  const kind = result.type;
  return ok({ value, kind, synthetic: kind === 'tnr' || kind === 'dnr-and-tnr' });
}

/**
 * The birth date (day and month) and two-digit year that a valid id encodes, after removing
 * the D-number (+40 day), H-number (+40 month) and synthetic (+80 month) offsets.
 */
export function birthDatePartsOfNationalId(id: NationalId): { day: number; month: number; yy: number } {
  let day = Number(id.value.slice(0, 2));
  let month = Number(id.value.slice(2, 4));
  const yy = Number(id.value.slice(4, 6));
  if (id.kind === 'dnr' || id.kind === 'dnr-and-hnr' || id.kind === 'dnr-and-tnr') day -= 40;
  if (id.kind === 'hnr' || id.kind === 'dnr-and-hnr') month -= 40;
  if (id.kind === 'tnr' || id.kind === 'dnr-and-tnr') month -= 80;
  return { day, month, yy };
}

/** True when the id's day, month and two-digit year agree with a 'YYYY-MM-DD' birth date. */
export function nationalIdMatchesBirthDate(id: NationalId, birthDate: string): boolean {
  const parts = birthDatePartsOfNationalId(id);
  const [y, m, d] = birthDate.split('-').map(Number);
  return parts.day === d && parts.month === m && parts.yy === (y ?? 0) % 100;
}
