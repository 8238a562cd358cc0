import { parse } from 'csv-parse/sync';

/**
 * Reads an HR import file (CSV or JSON) into raw employee records in the domain's input shape, each with
 * the file position it came from. Field rules are not checked here (validateHrEmployee does that).
 */

export type ImportFormat = 'csv' | 'json';

/** One person as read from the file. */
export interface ImportEntry {
  raw: unknown;
  /** CSV: the 1-based line of each row that makes up this person; JSON: the array index (one element). */
  lines: number[];
  /** CSV: the line each position came from (index = position index). */
  positionLines: number[];
  /** The employee number as written (trimmed), for reports. */
  employeeNumber: string | null;
  /** CSV rows that share an employee number but disagree on person fields: different people. */
  conflictingPeople?: boolean;
}

/** The file cannot be read as an import at all (exit code 2). */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

const PERSON_COLUMNS = [
  'employeeNumber',
  'workEmail',
  'firstName',
  'lastName',
  'phone',
  'birthDate',
  'nationalId',
  'gender',
  'nationality',
  'bankAccount',
  'addressStreet',
  'addressPostalCode',
  'addressPlace',
  'addressCountry',
  'status',
  'department',
  'legalEntity',
  'employmentType',
] as const;
const POSITION_COLUMNS = ['jobTitle', 'positionStart', 'positionEnd', 'probationEnd', 'noticeDate', 'primary'] as const;
type Column = (typeof PERSON_COLUMNS)[number] | (typeof POSITION_COLUMNS)[number];

export const CSV_COLUMNS: readonly Column[] = [...PERSON_COLUMNS, ...POSITION_COLUMNS];

/** Domain field names accepted as alternatives for the position columns. */
const ALIASES: Record<string, Column> = { startdate: 'positionStart', enddate: 'positionEnd', probationenddate: 'probationEnd' };

const headerKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const COLUMN_BY_KEY = new Map<string, Column>([...CSV_COLUMNS.map((c) => [headerKey(c), c] as [string, Column]), ...Object.entries(ALIASES)]);

function resolveHeader(header: string[]): Array<Column | null> {
  const unknown: string[] = [];
  const resolved = header.map((h) => {
    if (h.trim() === '') return null;
    const column = COLUMN_BY_KEY.get(headerKey(h));
    if (!column) unknown.push(h);
    return column ?? null;
  });
  if (unknown.length > 0) {
    throw new ImportFileError(`unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; expected some of: ${CSV_COLUMNS.join(', ')}`);
  }
  if (!resolved.includes('employeeNumber')) throw new ImportFileError('the header row has no employeeNumber column');
  return resolved;
}

/** Start line of each record, from csv-parse's byte offsets (its own line counter is off with CRLF). */
function lineOfOffset(buffer: Buffer): (offset: number) => number {
  let line = 1;
  let position = 0;
  return (offset) => {
    while (buffer[offset] === 0x0a || buffer[offset] === 0x0d) offset++;
    for (; position < offset && position < buffer.length; position++) if (buffer[position] === 0x0a) line++;
    return line;
  };
}

type CsvRow = { line: number; values: Partial<Record<Column, string>> };

/** The field separators a CSV import may use: `,` and `;` (what Excel writes with a Norwegian locale). */
export const CSV_SEPARATORS = [',', ';'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

/**
 * The separator that splits the header line into known column names (`,` when both or neither do; with neither, the
 * one that finds more known names, so the unknown ones are reported as such).
 */
export function detectCsvSeparator(buffer: Buffer): CsvSeparator {
  const end = buffer.indexOf(0x0a);
  const headerLine = buffer.subarray(0, end === -1 ? buffer.length : end);
  const score = (delimiter: CsvSeparator) => {
    try {
      const [names = []] = parse(headerLine, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, trim: true }) as string[][];
      const known = names.filter((n) => n !== '' && COLUMN_BY_KEY.has(headerKey(n))).length;
      const allKnown = known > 0 && known === names.filter((n) => n !== '').length && names.some((n) => COLUMN_BY_KEY.get(headerKey(n)) === 'employeeNumber');
      return { allKnown, known, fields: names.length };
    } catch {
      return { allKnown: false, known: 0, fields: 0 };
    }
  };
  const [comma, semicolon] = CSV_SEPARATORS.map(score);
  if (comma.allKnown) return ',';
  if (semicolon.allKnown) return ';';
  if (semicolon.known !== comma.known) return semicolon.known > comma.known ? ';' : ',';
  return semicolon.fields > comma.fields ? ';' : ',';
}

