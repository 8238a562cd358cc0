import type { Knex } from 'knex';
import type { RunStatus } from '../../domain/shared/run-types';

/** `sync_runs`: one row per run of any kind; an open row (no finished_at) is the connection's one-run-at-a-time lock. */

export interface RunRow {
  id: string;
  connection_id: number;
  kind: string;
  trigger: string;
  status: string;
  dry_run: boolean;
  summary: Record<string, unknown>;
  error: string | null;
  refused_by: string | null;
  schedule_id: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export interface RunListRow extends RunRow {
  connection_name: string;
}

export type ClaimResult = { claimed: true } | { claimed: false; openRunId: string };

export interface NewRun {
  id: string;
  connectionId: number;
  kind: string;
  trigger: string;
  dryRun: boolean;
  scheduleId?: string | null;
}

const runColumns = (run: NewRun) => ({
  id: run.id,
  connection_id: run.connectionId,
  kind: run.kind,
  trigger: run.trigger,
  dry_run: run.dryRun,
  schedule_id: run.scheduleId ?? null,
});

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/** A run's connection by name; a removed connection's runs stay readable and say so: `acme (removed)`. */
const CONNECTION_NAME = "CASE WHEN c.removed_at IS NULL THEN c.name ELSE c.name || ' (removed)' END AS connection_name";

export function createRunsStore(db: Knex) {
  const openRun = async (connectionId: number, kind: string): Promise<RunRow | undefined> =>
    db<RunRow>('sync_runs').where({ connection_id: connectionId, kind }).whereNull('finished_at').first();

  return {
    openRun,

    /**
     * Opens the run, unless another run of the same connection and kind is open: the partial unique index
     * `sync_runs_one_open_run` decides, atomically, whoever starts it.
     */
    async claimRun(run: NewRun): Promise<ClaimResult> {
      try {
        await db('sync_runs').insert({ ...runColumns(run), status: 'RUNNING' });
        return { claimed: true };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const open = await openRun(run.connectionId, run.kind);
        if (!open) throw err; // the open run finished in between: the caller's retry claims
        return { claimed: false, openRunId: open.id };
      }
    },

    /** Records a start that found another run open: a closed row, so the refusal shows in `runs list`. */
    async recordRefused(run: NewRun, openRunId: string): Promise<void> {
      await db('sync_runs')
        .insert({
          ...runColumns(run),
          status: 'REFUSED',
          refused_by: openRunId,
          error: `run ${openRunId} of this connection was still open`,
          finished_at: db.fn.now(),
        })
        .onConflict('id')
        .ignore();
    },

    async getRun(runId: string, trx: Knex = db): Promise<RunRow | undefined> {
      return trx<RunRow>('sync_runs').where({ id: runId }).first();
    },

    /** The run with its connection's name. */
    async getRunWithConnection(runId: string): Promise<RunListRow | undefined> {
      return db('sync_runs as r').join('connections as c', 'c.id', 'r.connection_id').where('r.id', runId).first('r.*', db.raw(CONNECTION_NAME));
    },

    async listRuns(opts: { connectionName?: string; limit: number }): Promise<RunListRow[]> {
      const q = db('sync_runs as r').join('connections as c', 'c.id', 'r.connection_id').select('r.*', db.raw(CONNECTION_NAME));
      if (opts.connectionName) q.where('c.name', opts.connectionName);
      return q.orderBy('r.started_at', 'desc').limit(opts.limit);
    },

    /** Closes the run with its status and summary; the one-run lock is released in the same statement. */
    async finishRun(runId: string, status: RunStatus, summary: Record<string, unknown>, trx: Knex = db): Promise<void> {
      await trx('sync_runs')
        .where({ id: runId })
        .update({ status, summary: JSON.stringify(summary), finished_at: trx.fn.now() });
    },

    async markStagingPurged(runId: string): Promise<void> {
      await db('sync_runs').where({ id: runId }).update({ staging_purged_at: db.fn.now() });
    },

    /** Closed runs whose staging is still there and that finished before `cutoff` (the debug retention's end). */
    async runsWithStagingBefore(cutoff: Date, limit = 100): Promise<string[]> {
      const rows: Array<{ id: string }> = await db('sync_runs')
        .whereNotNull('finished_at')
        .whereNull('staging_purged_at')
        .where('finished_at', '<', cutoff)
        .orderBy('finished_at')
        .limit(limit)
        .select('id');
      return rows.map((r) => r.id);
    },

    /** The latest run a schedule started. */
    async lastRunOfSchedule(scheduleId: string): Promise<RunRow | undefined> {
      return db<RunRow>('sync_runs').where({ schedule_id: scheduleId }).orderBy('started_at', 'desc').first();
    },

    /** Open runs of some or all connections (to reconcile with Temporal). */
    async openRuns(connectionName?: string): Promise<RunListRow[]> {
      const q = db('sync_runs as r').join('connections as c', 'c.id', 'r.connection_id').whereNull('r.finished_at').select('r.*', db.raw(CONNECTION_NAME));
      if (connectionName) q.where('c.name', connectionName);
      return q;
    },

    /** A run Temporal closed without letting it record its end (terminate, a run timeout): closed with that status. */
    async closeAbandoned(runId: string, status: 'TERMINATED' | 'CANCELLED' | 'FAILED', why: string): Promise<void> {
      await db('sync_runs').where({ id: runId }).whereNull('finished_at').update({ status, error: why, finished_at: db.fn.now() });
    },

    async setRunDay(runId: string, day: string): Promise<void> {
      await db('sync_runs').where({ id: runId }).update({ run_day: day });
    },

    async runDay(runId: string): Promise<string | null> {
      const row: { run_day: string | null } | undefined = await db('sync_runs').where({ id: runId }).first('run_day');
      return row?.run_day ?? null;
    },

    /** The batches planning prepared when no decision was needed (null: prepareApply works them out). */
    async setPreparedBatches(runId: string, batches: unknown): Promise<void> {
      await db('sync_runs')
        .where({ id: runId })
        .update({ prepared_batches: batches === null ? null : JSON.stringify(batches) });
    },

    async preparedBatches<T>(runId: string): Promise<T | null> {
      const row: { prepared_batches: T | null } | undefined = await db('sync_runs').where({ id: runId }).first('prepared_batches');
      return row?.prepared_batches ?? null;
    },
  };
}

export type RunsStore = ReturnType<typeof createRunsStore>;
