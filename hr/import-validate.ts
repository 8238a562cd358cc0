import {
  DEFAULT_REQUIRED_FIELDS,
  normalizeEmailForComparison,
  validateEmail,
  validateHrEmployee,
  type HrEmployee,
  type RequiredHrField,
  type ValidationIssue,
} from '../domain/index';
import type { ImportEntry } from './import-parse';

/** One problem with one row of an import file. Reasons never contain a national id or account number. */
export interface ImportRejection {
  /** CSV: the 1-based line; JSON: the array index. */
  line: number;
  employeeNumber: string | null;
  field: string;
  reason: string;
}

export interface CheckedImport {
  valid: HrEmployee[];
  rejected: ImportRejection[];
  warnings: ImportRejection[];
}

export interface ImportCheckOptions {
  today: string;
  requiredFields?: readonly RequiredHrField[];
}

function lineOfIssue(entry: ImportEntry, field: string): number {
  const position = /^positions\[(\d+)\]/.exec(field);
  return (position && entry.positionLines[Number(position[1])]) ?? entry.lines[0];
}

const listLines = (lines: number[]) => [...new Set(lines)].sort((a, b) => a - b).join(', ');

/** Problems that only show across rows: one employee number for different people, one email for several employees. */
function fileLevelIssues(entries: readonly ImportEntry[]): Map<ImportEntry, ValidationIssue[]> {
  const issues = new Map<ImportEntry, ValidationIssue[]>();
  const add = (entry: ImportEntry, issue: ValidationIssue) => issues.set(entry, [...(issues.get(entry) ?? []), issue]);

  const byNumber = new Map<string, ImportEntry[]>();
  const byEmail = new Map<string, ImportEntry[]>();
  for (const entry of entries) {
    if (entry.employeeNumber) byNumber.set(entry.employeeNumber, [...(byNumber.get(entry.employeeNumber) ?? []), entry]);
    const rawEmail = (entry.raw as { workEmail?: unknown } | null)?.workEmail;
    // A malformed email is reported as such; it is not also counted as a duplicate.
    const email = typeof rawEmail === 'string' && validateEmail(rawEmail).ok ? normalizeEmailForComparison(rawEmail) : null;
    if (email) byEmail.set(email, [...(byEmail.get(email) ?? []), entry]);
  }
  for (const group of byNumber.values()) {
    if (group.length < 2 && !group[0].conflictingPeople) continue;
    const lines = listLines(group.flatMap((e) => e.lines));
    for (const entry of group)
      add(entry, { field: 'employeeNumber', reason: `Employee number is used for more than one person in this file (lines ${lines})` });
  }
  for (const group of byEmail.values()) {
    if (group.length < 2) continue;
    const lines = listLines(group.map((e) => e.lines[0]));
    for (const entry of group) add(entry, { field: 'workEmail', reason: `Work email is used by more than one employee in this file (lines ${lines})` });
  }
  return issues;
}

/** Validates every entry with the domain's rules plus the file-level checks; one rejection per issue and line. */
export function checkImport(entries: readonly ImportEntry[], options: ImportCheckOptions): CheckedImport {
  const result: CheckedImport = { valid: [], rejected: [], warnings: [] };
  const crossRow = fileLevelIssues(entries);
  for (const entry of entries) {
    const validation = validateHrEmployee(entry.raw, { requiredFields: options.requiredFields ?? DEFAULT_REQUIRED_FIELDS, today: options.today });
    const issues = [...(validation.ok ? [] : validation.issues), ...(crossRow.get(entry) ?? [])];
    const report = (issue: ValidationIssue, lines: number[]) =>
      lines.map((line) => ({ line, employeeNumber: entry.employeeNumber, field: issue.field, reason: issue.reason }));
    for (const issue of issues) {
      // A shared employee number concerns every row of the group; other issues point at one row.
      const lines = issue.field === 'employeeNumber' && crossRow.get(entry)?.includes(issue) ? entry.lines : [lineOfIssue(entry, issue.field)];
      result.rejected.push(...report(issue, lines));
    }
    if (validation.ok) {
      for (const warning of validation.warnings) result.warnings.push(...report(warning, [lineOfIssue(entry, warning.field)]));
      if (issues.length === 0) result.valid.push(validation.employee);
    }
  }
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