function readCsvRows(buffer: Buffer, delimiter: CsvSeparator): CsvRow[] {
  let records: Array<{ record: string[]; info: { bytes: number } }>;
  try {
    records = parse(buffer, { bom: true, delimiter, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (err) {
    throw new ImportFileError(`not a readable CSV file: ${(err as Error).message}`);
  }
  if (records.length === 0) return [];
  const columns = resolveHeader(records[0].record);
  const lineOf = lineOfOffset(buffer);
  const rows: CsvRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const line = lineOf(records[i - 1].info.bytes);
    const values: Partial<Record<Column, string>> = {};
    records[i].record.forEach((value, c) => {
      const column = columns[c];
      if (column) values[column] = value;
    });
    if (Object.values(values).some((v) => !blank(v))) rows.push({ line, values });
  }
  return rows;
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

function personFromRows(rows: CsvRow[]): { person: Partial<Record<Column, string>>; conflict: boolean } {
  const person: Partial<Record<Column, string>> = {};
  let conflict = false;
  for (const { values } of rows) {
    for (const column of PERSON_COLUMNS) {
      const value = values[column];
      if (blank(value)) continue;
      if (blank(person[column])) person[column] = value;
      else if (person[column]?.trim() !== value?.trim()) conflict = true;
    }
  }
  return { person, conflict };
}

function csvEntry(rows: CsvRow[]): ImportEntry {
  const { person: p, conflict } = personFromRows(rows);
  const positionRows = rows.filter(({ values }) => POSITION_COLUMNS.some((c) => !blank(values[c])));
  const hasAddress = [p.addressStreet, p.addressPostalCode, p.addressPlace, p.addressCountry].some((v) => !blank(v));
  const raw = {
    employeeNumber: p.employeeNumber,
    workEmail: p.workEmail,
    firstName: p.firstName,
    lastName: p.lastName,
    phone: p.phone,
    birthDate: p.birthDate,
    nationalId: p.nationalId,
    gender: p.gender,
    nationality: p.nationality,
    bankAccount: p.bankAccount,
    address: hasAddress ? { street: p.addressStreet, postalCode: p.addressPostalCode, place: p.addressPlace, country: p.addressCountry } : null,
    status: p.status,
    department: p.department,
    legalEntity: p.legalEntity,
    employmentType: p.employmentType,
    positions: positionRows.map(({ values: v }) => ({
      jobTitle: v.jobTitle,
      startDate: v.positionStart,
      endDate: v.positionEnd,
      probationEndDate: v.probationEnd,
      noticeDate: v.noticeDate,
      primary: parseFlag(v.primary),
    })),
  };
  return {
    raw,
    lines: rows.map((r) => r.line),
    positionLines: positionRows.map((r) => r.line),
    employeeNumber: p.employeeNumber?.trim() || null,
    conflictingPeople: conflict,
  };
}

/** true/false, yes/no, ja/nei, 1/0, x; anything else is passed on for the validator to reject. */
function parseFlag(value: string | undefined): unknown {
  if (blank(value)) return null;
  const v = (value as string).trim().toLowerCase();
  if (['true', 'yes', 'ja', '1', 'x'].includes(v)) return true;
  if (['false', 'no', 'nei', '0'].includes(v)) return false;
  return value;
}

function parseCsv(buffer: Buffer, separator: CsvSeparator): ImportEntry[] {
  const groups = new Map<string, CsvRow[]>();
  const entries: Array<CsvRow[]> = [];
  for (const row of readCsvRows(buffer, separator)) {
    const key = row.values.employeeNumber?.trim();
    if (!key) {
      entries.push([row]);
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(row);
    else {
      const fresh = [row];
      groups.set(key, fresh);
      entries.push(fresh);
    }
  }
  return entries.map(csvEntry);
}

function parseJson(buffer: Buffer): ImportEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(buffer.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportFileError(`not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new ImportFileError('a JSON import must be an array of employee objects');
  return data.map((raw, index) => {
    const number = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).employeeNumber : undefined;
    const positions = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).positions : undefined;
    return {
      raw,
      lines: [index],
      positionLines: Array.isArray(positions) ? positions.map(() => index) : [],
      employeeNumber: typeof number === 'string' || typeof number === 'number' ? String(number).trim() || null : null,
    };
  });
}

/**
 * `content` is UTF-8 text (decodeImportBytes makes it so). CSV: the separator is detected from the header line
 * unless given.
 */
export function parseImportFile(content: Buffer, format: ImportFormat, options: { separator?: CsvSeparator } = {}): ImportEntry[] {
  return format === 'csv' ? parseCsv(content, options.separator ?? detectCsvSeparator(content)) : parseJson(content);
}

export function formatOfFile(file: string): ImportFormat | null {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'json' ? ext : null;
}
