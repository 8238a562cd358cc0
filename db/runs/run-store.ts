import type { Knex } from 'knex';
import type { Decision } from '../../domain/employees/decisions';
import type { HrEmployeeCreate, SkippedWrite, XledgerEmployeeCreate, XledgerEmployeeUpdate } from '../../domain/employees/apply-decisions';
import type { HrEmployeePatch } from '../../domain/employees/hr-writes';
import type { EmployeePlan } from '../../domain/employees/plan-types';
import type { ApplyBatches, DecisionDefaults, RunStatus } from '../../workflows/employees/types';

/** Per-run staging in Postgres: snapshots, plan items, decisions, writes and outcomes. Keyed by run id. */

export type SnapshotSide = 'hr' | 'xledger';
export type Outcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface RunRow {
  id: string;
  connection_id: number;
  kind: string;
  trigger: string;
  status: string;
  dry_run: boolean;
  summary: Record<string, unknown>;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export interface ItemRow {
  seq: number;
  employee_number: string;
  classification: string;
  plan: EmployeePlan;
  outcome: Outcome | null;
  outcome_detail: string | null;
  xledger_db_id: string | null;
  xledger_write: XledgerWrite | null;
  xledger_batch: number | null;
  xledger_done_at: Date | null;
  hr_write: HrWrite | null;
  hr_batch: number | null;
  hr_done_at: Date | null;
  skipped: SkippedWrite[] | null;
}

/** An item of an Xledger write batch: what to write, without the plan it came from. */
export type BatchItem = Pick<ItemRow, 'seq' | 'xledger_write'>;

export type XledgerWrite = { kind: 'create'; create: XledgerEmployeeCreate } | { kind: 'update'; update: XledgerEmployeeUpdate };
export type HrWrite = { kind: 'patch'; patch: HrEmployeePatch } | { kind: 'create'; create: HrEmployeeCreate };

export interface PlannedWrites {
  seq: number;
  xledgerWrite: XledgerWrite | null;
  xledgerBatch: number | null;
  hrWrite: HrWrite | null;
  hrBatch: number | null;
  skipped: SkippedWrite[];
}

/** A plan row as planning stores it: the plan, and the writes it leads to when nobody needs to decide anything. */
export interface PlannedItem {
  seq: number;
  plan: EmployeePlan;
  writes?: PlannedWrites;
  /** Unchanged, and the stored link and last-synced values are already right: finishing the run needs nothing. */
  linkCurrent?: boolean;
}

/** The matching keys of one staged Xledger employee. */
export interface XledgerMatchKeys {
  dbId: number;
  code: string | null;
  email: string | null;
}

const INSERT_CHUNK = 500;

/** Staged JSON is stored as `json` text (see migration 005): serialised here, once. */
const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * Multi-row INSERTs of INSERT_CHUNK rows. For wide JSON rows this beats array parameters (`unnest`), whose
 * array literals escape every quote of every document.
 */
async function insertRows(db: Knex, table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db(table).insert(rows.slice(i, i + INSERT_CHUNK));
}

/**
 * Inserts each page while the next one is produced (read from Xledger or HR, or planned): Postgres stores one page
 * while Node works on the next. Returns the number of rows.
 */
async function insertPages<P>(db: Knex, table: string, pages: AsyncIterable<readonly P[]>, toRow: (p: P) => Record<string, unknown>): Promise<number> {
  let count = 0;
  let inserting: Promise<void> = Promise.resolve();
  for await (const page of pages) {
    const rows = page.map(toRow);
    await inserting;
    inserting = insertRows(db, table, rows);
    // Awaited before the next page and at the end; this only keeps an early failure from counting as unhandled.
    inserting.catch(() => undefined);
    count += page.length;
  }
  await inserting;
  return count;
}

async function clearWrites(db: Knex, runId: string): Promise<void> {
  await db('sync_run_items')
    .where({ run_id: runId })
    .where((q) => q.whereNotNull('xledger_write').orWhereNotNull('hr_write').orWhereNotNull('skipped'))
    .update({ xledger_write: null, xledger_batch: null, hr_write: null, hr_batch: null, skipped: null });
}

export function createRunStore(db: Knex) {
  return {
    async createRun(run: { id: string; connectionId: number; kind: string; trigger: string; dryRun: boolean }): Promise<void> {
      await db('sync_runs')
        .insert({ id: run.id, connection_id: run.connectionId, kind: run.kind, trigger: run.trigger, dry_run: run.dryRun, status: 'RUNNING' })
        .onConflict('id')
        .ignore();
    },

    async getRun(runId: string): Promise<RunRow | undefined> {
      return db<RunRow>('sync_runs').where({ id: runId }).first();
    },

    async listRuns(opts: { connectionId?: number; limit?: number } = {}): Promise<Array<RunRow & { connection_name: string }>> {
      const q = db('sync_runs as r').join('connections as c', 'c.id', 'r.connection_id').select('r.*', 'c.name as connection_name');
      if (opts.connectionId !== undefined) q.where('r.connection_id', opts.connectionId);
      return q.orderBy('r.started_at', 'desc').limit(opts.limit ?? 20);
    },

    async finishRun(runId: string, status: RunStatus, summary: Record<string, unknown>): Promise<void> {
      await db('sync_runs').where({ id: runId }).update({ status, summary: JSON.stringify(summary), finished_at: db.fn.now() });
    },

    /** Replaces one side's snapshot (a retried activity starts over). */
    async replaceSnapshot(runId: string, side: SnapshotSide, rows: AsyncIterable<Array<{ key: string; data: unknown }>>): Promise<number> {
      return db.transaction(async (trx) => {
        await trx('sync_run_snapshots').where({ run_id: runId, side }).delete();
        return insertPages(trx, 'sync_run_snapshots', rows, (r) => ({ run_id: runId, side, key: r.key, data: JSON.stringify(r.data) }));
      });
    },

    /** One side's snapshot in pages ordered by key, so a run never holds more than a page of full records. */
    async *snapshotPages<T>(runId: string, side: SnapshotSide, pageSize: number): AsyncGenerator<T[]> {
      let after: string | null = null;
      for (;;) {
        const q = db('sync_run_snapshots').where({ run_id: runId, side }).orderBy('key').limit(pageSize).select('key', 'data');
        if (after !== null) q.where('key', '>', after);
        const rows: Array<{ key: string; data: T }> = await q;
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.key;
        yield rows.map((r) => r.data);
        if (rows.length < pageSize) return;
      }
    },

    async readSnapshot<T>(runId: string, side: SnapshotSide): Promise<T[]> {
      const rows = await db('sync_run_snapshots').where({ run_id: runId, side }).orderBy('key').select('data');
      return rows.map((r: { data: T }) => r.data);
    },

    /** The staged Xledger employees' matching keys only (dbId, code, email), without the rest of their data. */
    async xledgerMatchKeys(runId: string): Promise<XledgerMatchKeys[]> {
      const rows: Array<{ key: string; code: string | null; email: string | null }> = await db('sync_run_snapshots')
        .where({ run_id: runId, side: 'xledger' })
        .select('key', db.raw("data->>'code' AS code"), db.raw("data->>'email' AS email"));
      return rows.map((r) => ({ dbId: Number(r.key), code: r.code, email: r.email }));
    },

    async snapshotsByKey<T>(runId: string, side: SnapshotSide, keys: readonly string[]): Promise<Map<string, T>> {
      if (keys.length === 0) return new Map();
      const rows: Array<{ key: string; data: T }> = await db('sync_run_snapshots')
        .where({ run_id: runId, side })
        .whereRaw('key = ANY(?::text[])', [keys as string[]])
        .select('key', 'data');
      return new Map(rows.map((r) => [r.key, r.data]));
    },

    /** Replaces the run's plan rows, page after page, in one transaction (a retried planRun starts over). */
    async replaceItems(runId: string, pages: AsyncIterable<readonly PlannedItem[]>): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('sync_run_items').where({ run_id: runId }).delete();
        await insertPages(trx, 'sync_run_items', pages, ({ seq, plan, writes, linkCurrent }) => ({
          run_id: runId,
          seq,
          employee_number: plan.employeeNumber,
          classification: plan.classification,
          plan: JSON.stringify(plan),
          xledger_db_id: plan.xledgerDbId ?? null,
          xledger_write: json(writes?.xledgerWrite),
          xledger_batch: writes?.xledgerBatch ?? null,
          hr_write: json(writes?.hrWrite),
          hr_batch: writes?.hrBatch ?? null,
          skipped: writes?.skipped.length ? JSON.stringify(writes.skipped) : null,
          link_current: linkCurrent ?? false,
        }));
      });
    },

    /** Drops the writes planning worked out without decisions (a run that waits for an admin works them out again). */
    async clearWrites(runId: string): Promise<void> {
      await clearWrites(db, runId);
    },

    /** The batches planning prepared when no decision was needed (null: prepareApply works them out). */
    async setPreparedBatches(runId: string, batches: ApplyBatches | null): Promise<void> {
      await db('sync_runs').where({ id: runId }).update({ prepared_batches: batches === null ? null : JSON.stringify(batches) });
    },

    async preparedBatches(runId: string): Promise<ApplyBatches | null> {
      const row: { prepared_batches: ApplyBatches | null } | undefined = await db('sync_runs').where({ id: runId }).first('prepared_batches');
      return row?.prepared_batches ?? null;
    },

    /**
     * The plan rows a page at a time in seq order (keyset paging; pass a transaction to read inside it), leaving out
     * unchanged people whose link is already right when asked to (they need nothing more).
     */
    async *itemPages(runId: string, pageSize: number, options: { trx?: Knex; skipCurrentUnchanged?: boolean } = {}): AsyncGenerator<ItemRow[]> {
      const trx = options.trx ?? db;
      let after = -1;
      for (;;) {
        const q = trx('sync_run_items').where({ run_id: runId }).where('seq', '>', after).orderBy('seq').limit(pageSize);
        if (options.skipCurrentUnchanged) q.where('link_current', false);
        const rows: ItemRow[] = await q;
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.seq;
        yield rows;
        if (rows.length < pageSize) return;
      }
    },

    /** Sets the outcome of items that have none yet (items nothing was written for). */
    async settleOutcomes(runId: string, settled: ReadonlyArray<{ seq: number; outcome: Outcome; detail: string }>): Promise<void> {
      if (settled.length === 0) return;
      await db.raw(
        `UPDATE sync_run_items AS i SET outcome = v.outcome, outcome_detail = v.detail
         FROM unnest(?::int[], ?::text[], ?::text[]) AS v(seq, outcome, detail)
         WHERE i.run_id = ? AND i.seq = v.seq AND i.outcome IS NULL`,
        [settled.map((s) => s.seq), settled.map((s) => s.outcome), settled.map((s) => s.detail), runId],
      );
    },

    async readItems(runId: string, where: Partial<Pick<ItemRow, 'classification' | 'outcome'>> = {}, page?: { offset: number; limit: number }): Promise<ItemRow[]> {
      const q = db('sync_run_items').where({ run_id: runId, ...where } as Record<string, unknown>).orderBy('seq');
      if (page) q.offset(page.offset).limit(page.limit);
      return q;
    },

    /** Items that may lead to a write (not unchanged, locked, invalid or ambiguous). */
    async writableItems(runId: string): Promise<ItemRow[]> {
      return db('sync_run_items')
        .where({ run_id: runId })
        .whereNotIn('classification', ['unchanged', 'locked', 'invalid', 'ambiguous'])
        .orderBy('seq');
    },

    async itemsByEmployee(runId: string, employeeNumbers: readonly string[]): Promise<ItemRow[]> {
      return db('sync_run_items').where({ run_id: runId }).whereIn('employee_number', employeeNumbers as string[]).orderBy('seq');
    },

    async replaceDecisions(runId: string, decisions: readonly Decision[], defaults: DecisionDefaults): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('sync_run_decisions').where({ run_id: runId }).delete();
        const rows = [{ kind: 'defaults', ...defaults }, ...decisions];
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          await trx('sync_run_decisions').insert(rows.slice(i, i + INSERT_CHUNK).map((d, j) => ({ run_id: runId, seq: i + j, decision: JSON.stringify(d) })));
        }
      });
    },

    async readDecisions(runId: string): Promise<{ decisions: Decision[]; defaults: DecisionDefaults }> {
      const rows = await db('sync_run_decisions').where({ run_id: runId }).orderBy('seq').select('decision');
      const all = rows.map((r: { decision: Decision | ({ kind: 'defaults' } & DecisionDefaults) }) => r.decision);
      const [first, ...rest] = all;
      if (first && first.kind === 'defaults') {
        const { kind: _kind, ...defaults } = first as { kind: 'defaults' } & DecisionDefaults;
        return { decisions: rest as Decision[], defaults };
      }
      return { decisions: all as Decision[], defaults: {} };
    },

    /** Stores what prepareApply decided per item; rewriting it is safe until the first batch ran. */
    async setWrites(runId: string, writes: readonly PlannedWrites[]): Promise<void> {
      await db.transaction(async (trx) => {
        // Writes planning stored before decisions were made are replaced, not merged.
        await clearWrites(trx, runId);
        for (let i = 0; i < writes.length; i += 2_000) {
          const part = writes.slice(i, i + 2_000);
          await trx.raw(
            `UPDATE sync_run_items AS i
             SET xledger_write = v.xw::json, xledger_batch = v.xb, hr_write = v.hw::json, hr_batch = v.hb, skipped = v.sk::json
             FROM unnest(?::int[], ?::text[], ?::int[], ?::text[], ?::int[], ?::text[]) AS v(seq, xw, xb, hw, hb, sk)
             WHERE i.run_id = ? AND i.seq = v.seq`,
            [
              part.map((w) => w.seq),
              part.map((w) => json(w.xledgerWrite)),
              part.map((w) => w.xledgerBatch),
              part.map((w) => json(w.hrWrite)),
              part.map((w) => w.hrBatch),
              part.map((w) => (w.skipped.length ? JSON.stringify(w.skipped) : null)),
              runId,
            ] as Knex.RawBinding[],
          );
        }
      });
    },

    /** One batch's items still to write to Xledger: their writes (which carry all they need), not their plans. */
    async xledgerBatch(runId: string, kind: 'create' | 'update', batch: number): Promise<BatchItem[]> {
      return db('sync_run_items')
        .where({ run_id: runId, xledger_batch: batch })
        .whereRaw("xledger_write->>'kind' = ?", [kind])
        .whereNull('xledger_done_at')
        .orderBy('seq')
        .select('seq', 'xledger_write');
    },

    async hrBatch(runId: string, batch: number): Promise<ItemRow[]> {
      return db('sync_run_items').where({ run_id: runId, hr_batch: batch }).whereNull('hr_done_at').orderBy('seq');
    },

    /**
     * Marks one side of items as applied, with the item's outcome; a failure is never overwritten by a later
     * success of the other side. Runs inside the caller's transaction with the history rows.
     */
    async markApplied(runId: string, side: 'xledger' | 'hr', results: ReadonlyArray<{ seq: number; outcome: Outcome; detail?: string | null; xledgerDbId?: number | null }>, trx: Knex): Promise<void> {
      const done = side === 'xledger' ? 'xledger_done_at' : 'hr_done_at';
      if (results.length === 0) return;
      await trx.raw(
        `UPDATE sync_run_items AS i SET
           outcome = CASE WHEN i.outcome = 'failed' THEN i.outcome ELSE v.outcome END,
           outcome_detail = CASE WHEN i.outcome = 'failed' THEN i.outcome_detail ELSE v.detail END,
           xledger_db_id = COALESCE(v.db_id, i.xledger_db_id), applied_at = now(), ${done} = now()
         FROM unnest(?::int[], ?::text[], ?::text[], ?::bigint[]) AS v(seq, outcome, detail, db_id)
         WHERE i.run_id = ? AND i.seq = v.seq`,
        [results.map((o) => o.seq), results.map((o) => o.outcome), results.map((o) => o.detail ?? null), results.map((o) => o.xledgerDbId ?? null), runId] as Knex.RawBinding[],
      );
    },

    async currentUnchangedCount(runId: string, trx: Knex = db): Promise<number> {
      const [row] = await trx('sync_run_items').where({ run_id: runId, link_current: true }).count<Array<{ count: string }>>('* as count');
      return Number(row?.count ?? 0);
    },

    async setRunDay(runId: string, day: string): Promise<void> {
      await db('sync_runs').where({ id: runId }).update({ run_day: day });
    },

    async runDay(runId: string): Promise<string | null> {
      const row: { run_day: string | null } | undefined = await db('sync_runs').where({ id: runId }).first('run_day');
      return row?.run_day ?? null;
    },

    async outcomeTally(runId: string): Promise<{ failed: number; written: number }> {
      const [row] = await db('sync_run_items')
        .where({ run_id: runId })
        .select(db.raw("count(*) FILTER (WHERE outcome = 'failed')::int AS failed"), db.raw("count(*) FILTER (WHERE outcome IN ('created', 'updated'))::int AS written"));
      return { failed: Number(row.failed), written: Number(row.written) };
    },

    async failures(runId: string, limit: number): Promise<ItemRow[]> {
      return db('sync_run_items').where({ run_id: runId, outcome: 'failed' }).orderBy('seq').limit(limit);
    },

    async skippedItems(runId: string, limit: number): Promise<ItemRow[]> {
      return db('sync_run_items').where({ run_id: runId, outcome: 'skipped' }).orderBy('seq').limit(limit);
    },
  };
}

export type RunStore = ReturnType<typeof createRunStore>;
