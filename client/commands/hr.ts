import type { Command } from 'commander';
import { maskBankAccount, maskNationalId } from '../../domain';
import { createHrStore, type HrStoreRecord } from '../../hr/hr-store';
import { checkImport, type ImportRejection } from '../../hr/import-validate';
import {
  decodeImportBytes,
  ImportDecodeError,
  importEncodingOf,
  IMPORT_ENCODINGS,
  MAX_IMPORT_BYTES,
  readImportBytes,
  type ImportEncoding,
} from '../../hr/import-decode';
import { CSV_COLUMNS, detectCsvSeparator, formatOfFile, ImportFileError, parseImportFile, type CsvSeparator, type ImportFormat } from '../../hr/import-parse';
import { osloToday } from '../../config/oslo-date';
import { ABSENCE_CSV_COLUMNS } from '../../hr/absence-import';
import { importAbsences } from './absences/hr-import';
import type { CliContext } from '../context';
import { NotFoundError, output, table, UsageError } from '../io';
import { parseByteSize, parseCount } from '../options';

const IMPORT_HELP = `
File formats:
  CSV   A header row, then one row per employee. Columns (any order, case-insensitive; only employeeNumber is required):
          ${CSV_COLUMNS.join(', ')}
        Several rows with the same employeeNumber add positions (jobTitle, positionStart, positionEnd, probationEnd,
        noticeDate, primary=true|false) to one employee; their person columns must agree or be left empty.
        Dates are YYYY-MM-DD. Rejected rows are reported by line number (the header is line 1).
  JSON  An array of employee objects in the HR store's shape (employeeNumber, workEmail, firstName, ..., address:
        {street, postalCode, place, country}, positions: [{jobTitle, startDate, endDate, probationEndDate, noticeDate,
        primary}]). Rejected rows are reported by array index (from 0).

Encoding: UTF-8 (a byte-order mark is fine); a file that is not UTF-8 is refused, naming the line and byte of the
  first bad byte. Give --encoding windows-1252 (or latin1) for files saved that way, e.g. by Excel.
CSV separator: , or ; (detected from the header row). Files over ${MAX_IMPORT_BYTES / (1024 * 1024)} MB are refused (--max-size).

Every row is validated; bad rows are reported (line, field, reason) and the rest are imported in one transaction.
Exit code: 0 all imported, 1 some rows rejected, 2 unreadable file or bad usage. See docs/hr-import.md.`;

interface ImportFile {
  content: Buffer;
  format: ImportFormat;
  encoding: ImportEncoding;
  separator?: CsvSeparator;
}

/** Reads and decodes the file (size limit, strict UTF-8 unless --encoding says otherwise); every problem is exit 2. */
function readImportFile(file: string, opts: { format?: string; encoding?: string; maxSize?: string }): ImportFile {
  const format = opts.format ?? formatOfFile(file);
  if (format !== 'csv' && format !== 'json') {
    throw new UsageError(opts.format ? `--format must be csv or json` : `cannot tell the format of ${file}; name it .csv or .json, or pass --format csv|json`);
  }
  const encoding = opts.encoding === undefined ? 'utf-8' : importEncodingOf(opts.encoding);
  if (!encoding) throw new UsageError(`--encoding: "${opts.encoding}" is not one of ${IMPORT_ENCODINGS.join(', ')}`);
  const maxBytes = opts.maxSize === undefined ? MAX_IMPORT_BYTES : parseByteSize(opts.maxSize, '--max-size');
  try {
    const content = decodeImportBytes(readImportBytes(file, maxBytes), encoding);
    return { content, format, encoding, ...(format === 'csv' ? { separator: detectCsvSeparator(content) } : {}) };
  } catch (err) {
    if (err instanceof ImportDecodeError) throw new UsageError(err.message.includes(file) ? err.message : `${file}: ${err.message}`);
    throw err;
  }
}

/** What an admin may see of an employee: identity and account numbers masked. */
function describe(e: HrStoreRecord) {
  return { ...e, nationalId: e.nationalId && maskNationalId(e.nationalId), bankAccount: e.bankAccount && maskBankAccount(e.bankAccount) };
}

