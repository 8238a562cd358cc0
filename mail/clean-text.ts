import { maskBankAccount, maskNationalId } from '../domain/shared/masking';

// Line breaks could forge extra lines in the plain-text mail (e.g. a fake "Status: OK"); bidi overrides can
// visually reorder the rest of a line. Both are replaced; ordinary RTL letters pass through untouched.
const lineBreaks = /[\r\n\t\u2028\u2029\u0085]+/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this strips
const invisibleControls = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line of printable text: line breaks become spaces, control and bidi-override characters are dropped. */
export function oneLine(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return s.replace(lineBreaks, ' ').replace(invisibleControls, '').trim();
}

// Lookarounds instead of \b: \b would miss a number glued to letters ("fnr01019012345") and match inside a
// longer digit run's neighbour. Spaces (incl. no-break) and dots are allowed as separators, as people write them.
const bankAccountGrouped = /(?<!\d)\d{4}[\s.]\d{2}[\s.]\d{5}(?!\d)/g;
const nationalIdLike = /(?<!\d)\d{6}[\s.]?\d{5}(?!\d)/g;

/**
 * Masks anything that looks like a Norwegian national id or bank account number.
 * A grouped 4.2.5 number is masked as a bank account; any other 11 digits as a national id, the stricter mask,
 * since a bare 11-digit number could be either.
 */
export function maskIdentifiers(value: string): string {
  return value.replace(bankAccountGrouped, (m) => maskBankAccount(m)).replace(nationalIdLike, (m) => maskNationalId(m));
}

/** A value from a run report, safe to place in a mail: one line, identifiers masked. */
export function cleanValue(value: unknown): string {
  return maskIdentifiers(oneLine(value));
}
