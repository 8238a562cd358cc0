import { isCalendarDate } from '../shared/validation/date';
import type { AbsenceIssue, HrAbsence, LinkedEmployee } from './absence-types';
import { leaveCodeOf } from './mapping';

/**
 * Why an HR absence cannot be sent, one reason per problem, worded for the admin (which absence, which field, why).
 * `checkAbsence` looks at one absence; `checkOverlaps` at an employee's absences together.
 */

export interface AbsenceCheckContext {
  /** The employee's link, when the employee sync has linked them. */
  employee: LinkedEmployee | undefined;
  codes: Readonly<Record<string, string>>;
  /** Leave codes Xledger knows (its absence codes). */
  xledgerCodes: ReadonlySet<string>;
}

const TIME = /^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const blank = (v: string | null | undefined) => v === null || v === undefined || v.trim() === '';

/** The absence's leave percent as a number, or null when it is empty or not a number. */
export function percentOf(a: HrAbsence, defaultPercent: number): number | null {
  if (blank(a.percent)) return defaultPercent;
  const t = a.percent!.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** Checks of the record alone (what an HR import can check too): dates, times, percent. */
export function checkAbsenceRecord(a: HrAbsence): AbsenceIssue[] {
  const issues: AbsenceIssue[] = [];
  if (blank(a.absenceId)) issues.push({ field: 'absenceId', reason: 'the absence has no id' });
  if (blank(a.employeeNumber)) issues.push({ field: 'employeeNumber', reason: 'the absence names no employee' });
  if (blank(a.type)) issues.push({ field: 'type', reason: 'the absence has no type' });
  for (const [field, value] of [
    ['startDate', a.startDate],
    ['endDate', a.endDate],
  ] as const) {
    if (!blank(value) && !isCalendarDate(value!.trim())) issues.push({ field, reason: `${field} "${value}" is not a real date written as YYYY-MM-DD` });
  }
  if (blank(a.startDate)) issues.push({ field: 'startDate', reason: 'the absence has no start date' });
  for (const [field, value, date] of [
    ['startTime', a.startTime, a.startDate],
    ['endTime', a.endTime, a.endDate],
  ] as const) {
    if (blank(value)) continue;
    if (!TIME.test(value!.trim())) issues.push({ field, reason: `${field} "${value}" is not a time written as HH:mm` });
    else if (blank(date)) issues.push({ field, reason: `${field} is given without ${field === 'startTime' ? 'a start date' : 'an end date'}` });
  }
  const start = a.startDate?.trim();
  const end = a.endDate?.trim();
  if (start && end && isCalendarDate(start) && isCalendarDate(end)) {
    if (end < start) issues.push({ field: 'endDate', reason: `the end date ${end} is before the start date ${start}` });
    else if (end === start && !blank(a.startTime) && !blank(a.endTime) && a.endTime!.trim() < a.startTime!.trim())
      issues.push({ field: 'endTime', reason: `the end time ${a.endTime} is before the start time ${a.startTime} on the same day` });
  }
  if (!blank(a.percent)) {
    const p = percentOf(a, 100);
    if (p === null) issues.push({ field: 'percent', reason: `the percent "${a.percent}" is not a number` });
    else if (p <= 0 || p > 100) issues.push({ field: 'percent', reason: `the percent ${p} is outside (0, 100]` });
  }
  return issues;
}

/** Every reason the run refuses one absence: the record's own checks, then the employee's link and employment, the code. */
export function checkAbsence(a: HrAbsence, ctx: AbsenceCheckContext): AbsenceIssue[] {
  const issues = checkAbsenceRecord(a);
  if (!ctx.employee) {
    issues.push({
      field: 'employeeNumber',
      reason: `employee ${a.employeeNumber} is not linked to Xledger (the employee sync has not matched or created them)`,
    });
  } else {
    const start = a.startDate?.trim() ?? '';
    const end = a.endDate?.trim() || start;
    const { employedFrom, employedTo } = ctx.employee;
    if (start && ((employedFrom !== null && start < employedFrom) || (employedTo !== null && end > employedTo))) {
      issues.push({
        field: 'employeeNumber',
        reason: `employee ${a.employeeNumber} is not employed for the whole absence (${start} to ${end}; employed ${employedFrom ?? '…'} to ${employedTo ?? '…'})`,
      });
    }
  }
  if (!blank(a.type)) {
    const code = leaveCodeOf(a.type, ctx.codes);
    if (!ctx.xledgerCodes.has(code)) issues.push({ field: 'type', reason: `the leave code "${code}" (type "${a.type}") is not an absence code in Xledger` });
  }
  return issues;
}

/**
 * Two absences of one employee that overlap with more than 100 % together: each is refused, naming the other.
 * Only absences that are otherwise valid are compared (an absence without dates has no span).
 */
export function checkOverlaps(absences: readonly HrAbsence[], defaultPercent: number): Map<string, AbsenceIssue[]> {
  const out = new Map<string, AbsenceIssue[]>();
  const spans = absences.map((a) => ({ a, from: a.startDate!.trim(), to: a.endDate?.trim() || a.startDate!.trim(), p: percentOf(a, defaultPercent) ?? 0 }));
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const [x, y] = [spans[i], spans[j]];
      if (x.a.employeeNumber !== y.a.employeeNumber || x.from > y.to || y.from > x.to || x.p + y.p <= 100) continue;
      const first = x.from > y.from ? x.from : y.from;
      for (const [me, other] of [
        [x, y],
        [y, x],
      ] as const) {
        const list = out.get(me.a.absenceId) ?? [];
        list.push({
          field: 'percent',
          reason: `overlaps absence ${other.a.absenceId} of the same employee from ${first} with ${me.p + other.p} % in total (over 100 %)`,
        });
        out.set(me.a.absenceId, list);
      }
    }
  }
  return out;
}
