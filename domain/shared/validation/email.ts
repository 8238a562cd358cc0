import { fail, FieldResult, ok } from './issues';

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-\u0080-\uFFFF]+$/u;
const DOMAIN_LABEL = /^[A-Za-z0-9\u0080-\uFFFF](?:[A-Za-z0-9\-\u0080-\uFFFF]*[A-Za-z0-9\u0080-\uFFFF])?$/u;

/** The form used to compare emails: trimmed and lower-cased. */
export function normalizeEmailForComparison(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim().toLowerCase();
  return v.length === 0 ? null : v;
}

/** An email address: trimmed, original case kept. Empty → null. */
export function validateEmail(raw: string | null | undefined, label = 'Email'): FieldResult<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  const value = raw.trim();
  if (value.length === 0) return ok(null);
  const invalid = fail<string | null>(`${label} is not a valid email address (expected name@domain.no)`);
  if (value.length > 254) return fail(`${label} is too long (at most 254 characters)`);
  const at = value.lastIndexOf('@');
  if (at <= 0 || at !== value.indexOf('@')) return invalid;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return invalid;
  }
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => l.length === 0 || l.length > 63 || !DOMAIN_LABEL.test(l))) {
    return invalid;
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return invalid;
  return ok(value);
}
