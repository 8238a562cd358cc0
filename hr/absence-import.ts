import { parse } from 'csv-parse/sync';
import { HR_ABSENCE_STATUSES, type HrAbsence } from '../domain/absences/absence-types';
import { checkAbsenceRecord } from '../domain/absences/validation';
import type { ImportRejection } from './import-validate';
import { ImportFileError, type CsvSeparator, type ImportFormat } from './import-parse';

/**
 * Reads and checks an absence import file (`xsync hr import --absences`): CSV with a header row (one absence per
 * row) or a JSON array of absences. Every row is checked on its own (dates, times, percent, status) and against the
 * file (one absence id twice); what needs Xledger or the links (codes, employment) is checked by the run.
 */

export const ABSENCE_CSV_COLUMNS = [
  'absenceId',
  'employeeNumber',
  'type',
  'startDate',
  'endDate',
  'startTime',
  'endTime',
  'percent',
  'comment',
  'status',
] as const;
type Column = (typeof ABSENCE_CSV_COLUMNS)[number];

const headerKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const COLUMN_BY_KEY = new Map<string, Column>(ABSENCE_CSV_COLUMNS.map((c) => [headerKey(c), c]));

interface Entry {
  raw: Partial<Record<Column, unknown>>;
  line: number;
}

export interface CheckedAbsenceImport {
  valid: HrAbsence[];
  rejected: ImportRejection[];
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function csvEntries(content: Buffer, separator: CsvSeparator): Entry[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(content, { bom: true, delimiter: separator, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (err) {
    throw new ImportFileError(`not a readable CSV file: ${(err as Error).message}`);
  }
  if (records.length === 0) return [];
  const header = records[0].record;
  const unknown = header.filter((h) => h.trim() !== '' && !COLUMN_BY_KEY.has(headerKey(h)));
  if (unknown.length)
    throw new ImportFileError(`unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; expected some of: ${ABSENCE_CSV_COLUMNS.join(', ')}`);
  const columns = header.map((h) => COLUMN_BY_KEY.get(headerKey(h)) ?? null);
  for (const required of ['absenceId', 'employeeNumber', 'type', 'startDate'] as const) {
    if (!columns.includes(required)) throw new ImportFileError(`the header row has no ${required} column`);
  }
  return records.slice(1).flatMap(({ record, info }) => {
    const raw: Partial<Record<Column, unknown>> = {};
    record.forEach((value, i) => {
      const column = columns[i];
      if (column) raw[column] = value;
    });
    // The record's last line (csv-parse counts lines): quoted values may span several lines.
    return Object.values(raw).some((v) => !blank(v)) ? [{ raw, line: info.lines }] : [];
  });
}

function jsonEntries(content: Buffer): Entry[] {
  let data: unknown;
  try {
    data = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportFileError(`not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new ImportFileError('a JSON absence import must be an array of absence objects');
  return data.map((raw, index) => ({ raw: raw !== null && typeof raw === 'object' ? (raw as Entry['raw']) : {}, line: index }));
}

const text = (v: unknown): string | null => (blank(v) ? null : typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : JSON.stringify(v));

/** An entry in the store's shape (comments keep their inner spacing, only the ends are trimmed). */
function toAbsence(raw: Entry['raw']): HrAbsence {
  return {
    absenceId: text(raw.absenceId) ?? '',
    employeeNumber: text(raw.employeeNumber) ?? '',
    type: text(raw.type) ?? '',
    startDate: text(raw.startDate),
    endDate: text(raw.endDate),
    startTime: text(raw.startTime),
    endTime: text(raw.endTime),
    percent: text(raw.percent),
    comment: typeof raw.comment === 'string' && raw.comment.trim() !== '' ? raw.comment.trim() : null,
    status: (text(raw.status) ?? 'approved').toLowerCase(),
  };
}

export function checkAbsenceImport(content: Buffer, format: ImportFormat, separator: CsvSeparator = ','): CheckedAbsenceImport {
  const entries = format === 'csv' ? csvEntries(content, separator) : jsonEntries(content);
  const lineOfId = new Map<string, number[]>();
  for (const e of entries) {
    const id = text(e.raw.absenceId);
    if (id) lineOfId.set(id, [...(lineOfId.get(id) ?? []), e.line]);
  }
  const result: CheckedAbsenceImport = { valid: [], rejected: [] };
  for (const e of entries) {
    const a = toAbsence(e.raw);
    const issues = checkAbsenceRecord(a);
    if (!(HR_ABSENCE_STATUSES as readonly string[]).includes(a.status))
      issues.push({ field: 'status', reason: `status "${a.status}" is not one of ${HR_ABSENCE_STATUSES.join(', ')}` });
    const same = lineOfId.get(a.absenceId) ?? [];
    if (same.length > 1)
      issues.push({ field: 'absenceId', reason: `absence id ${a.absenceId} is used more than once in this file (lines ${same.join(', ')})` });
    for (const issue of issues) result.rejected.push({ line: e.line, employeeNumber: a.employeeNumber || null, field: issue.field, reason: issue.reason });
    if (issues.length === 0) result.valid.push(a);
  }
  return result;
}
