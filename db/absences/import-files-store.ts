import type { Knex } from 'knex';

/** `absence_import_files`: the CSV a run wrote where the connected Xledger API has no absence mutation. */

export interface ImportFile {
  runId: string;
  fileName: string;
  rows: number;
  content: string;
}

export function createImportFilesStore(db: Knex) {
  return {
    /** Stores the run's file (a retried activity replaces it). */
    async save(file: ImportFile, trx: Knex = db): Promise<void> {
      await trx('absence_import_files')
        .insert({ run_id: file.runId, file_name: file.fileName, rows: file.rows, content: file.content })
        .onConflict('run_id')
        .merge();
    },

    async get(runId: string): Promise<ImportFile | undefined> {
      const row: { run_id: string; file_name: string; rows: number; content: string } | undefined = await db('absence_import_files')
        .where({ run_id: runId })
        .first();
      return row && { runId: row.run_id, fileName: row.file_name, rows: row.rows, content: row.content };
    },
  };
}
