import { createHrAbsencesStore } from '../../../hr/absences-store';
import { checkAbsenceImport } from '../../../hr/absence-import';
import type { ImportEncoding } from '../../../hr/import-decode';
import { ImportFileError, type CsvSeparator, type ImportFormat } from '../../../hr/import-parse';
import type { ImportRejection } from '../../../hr/import-validate';
import type { CliContext } from '../../context';
import { output, table, UsageError } from '../../io';

interface AbsenceImportSummary {
  file: string;
  encoding: ImportEncoding;
  separator?: CsvSeparator;
  dryRun: boolean;
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
}

/** Rolls back a dry run's transaction after counting what it would have done. */
class DryRunRollback extends Error {}

function human(s: AbsenceImportSummary): string {
  const how = [s.encoding !== 'utf-8' ? `read as ${s.encoding}` : null, s.separator === ';' ? "';'-separated" : null].filter(Boolean);
  const lines = [
    `${s.dryRun ? 'Would import' : 'Imported'} ${s.imported} absence(s) from ${s.file}${how.length ? ` (${how.join(', ')})` : ''} (${s.created} new, ${s.updated} updated), ${s.unchanged} unchanged, ${s.rejected.length} problem(s) in rejected rows.`,
  ];
  if (s.dryRun) lines.push('Dry run: nothing was written.');
  if (s.rejected.length > 0)
    lines.push('', 'Rejected rows:', table(s.rejected as unknown as Array<Record<string, unknown>>, ['line', 'employeeNumber', 'field', 'reason']));
  return lines.join('\n');
}

/**
 * `xsync hr import --absences FILE`: the file is read as employee imports are (size limit, encodings, `,` or `;`),
 * every row checked and reported by line; good rows are written in one transaction. Exit 1 when rows were rejected.
 */
export async function importAbsences(
  ctx: CliContext,
  json: boolean,
  f: { file: string; content: Buffer; format: ImportFormat; encoding: ImportEncoding; separator?: CsvSeparator; dryRun: boolean },
): Promise<void> {
  let checked;
  try {
    checked = checkAbsenceImport(f.content, f.format, f.separator);
  } catch (err) {
    if (err instanceof ImportFileError) throw new UsageError(`${f.file}: ${err.message}`);
    throw err;
  }
  const store = createHrAbsencesStore(ctx.database());
  let counts = { created: 0, updated: 0, unchanged: 0 };
  await ctx
    .database()
    .transaction(async (trx) => {
      counts = await store.upsert(checked.valid, trx);
      if (f.dryRun) throw new DryRunRollback();
    })
    .catch((err) => {
      if (!(err instanceof DryRunRollback)) throw err;
    });
  const summary: AbsenceImportSummary = {
    file: f.file,
    encoding: f.encoding,
    ...(f.separator ? { separator: f.separator } : {}),
    dryRun: f.dryRun,
    imported: counts.created + counts.updated,
    ...counts,
    rejected: checked.rejected,
  };
  if (summary.rejected.length > 0) ctx.exitCode = 1;
  output(ctx.io, json, summary, human);
}
