import type { Knex } from 'knex';
import type { Decision } from '../domain/decisions';
import type { HrEmployeeCreate, SkippedWrite, XledgerEmployeeCreate, XledgerEmployeeUpdate } from '../domain/apply-decisions';
import type { HrEmployeePatch } from '../domain/hr-writes';
import type { EmployeePlan } from '../domain/plan-types';
import type { DecisionDefaults, RunStatus } from '../workflows/employee-sync-types';

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

const INSERT_CHUNK = 500;

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
      let count = 0;
      await db.transaction(async (trx) => {
        await trx('sync_run_snapshots').where({ run_id: runId, side }).delete();
        for await (const page of rows) {
          for (let i = 0; i < page.length; i += INSERT_CHUNK) {
            const part = page.slice(i, i + INSERT_CHUNK);
            await trx('sync_run_snapshots')
              .insert(part.map((r) => ({ run_id: runId, side, key: r.key, data: JSON.stringify(r.data) })))
              .onConflict(['run_id', 'side', 'key'])
              .merge();
            count += part.length;
          }
        }
      });
      return count;
    },

    async readSnapshot<T>(runId: string, side: SnapshotSide): Promise<T[]> {
      const rows = await db('sync_run_snapshots').where({ run_id: runId, side }).orderBy('key').select('data');
      return rows.map((r: { data: T }) => r.data);
    },

    async replaceItems(runId: string, plans: readonly EmployeePlan[]): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('sync_run_items').where({ run_id: runId }).delete();
        for (let i = 0; i < plans.length; i += INSERT_CHUNK) {
          await trx('sync_run_items').insert(
            plans.slice(i, i + INSERT_CHUNK).map((plan, j) => ({
              run_id: runId,
              seq: i + j,
              employee_number: plan.employeeNumber,
              classification: plan.classification,
              plan: JSON.stringify(plan),
              xledger_db_id: plan.xledgerDbId ?? null,
            })),
          );
        }
      });
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
        for (let i = 0; i < writes.length; i += INSERT_CHUNK) {
          const part = writes.slice(i, i + INSERT_CHUNK);
          // One statement per chunk: UPDATE ... FROM (VALUES ...) keeps 10,000 items to a handful of round trips.
          const values = part.map(() => '(?::int, ?::jsonb, ?::int, ?::jsonb, ?::int, ?::jsonb)').join(', ');
          const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
          const bindings = part.flatMap((w) => [w.seq, json(w.xledgerWrite), w.xledgerBatch, json(w.hrWrite), w.hrBatch, json(w.skipped)]);
          await trx.raw(
            `UPDATE sync_run_items AS i SET xledger_write = v.xw, xledger_batch = v.xb, hr_write = v.hw, hr_batch = v.hb, skipped = v.sk
             FROM (VALUES ${values}) AS v(seq, xw, xb, hw, hb, sk)
             WHERE i.run_id = ? AND i.seq = v.seq`,
            [...bindings, runId],
          );
        }
      });
    },

    async xledgerBatch(runId: string, kind: 'create' | 'update', batch: number): Promise<ItemRow[]> {
      return db('sync_run_items')
        .where({ run_id: runId, xledger_batch: batch })
        .whereRaw("xledger_write->>'kind' = ?", [kind])
        .whereNull('xledger_done_at')
        .orderBy('seq');
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
      for (let i = 0; i < results.length; i += INSERT_CHUNK) {
        const part = results.slice(i, i + INSERT_CHUNK);
        const values = part.map(() => '(?::int, ?::text, ?::text, ?::bigint)').join(', ');
        const bindings = part.flatMap((o) => [o.seq, o.outcome, o.detail ?? null, o.xledgerDbId ?? null]);
        await trx.raw(
          `UPDATE sync_run_items AS i SET
             outcome = CASE WHEN i.outcome = 'failed' THEN i.outcome ELSE v.outcome END,
             outcome_detail = CASE WHEN i.outcome = 'failed' THEN i.outcome_detail ELSE v.detail END,
             xledger_db_id = COALESCE(v.db_id, i.xledger_db_id), applied_at = now(), ${done} = now()
           FROM (VALUES ${values}) AS v(seq, outcome, detail, db_id)
           WHERE i.run_id = ? AND i.seq = v.seq`,
          [...bindings, runId],
        );
      }
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
