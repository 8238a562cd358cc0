import { groupBy } from '../shared/collections';
import type { AbsenceLink, AbsencePlan, CancelPolicy, HrAbsence, LinkedEmployee, XledgerAbsence } from './absence-types';
import { diffAbsence, mapHrAbsence, type AbsenceMappingOptions } from './mapping';
import { checkAbsence, checkOverlaps } from './validation';

/**
 * Plans an absence run: which HR absences are sent, why some are refused, which Xledger absence each one is (the
 * remembered link first, else the same employee, leave code and start date), what differs, and what happens to the
 * absences the sync wrote that HR has since cancelled or deleted. Pure: the activities read and write.
 */
export interface AbsencePlanInput {
  /** HR absences starting in the period (every status; the settings say which are sent). */
  hr: readonly HrAbsence[];
  employees: ReadonlyMap<string, LinkedEmployee>;
  /** Xledger absences starting in the period. */
  xledger: readonly XledgerAbsence[];
  /** The sync's links of absences starting in the period. */
  links: readonly AbsenceLink[];
  xledgerCodes: ReadonlySet<string>;
  mapping: AbsenceMappingOptions;
  statuses: readonly string[];
  /** HR types sent (undefined: every type). */
  types?: readonly string[];
  cancelled: CancelPolicy;
}

export const matchKey = (employeeDbId: number, code: string, fromDate: string) => `${employeeDbId}|${code}|${fromDate}`;

/** Whether an HR absence is one the connection sends (its status and type). */
export function isSent(a: HrAbsence, statuses: readonly string[], types: readonly string[] | undefined): boolean {
  return statuses.includes(a.status) && (types === undefined || types.includes(a.type.trim()));
}

export function planAbsences(input: AbsencePlanInput): AbsencePlan[] {
  const sent = input.hr.filter((a) => isSent(a, input.statuses, input.types));
  const sentIds = new Set(sent.map((a) => a.absenceId));
  const xledgerById = new Map(input.xledger.map((x) => [x.dbId, x]));
  const linkById = new Map(input.links.map((l) => [l.absenceId, l]));
  const linkedDbIds = new Set(input.links.map((l) => l.xledgerDbId));
  const byKey = new Map<string, XledgerAbsence>();
  for (const x of input.xledger) {
    if (x.employeeDbId === null || linkedDbIds.has(x.dbId)) continue; // a linked absence belongs to its HR absence
    const key = matchKey(x.employeeDbId, x.values.code, x.values.fromDate);
    if (!byKey.has(key)) byKey.set(key, x);
  }

  const issues = new Map(
    sent.map((a) => [
      a.absenceId,
      checkAbsence(a, { employee: input.employees.get(a.employeeNumber), codes: input.mapping.codes, xledgerCodes: input.xledgerCodes }),
    ]),
  );
  const valid = sent.filter((a) => issues.get(a.absenceId)!.length === 0);
  for (const group of groupBy(valid, (a) => a.employeeNumber).values()) {
    for (const [id, overlap] of checkOverlaps(group, input.mapping.defaultPercent)) issues.get(id)!.push(...overlap);
  }

  const plans: AbsencePlan[] = [];
  const claimed = new Set<number>();
  for (const a of sent) {
    const base = { absenceId: a.absenceId, employeeNumber: a.employeeNumber, changes: [] };
    const refused = issues.get(a.absenceId)!;
    if (refused.length > 0) {
      plans.push({ ...base, classification: 'invalid', issues: refused });
      continue;
    }
    const employee = input.employees.get(a.employeeNumber)!;
    const values = mapHrAbsence(a, input.mapping);
    const who = { positionTitle: employee.positionTitle, employeeName: employee.name };
    const link = linkById.get(a.absenceId);
    let match: { x: XledgerAbsence; by: 'link' | 'employee-code-date' } | undefined;
    const linked = link ? xledgerById.get(link.xledgerDbId) : undefined;
    if (linked) match = { x: linked, by: 'link' };
    else {
      const x = byKey.get(matchKey(employee.xledgerDbId, values.code, values.fromDate));
      if (x && !claimed.has(x.dbId)) match = { x, by: 'employee-code-date' };
    }
    if (!match) {
      plans.push({ ...base, ...who, classification: 'create', employeeDbId: employee.xledgerDbId, values, issues: [] });
      continue;
    }
    claimed.add(match.x.dbId);
    const changes = diffAbsence(values, match.x.values);
    plans.push({
      ...base,
      ...who,
      classification: changes.length ? 'update' : 'unchanged',
      employeeDbId: employee.xledgerDbId,
      xledgerDbId: match.x.dbId,
      matchedBy: match.by,
      values,
      current: match.x.values,
      changes,
      issues: [],
    });
  }

  // Absences the sync wrote that HR no longer sends (cancelled, deleted, no longer approved) and Xledger still has.
  for (const link of input.links) {
    if (sentIds.has(link.absenceId)) continue;
    const x = xledgerById.get(link.xledgerDbId);
    if (!x) continue;
    plans.push({
      absenceId: link.absenceId,
      employeeNumber: link.employeeNumber,
      classification: 'cancelled',
      xledgerDbId: x.dbId,
      matchedBy: 'link',
      current: x.values,
      changes: [],
      issues: [],
      cancelPolicy: input.cancelled,
    });
  }
  return plans;
}
