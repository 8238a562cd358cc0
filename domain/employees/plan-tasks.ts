import type { EmployeeLink, EmployeeStatus, HrEmployee } from './employee-types';
import { matchEmployees, type MatchableXledger, type MatchMethod } from './matching';
import { normalizeEmailForComparison } from '../shared/validation/email';
import type { HrRowValidation } from './validation/hr-employee';
import type { ValidationIssue } from '../shared/validation/issues';

/**
 * Stage one of planning: who is who. Matching needs only keys (HR employee numbers and emails, Xledger dbIds,
 * codes and emails, remembered links), so it runs on all employees at once with little memory; the result is one
 * task per person, in plan order, that stage two (plan-employee.ts) turns into a plan with the person's full data.
 */

/** One HR row, reduced to what matching and planning need. */
export interface HrCandidate {
  employeeNumber: string | null;
  workEmail: string | null;
  status: EmployeeStatus | null;
  /** Null when the row is invalid or held back. */
  employee: HrEmployee | null;
  issues: ValidationIssue[];
}

export type PlanTask =
  | { kind: 'matched'; hr: HrCandidate; xledgerDbId: number; matchedBy: MatchMethod; staleLink?: number }
  | { kind: 'ambiguous'; hr: HrCandidate; note: string; staleLink?: number }
  | { kind: 'only-in-hr'; hr: HrCandidate; emailOwner?: string; staleLink?: number }
  | { kind: 'only-in-xledger'; xledgerDbId: number };

export interface PlanTasksInput {
  /** Every HR row in scope, validated (invalid rows included so they are matched and reported). */
  hrRows: readonly HrRowValidation[];
  /** Every Xledger employee's matching keys. */
  xledger: readonly MatchableXledger[];
  links?: readonly EmployeeLink[];
}

export function toCandidate(row: HrRowValidation): HrCandidate {
  if (row.ok) {
    return {
      employeeNumber: row.employee.employeeNumber,
      workEmail: row.employee.workEmail,
      status: row.employee.status,
      employee: row.employee,
      issues: [],
    };
  }
  return { employeeNumber: row.employeeNumber, workEmail: row.workEmail, status: row.status, employee: null, issues: row.issues };
}

/**
 * Work emails are unique (Huma, Xledger's contact email): HR rows sharing one are held back as invalid, each with
 * a reason naming the others, rather than letting matching pick one or creating the same person twice. When exactly
 * one of them is already linked to Xledger, that one goes on syncing.
 */
export function holdBackDuplicateEmails(candidates: HrCandidate[], linked: ReadonlySet<string>): void {
  const byEmail = new Map<string, HrCandidate[]>();
  for (const c of candidates) {
    const email = normalizeEmailForComparison(c.workEmail);
    if (email) byEmail.set(email, [...(byEmail.get(email) ?? []), c]);
  }
  for (const group of byEmail.values()) {
    if (group.length < 2) continue;
    // The one person already synced under this email keeps syncing; only the newcomers are held back.
    const keepers = group.filter((c) => c.employeeNumber !== null && linked.has(c.employeeNumber));
    const keeper = keepers.length === 1 ? keepers[0] : undefined;
    for (const c of group) {
      if (c === keeper) continue;
      const others = group.filter((o) => o !== c).map((o) => o.employeeNumber ?? '(no number)');
      c.issues = [
        ...c.issues,
        { field: 'workEmail', reason: `Shares the work email ${c.workEmail} with employee ${others.join(', ')}; work emails must be unique` },
      ];
      c.employee = null;
    }
  }
}

const trimmed = (v: string | null): string | null => (v === null || v.trim() === '' ? null : v.trim());

/** Match everyone on keys: one task per person, HR rows in input order, then people only in Xledger. */
export function planTasks(input: PlanTasksInput): PlanTask[] {
  const links = input.links ?? [];
  const candidates = input.hrRows.map(toCandidate);
  holdBackDuplicateEmails(candidates, new Set(links.map((l) => l.hrEmployeeNumber)));
  const match = matchEmployees(candidates, input.xledger, links);

  const emailOwners = new Map<string, MatchableXledger>();
  for (const x of input.xledger) {
    const email = normalizeEmailForComparison(x.email);
    if (email) emailOwners.set(email, x);
  }
  // A remembered link whose Xledger employee is gone: the person was matched again (or not) by email or number.
  const staleLinks = new Map(match.staleLinks.map((l) => [l.hrEmployeeNumber.trim(), l.xledgerDbId]));
  const staleLinkOf = (hr: HrCandidate) => {
    const number = trimmed(hr.employeeNumber);
    return number === null ? undefined : staleLinks.get(number);
  };

  // Later assignments win, as a candidate can be named by a match and then by an ambiguity.
  const byCandidate = new Map<HrCandidate, PlanTask>();
  for (const { hr, xledger, matchedBy } of match.matches) {
    byCandidate.set(hr, { kind: 'matched', hr, xledgerDbId: xledger.dbId, matchedBy, ...optional('staleLink', staleLinkOf(hr)) });
  }
  for (const amb of match.ambiguities) {
    const note =
      amb.xledger.length > 0
        ? `${amb.reason} (Xledger employee dbId ${amb.xledger.map((x) => x.dbId).join(', ')}); resolve it in HR or Xledger, nothing is synced until then`
        : `${amb.reason}; nothing is synced until it is resolved`;
    for (const hr of amb.hr) byCandidate.set(hr, { kind: 'ambiguous', hr, note, ...optional('staleLink', staleLinkOf(hr)) });
  }
  for (const hr of match.onlyInHr) {
    const owner = emailOwners.get(normalizeEmailForComparison(hr.workEmail) ?? '');
    byCandidate.set(hr, {
      kind: 'only-in-hr',
      hr,
      ...optional('emailOwner', owner ? String(owner.code ?? owner.dbId) : undefined),
      ...optional('staleLink', staleLinkOf(hr)),
    });
  }

  const tasks: PlanTask[] = [];
  for (const hr of candidates) {
    const task = byCandidate.get(hr);
    if (task) tasks.push(task);
  }
  for (const x of match.onlyInXledger) tasks.push({ kind: 'only-in-xledger', xledgerDbId: x.dbId });
  return tasks;
}

/** `{ [key]: value }` when the value is defined, `{}` otherwise (keeps undefined keys out of stored plans). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
