import type { Knex } from 'knex';

/**
 * `absence_import_files`: the CSV a run wrote where the connected Xledger API has no absence mutation. Its content is
 * personal data: the maintenance purge deletes it after the connection's retention and keeps the row with `purged_at`.
 */

export interface ImportFile {
  runId: string;
  fileName: string;
  rows: number;
  content: string;
}

/** A stored file: its content, or when it was purged. */
export type StoredImportFile = Omit<ImportFile, 'content'> & ({ content: string; purgedAt: null } | { content: null; purgedAt: Date });

interface Row {
  run_id: string;
  file_name: string;
  rows: number;
  content: string | null;
  purged_at: Date | null;
}

export function createImportFilesStore(db: Knex) {
  /** Files still kept, written before `before`, of runs of these connections (or of every connection but these). */
  const keptBefore = (before: Date, scope: { connectionId: number } | { notConnectionIds: number[] }) =>
    db('absence_import_files')
      .whereNotNull('content')
      .where('created_at', '<', before)
      .whereIn(
        'run_id',
        'connectionId' in scope
          ? db('sync_runs').select('id').where('connection_id', scope.connectionId)
          : db('sync_runs').select('id').whereNotIn('connection_id', scope.notConnectionIds),
      );

  return {
    /** Stores the run's file (a retried activity replaces it). */
    async save(file: ImportFile, trx: Knex = db): Promise<void> {
      await trx('absence_import_files')
        .insert({ run_id: file.runId, file_name: file.fileName, rows: file.rows, content: file.content })
        .onConflict('run_id')
        .merge();
    },

    async get(runId: string): Promise<StoredImportFile | undefined> {
      const row: Row | undefined = await db('absence_import_files').where({ run_id: runId }).first();
      if (!row) return undefined;
      const base = { runId: row.run_id, fileName: row.file_name, rows: row.rows };
      return row.content === null ? { ...base, content: null, purgedAt: row.purged_at! } : { ...base, content: row.content, purgedAt: null };
    },

    /** Deletes the content of files written before `before` (the row stays, saying when); returns how many. */
    async purgeBefore(before: Date, scope: { connectionId: number } | { notConnectionIds: number[] }): Promise<number> {
      return keptBefore(before, scope).update({ content: null, purged_at: db.fn.now() });
    },
  };
}
