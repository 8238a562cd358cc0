import { fail, FieldResult, ok } from './issues';

/** Default maximum length (in characters, not UTF-16 units) of names and other free text. */
export const MAX_TEXT_LENGTH = 200;

// C0/C1 control characters (incl. tab, newline, DEL), line/paragraph separators, non-characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFFFE\uFFFF]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Free text such as a name: trimmed and NFC-normalised. Empty → null.
 * Quotes, backslashes, emoji, Æ/Ø/Å and right-to-left scripts are fine;
 * control characters and over-long values are not.
 */
export function validateText(raw: string | null | undefined, label: string, maxLength: number = MAX_TEXT_LENGTH): FieldResult<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  const value = raw.normalize('NFC').trim();
  if (value.length === 0) return ok(null);
  if (LONE_SURROGATE.test(value)) {
    return fail(`${label} contains broken characters (invalid Unicode); please retype it`);
  }
  if (FORBIDDEN.test(value)) {
    return fail(`${label} contains a control character (such as a line break or tab); remove it`);
  }
  const length = [...value].length;
  if (length > maxLength) {
    return fail(`${label} is too long: ${length} characters, at most ${maxLength} are allowed`);
  }
  return ok(value);
}