function describeHuman(e: ReturnType<typeof describe>): string {
  const a = e.address;
  const lines = [
    ['employee number', e.employeeNumber],
    ['name', [e.firstName, e.lastName].filter(Boolean).join(' ')],
    ['work email', e.workEmail],
    ['phone', e.phone],
    ['birth date', e.birthDate],
    ['national id', e.nationalId],
    ['gender', e.gender],
    ['nationality', e.nationality],
    ['bank account', e.bankAccount],
    ['address', a && [a.street, [a.postalCode, a.place].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ')],
    ['status', e.status],
    ['department', e.department],
    ['legal entity', e.legalEntity],
    ['employment type', e.employmentType],
    ['updated at', e.updatedAt],
  ].map(([label, value]) => `${`${label}:`.padEnd(17)}${value ?? ''}`);
  const positions = e.positions.map((p) => ({ ...p, primary: p.primary ? 'yes' : '' }));
  return [...lines, '', 'positions:', table(positions, ['jobTitle', 'startDate', 'endDate', 'probationEndDate', 'noticeDate', 'primary'])].join('\n');
}

interface ImportSummary {
  file: string;
  encoding: ImportEncoding;
  /** CSV only: the field separator found in the header row. */
  separator?: CsvSeparator;
  dryRun: boolean;
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
  warnings: ImportRejection[];
}

/** How the file was read, when it is not the default (UTF-8, comma-separated). */
function readAs(s: ImportSummary): string {
  const how = [s.encoding !== 'utf-8' ? `read as ${s.encoding}` : null, s.separator === ';' ? "';'-separated" : null].filter(Boolean);
  return how.length ? ` (${how.join(', ')})` : '';
}

function importHuman(s: ImportSummary): string {
  const verb = s.dryRun ? 'Would import' : 'Imported';
  const lines = [
    `${verb} ${s.imported} employee(s) from ${s.file}${readAs(s)} (${s.created} new, ${s.updated} updated), ${s.unchanged} unchanged, ${s.rejected.length} problem(s) in rejected rows.`,
  ];
  if (s.dryRun) lines.push('Dry run: nothing was written.');
  if (s.rejected.length > 0)
    lines.push('', 'Rejected rows:', table(s.rejected as unknown as Array<Record<string, unknown>>, ['line', 'employeeNumber', 'field', 'reason']));
  if (s.warnings.length > 0)
    lines.push(
      '',
      'Warnings (imported anyway):',
      table(s.warnings as unknown as Array<Record<string, unknown>>, ['line', 'employeeNumber', 'field', 'reason']),
    );
  return lines.join('\n');
}

/** Rolls back a dry run's transaction after counting what it would have done. */
class DryRunRollback extends Error {}

export function registerHrCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);
  const hr = program.command('hr').description('the HR store: import, show and list employees');

  hr.command('import')
    .description('import employees from a CSV or JSON file (validated row by row; good rows are imported)')
    .argument('<file>', 'a .csv or .json file')
    .option('--format <format>', 'csv or json (default: from the file extension)')
    .option('--encoding <encoding>', `the file's character encoding: ${IMPORT_ENCODINGS.join(', ')} (default: utf-8, strictly)`)
    .option('--max-size <size>', `refuse larger files, e.g. 100MB (default ${MAX_IMPORT_BYTES / (1024 * 1024)}MB)`)
    .option('--dry-run', 'validate and count only; write nothing')
    .option('--absences', `the file holds absences (columns ${ABSENCE_CSV_COLUMNS.join(', ')}), not employees; see docs/hr-import.md`)
    .addHelpText('after', IMPORT_HELP)
    .action(async (file: string, opts: { format?: string; encoding?: string; maxSize?: string; dryRun?: boolean; absences?: boolean }) => {
      const { content, format, encoding, separator } = readImportFile(file, opts);
      if (opts.absences) return importAbsences(ctx, json(), { file, content, format, encoding, separator, dryRun: Boolean(opts.dryRun) });
      let entries;
      try {
        entries = parseImportFile(content, format, { separator });
      } catch (err) {
        if (err instanceof ImportFileError) throw new UsageError(`${file}: ${err.message}`);
        throw err;
      }
      const checked = checkImport(entries, { today: osloToday() });
      const store = createHrStore(ctx.database());
      let counts = { created: 0, updated: 0, unchanged: 0 };
      await ctx
        .database()
        .transaction(async (trx) => {
          counts = await store.upsertEmployees(checked.valid, { trx });
          if (opts.dryRun) throw new DryRunRollback();
        })
        .catch((err) => {
          if (!(err instanceof DryRunRollback)) throw err;
        });
      const summary: ImportSummary = {
        file,
        encoding,
        ...(separator ? { separator } : {}),
        dryRun: Boolean(opts.dryRun),
        imported: counts.created + counts.updated,
        ...counts,
        rejected: checked.rejected,
        warnings: checked.warnings,
      };
      if (summary.rejected.length > 0) ctx.exitCode = 1;
      output(ctx.io, json(), summary, importHuman);
    });

  hr.command('show')
    .description('show one employee (national id and bank account masked)')
    .argument('<employeeNumber>')
    .action(async (employeeNumber: string) => {
      const employee = await createHrStore(ctx.database()).getEmployee(employeeNumber);
      if (!employee) throw new NotFoundError(`No HR employee with number "${employeeNumber}"`);
      output(ctx.io, json(), describe(employee), describeHuman);
    });

  hr.command('list')
    .description('list employees by employee number')
    .option('--status <status>', 'active, deactivated or deleted')
    .option('--department <department>', 'only this department')
    .option('--limit <n>', 'show at most this many', '200')
    .action(async (opts: { status?: string; department?: string; limit: string }) => {
      const limit = parseCount(opts.limit, '--limit', { min: 1, max: 10_000 });
      if (opts.status && !['active', 'deactivated', 'deleted'].includes(opts.status)) throw new UsageError('--status must be active, deactivated or deleted');
      const store = createHrStore(ctx.database());
      const scope = { statuses: opts.status ? [opts.status] : undefined, departments: opts.department ? [opts.department] : undefined };
      const page = await store.pageInScope(scope, { limit });
      const rows = page.rows.map((e) => ({
        employeeNumber: e.employeeNumber,
        name: [e.firstName, e.lastName].filter(Boolean).join(' '),
        workEmail: e.workEmail,
        status: e.status,
        department: e.department,
        legalEntity: e.legalEntity,
      }));
      output(ctx.io, json(), { employees: rows, more: page.next !== null, counts: await store.countByStatus() }, (v) =>
        [
          table(v.employees, ['employeeNumber', 'name', 'workEmail', 'status', 'department', 'legalEntity']),
          v.more ? `(first ${limit} shown; use --limit for more)` : '',
          `active ${v.counts.active}, deactivated ${v.counts.deactivated}, deleted ${v.counts.deleted}`,
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });
}
