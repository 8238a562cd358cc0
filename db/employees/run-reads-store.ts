import type { Knex } from 'knex';
import type { EmployeeBookmark, EmployeeReadMode } from '../../domain/employees/read-mode';

/** How one employee run read, as stored (docs/incremental-runs.md). */
export interface RunRead {
  runId: string;
  mode: EmployeeReadMode['mode'];
  reason: string;
  why: string;
  readStartedAt: Date;
}

/** The SQL of `employee_run_reads` (migration 015), and of the HR outbox rows an incremental run reads. */
export function createRunReadsStore(db: Knex) {
  return {
    async record(connectionId: number, read: RunRead): Promise<void> {
      await db('employee_run_reads')
        .insert({ run_id: read.runId, connection_id: connectionId, mode: read.mode, reason: read.reason, why: read.why, read_started_at: read.readStartedAt })
        .onConflict('run_id')
        .merge();
    },

    async ofRun(runId: string): Promise<RunRead | undefined> {
      const row = await db('employee_run_reads').where({ run_id: runId }).first();
      return row ? { runId: row.run_id, mode: row.mode, reason: row.reason, why: row.why, readStartedAt: row.read_started_at } : undefined;
    },

    /**
     * The bookmark of a connection's next run: when its last successful (status OK, not a dry run) run began reading,
     * and when its last successful full run did. None until a full run has succeeded.
     */
    async bookmark(connectionId: number): Promise<EmployeeBookmark | null> {
      const successful = () =>
        db('employee_run_reads as r')
          .join('sync_runs as s', 's.id', 'r.run_id')
          .where({ 'r.connection_id': connectionId, 's.status': 'OK', 's.dry_run': false })
          .max<{ at: Date | null }>('r.read_started_at as at')
          .first();
      const [last, lastFull] = await Promise.all([successful(), successful().andWhere('r.mode', 'full')]);
      if (!last?.at || !lastFull?.at) return null;
      return { readStartedAt: last.at, lastFullReadAt: lastFull.at };
    },

    /**
     * People the connection's runs left open from `since` on (dry runs aside): items that ended skipped (invalid and
     * locked rows included: every run reports them until they are fixed), or were written with some fields left out
     * (an undecided conflict under skip-undecided). Nothing changed for them since, so only this brings them into the
     * next incremental run, as a full run would. Keys are HR employee numbers, or the code of someone only in Xledger.
     */
    async leftOpenSince(connectionId: number, since: Date): Promise<Array<{ key: string; classification: string }>> {
      const rows: Array<{ item_key: string; classification: string }> = await db('sync_run_items as i')
        .join('employee_run_reads as r', 'r.run_id', 'i.run_id')
        .join('sync_runs as s', 's.id', 'i.run_id')
        .where({ 'r.connection_id': connectionId, 's.dry_run': false })
        .andWhere('r.read_started_at', '>=', since)
        .whereNot('i.classification', 'unchanged')
        // Word for word the predicate of the partial index sync_run_items_left_open (migration 019), so it is used.
        .andWhereRaw("(i.outcome = 'skipped' OR (i.skipped IS NOT NULL AND i.skipped::text NOT IN ('[]', 'null')))")
        .andWhere('i.item_key', '<>', '')
        .distinct('i.item_key', 'i.classification');
      return rows.map((r) => ({ key: r.item_key, classification: r.classification }));
    },

    /** The employee numbers HR changed (employees, positions …: every table with the outbox trigger) from `since` on. */
    async hrChangedSince(since: Date): Promise<string[]> {
      const rows: Array<{ employee_number: string }> = await db('hr_outbox')
        .where('changed_at', '>=', since)
        .distinct('employee_number')
        .orderBy('employee_number');
      return rows.map((r) => r.employee_number);
    },
  };
}

export type RunReadsStore = ReturnType<typeof createRunReadsStore>;
