import { fail, FieldResult, ok } from './issues';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date written 'YYYY-MM-DD' (e.g. rejects '2023-02-29'). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A date field: trimmed 'YYYY-MM-DD'. Empty → null. */
export function validateDate(raw: string | null | undefined, label: string): FieldResult<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  const value = raw.trim();
  if (value.length === 0) return ok(null);
  if (!ISO_DATE.test(value)) return fail(`${label} must be a date written as YYYY-MM-DD`);
  if (!isCalendarDate(value)) return fail(`${label} is not a real calendar date`);
  return ok(value);
}

/** Compare 'YYYY-MM-DD' strings (lexicographic order is chronological order). */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
