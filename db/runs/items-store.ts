import type { Knex } from 'knex';
import { insertPages, json } from './insert-pages';

/**
 * `sync_run_items`: one row per item a run planned (an employee, an absence, an invoice …), keyed by run and seq,
 * with its plan, the writes it leads to (numbered into batches), whether each side was applied, and its outcome.
 * The plan and write documents are the kind's own (type parameters); this store only moves them.
 */

export type Outcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

/** Outcomes only some kinds record: the absence sync's `removed`, and `exported` (in an import file instead of the API). */
export type KindOutcome = 'removed' | 'exported';

export interface ItemRow<Plan = unknown, XWrite = unknown, HWrite = unknown, Skipped = unknown> {
  seq: number;
  item_key: string;
  classification: string;
  plan: Plan;
  outcome: Outcome | null;
  outcome_detail: string | null;
  xledger_db_id: string | null;
  xledger_write: XWrite | null;
  xledger_batch: number | null;
  xledger_done_at: Date | null;
  hr_write: HWrite | null;
  hr_batch: number | null;
  hr_done_at: Date | null;
  skipped: Skipped[] | null;
  /** The plan holds only its kept parts (stored so by planning, or the staging purge has run). */
  plan_stripped: boolean;
}

/** What an item's writes are once planned or decided: each side's write and batch, and what was left out and why. */
export interface PlannedWrites<XWrite = unknown, HWrite = unknown, Skipped = unknown> {
  seq: number;
  xledgerWrite: XWrite | null;
  xledgerBatch: number | null;
  hrWrite: HWrite | null;
  hrBatch: number | null;
  skipped: Skipped[];
}

/** A plan row as planning stores it: the plan, and the writes it leads to when nobody needs to decide anything. */
export interface NewItem<Plan = unknown, XWrite = unknown, HWrite = unknown, Skipped = unknown> {
  seq: number;
  key: string;
  classification: string;
  plan: Plan;
  xledgerDbId?: number | null;
  writes?: PlannedWrites<XWrite, HWrite, Skipped>;
  /** Nothing to do at the end of the run (e.g. unchanged with its link already right). */
  linkCurrent?: boolean;
  /**
   * What the plan keeps once the run's staging is purged (`keepParts(plan, keep)`): worked out here, in Node, so the
   * purge moves it into place instead of rebuilding every plan in Postgres. Without it the purge strips the plan.
   */
  keptPlan?: unknown;
  /** `plan` is already only what is kept (an item nothing reads the full plan of again): nothing to purge. */
  planStripped?: boolean;
}

export interface AppliedResult {
  seq: number;
  outcome: Outcome | KindOutcome;
  detail?: string | null;
  xledgerDbId?: number | null;
}

/** Which parts of a plan document to keep: a key and `true`, or a key and the parts of it to keep. */
export type KeepTree = { [key: string]: true | KeepTree };

/**
 * The parts of a plan document `keep` names, exactly as `stripPlans` builds them in Postgres (`#>` paths from the
 * root, `jsonb_build_object`, `jsonb_strip_nulls`): a kept key that is missing or null is left out, a kept sub-tree is
 * always an object (maybe empty), and null members are dropped everywhere inside.
 */
export function keepParts(doc: unknown, keep: KeepTree): Record<string, unknown> {
  const at = (path: readonly string[]): unknown => {
    let v: unknown = doc;
    for (const key of path) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
      v = (v as Record<string, unknown>)[key];
    }
    return v;
  };
  const build = (tree: KeepTree, path: readonly string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(tree)) {
      const value = sub === true ? withoutNulls(at([...path, key])) : build(sub, [...path, key]);
      if (value !== null && value !== undefined) out[key] = value;
    }
    return out;
  };
  return build(keep, []);
}

/** A JSON value without null object members, at any depth (as `jsonb_strip_nulls`; array elements stay). */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((e) => (e === undefined ? null : withoutNulls(e)));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(v as Record<string, unknown>)) {
    if (member !== null && member !== undefined) out[key] = withoutNulls(member);
  }
  return out;
}

/** Classifications that never lead to a write, whatever the kind. */
const NOT_WRITABLE = ['unchanged', 'locked', 'invalid', 'ambiguous'];

async function clearWrites(db: Knex, runId: string): Promise<void> {
  await db('sync_run_items')
    .where({ run_id: runId })
    .where((q) => q.whereNotNull('xledger_write').orWhereNotNull('hr_write').orWhereNotNull('skipped'))
    .update({ xledger_write: null, xledger_batch: null, hr_write: null, hr_batch: null, skipped: null });
}

export function createItemsStore<Row extends ItemRow = ItemRow>(db: Knex) {
  return {
    /** Replaces the run's plan rows, page after page, in one transaction (a retried planning step starts over). */
    async replaceItems(runId: string, pages: AsyncIterable<readonly NewItem[]>): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('sync_run_items').where({ run_id: runId }).delete();
        await insertPages(trx, 'sync_run_items', pages, ({ seq, key, classification, plan, xledgerDbId, writes, linkCurrent, keptPlan, planStripped }) => ({
          run_id: runId,
          seq,
          item_key: key,
          classification,
          plan: JSON.stringify(plan),
          xledger_db_id: xledgerDbId ?? null,
          xledger_write: json(writes?.xledgerWrite),
          xledger_batch: writes?.xledgerBatch ?? null,
          hr_write: json(writes?.hrWrite),
          hr_batch: writes?.hrBatch ?? null,
          skipped: writes?.skipped.length ? JSON.stringify(writes.skipped) : null,
          link_current: linkCurrent ?? false,
          kept_plan: json(keptPlan),
          plan_stripped: planStripped ?? false,
        }));
      });
    },

    /** Drops the writes planning worked out without decisions (a run that waits for an admin works them out again). */
    async clearWrites(runId: string): Promise<void> {
      await clearWrites(db, runId);
    },

    /**
     * The plan rows a page at a time in seq order (keyset paging; pass a transaction to read inside it), leaving out
     * items that need nothing more when asked to.
     */
    async *itemPages(runId: string, pageSize: number, options: { trx?: Knex; skipCurrentUnchanged?: boolean } = {}): AsyncGenerator<Row[]> {
      const trx = options.trx ?? db;
      let after = -1;
      for (;;) {
        const q = trx('sync_run_items').where({ run_id: runId }).where('seq', '>', after).orderBy('seq').limit(pageSize);
        if (options.skipCurrentUnchanged) q.where('link_current', false);
        const rows: Row[] = await q;
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.seq;
        yield rows;
        if (rows.length < pageSize) return;
      }
    },

    /** Sets the outcome of items that have none yet (items nothing was written for). */
    async settleOutcomes(runId: string, settled: ReadonlyArray<{ seq: number; outcome: Outcome; detail: string }>, trx: Knex = db): Promise<void> {
      if (settled.length === 0) return;
      await trx.raw(
        `UPDATE sync_run_items AS i SET outcome = v.outcome, outcome_detail = v.detail
         FROM unnest(?::int[], ?::text[], ?::text[]) AS v(seq, outcome, detail)
         WHERE i.run_id = ? AND i.seq = v.seq AND i.outcome IS NULL`,
        [settled.map((s) => s.seq), settled.map((s) => s.outcome), settled.map((s) => s.detail), runId],
      );
    },

    /**
     * Items that need nothing but their outcome: settled by one set-based statement. With `strip` (the run's staging
     * is purged as it settles) their kept plans are moved into place in the same statement, so `stripPlans` need
     * not rewrite these rows again (most of a run's rows are unchanged).
     */
    async settleCurrentUnchanged(runId: string, trx: Knex = db, options: { strip?: boolean } = {}): Promise<void> {
      await trx('sync_run_items')
        .where({ run_id: runId, classification: 'unchanged' })
        .whereNull('outcome')
        .update({
          outcome: 'unchanged',
          outcome_detail: 'no differences',
          ...(options.strip
            ? {
                plan: trx.raw('COALESCE(kept_plan, plan)'),
                plan_stripped: trx.raw('plan_stripped OR kept_plan IS NOT NULL'),
                kept_plan: null,
                xledger_write: trx.raw('CASE WHEN kept_plan IS NULL THEN xledger_write END'),
                hr_write: trx.raw('CASE WHEN kept_plan IS NULL THEN hr_write END'),
              }
            : {}),
        });
    },

    async readItems(runId: string, where: Partial<Pick<ItemRow, 'classification' | 'outcome'>> = {}, page?: { offset: number; limit: number }): Promise<Row[]> {
      const q = db('sync_run_items')
        .where({ run_id: runId, ...where } as Record<string, unknown>)
        .orderBy('seq');
      if (page) q.offset(page.offset).limit(page.limit);
      return q;
    },

    /** The plans of the given item keys (e.g. the employees a page of pending decisions is about). */
    async plansByKey<Plan>(runId: string, keys: readonly string[]): Promise<Map<string, Plan>> {
      if (keys.length === 0) return new Map();
      const rows: Array<{ item_key: string; plan: Plan }> = await db('sync_run_items')
        .where({ run_id: runId })
        .whereIn('item_key', keys as string[])
        .select('item_key', 'plan');
      return new Map(rows.map((r) => [r.item_key, r.plan]));
    },

    /**
     * Replaces every plan of the run by the parts `keep` names (a tree of JSON keys: `{ classification: true,
     * values: { hr: { firstName: true } } }`) and drops the writes: what is left is counts, outcomes and reasons, no
     * personal numbers. Items planning gave a kept plan get it moved into place (cheap); the others (planned without
     * one) are stripped in Postgres, which parses and rebuilds each plan (≈ 1 s at 10,000 people). Keys are bound as
     * parameters.
     */
    async stripPlans(runId: string, keep: KeepTree): Promise<void> {
      const bindings: string[] = [];
      const build = (tree: KeepTree, path: string[]): string => {
        const parts = Object.entries(tree).map(([key, sub]) => {
          bindings.push(key);
          if (sub === true) {
            bindings.push(`{${[...path, key].map((p) => `"${p.replace(/["\\]/g, '')}"`).join(',')}}`);
            return '?::text, p.j #> ?::text[]';
          }
          return `?::text, ${build(sub, [...path, key])}`;
        });
        return `jsonb_strip_nulls(jsonb_build_object(${parts.join(', ')}))`;
      };
      const expression = build(keep, []);
      // Each plan is parsed once (p.j), not once per kept key: at 10,000 items that is seconds.
      await db.raw(
        `UPDATE sync_run_items AS i SET plan = (${expression})::json, xledger_write = NULL, hr_write = NULL, plan_stripped = true
         FROM (SELECT run_id, seq, plan::jsonb AS j FROM sync_run_items WHERE run_id = ? AND kept_plan IS NULL AND NOT plan_stripped) AS p
         WHERE i.run_id = p.run_id AND i.seq = p.seq`,
        [...bindings, runId],
      );
      await db('sync_run_items')
        .where({ run_id: runId })
        .whereNotNull('kept_plan')
        .update({ plan: db.ref('kept_plan'), kept_plan: null, xledger_write: null, hr_write: null, plan_stripped: true });
    },

    /** Items that may lead to a write (not unchanged, locked, invalid or ambiguous). */
    async writableItems(runId: string): Promise<Row[]> {
      return db('sync_run_items').where({ run_id: runId }).whereNotIn('classification', NOT_WRITABLE).orderBy('seq');
    },

    /** Stores what was decided per item; rewriting it is safe until the first batch ran. */
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
    async xledgerBatch(runId: string, writeKind: string, batch: number): Promise<Array<Pick<Row, 'seq' | 'xledger_write'>>> {
      return db('sync_run_items')
        .where({ run_id: runId, xledger_batch: batch })
        .whereRaw("xledger_write->>'kind' = ?", [writeKind])
        .whereNull('xledger_done_at')
        .orderBy('seq')
        .select('seq', 'xledger_write');
    },

    async hrBatch(runId: string, batch: number): Promise<Row[]> {
      return db('sync_run_items').where({ run_id: runId, hr_batch: batch }).whereNull('hr_done_at').orderBy('seq');
    },

    /**
     * Marks one side of items as applied, with the item's outcome; a failure is never overwritten by a later
     * success of the other side. Runs inside the caller's transaction with the history rows.
     */
    async markApplied(runId: string, side: 'xledger' | 'hr', results: readonly AppliedResult[], trx: Knex): Promise<void> {
      const done = side === 'xledger' ? 'xledger_done_at' : 'hr_done_at';
      if (results.length === 0) return;
      await trx.raw(
        `UPDATE sync_run_items AS i SET
           outcome = CASE WHEN i.outcome = 'failed' THEN i.outcome ELSE v.outcome END,
           outcome_detail = CASE WHEN i.outcome = 'failed' THEN i.outcome_detail ELSE v.detail END,
           xledger_db_id = COALESCE(v.db_id, i.xledger_db_id), applied_at = now(), ${done} = now()
         FROM unnest(?::int[], ?::text[], ?::text[], ?::bigint[]) AS v(seq, outcome, detail, db_id)
         WHERE i.run_id = ? AND i.seq = v.seq`,
        [
          results.map((o) => o.seq),
          results.map((o) => o.outcome),
          results.map((o) => o.detail ?? null),
          results.map((o) => o.xledgerDbId ?? null),
          runId,
        ] as Knex.RawBinding[],
      );
    },

    async currentUnchangedCount(runId: string, trx: Knex = db): Promise<number> {
      const [row] = await trx('sync_run_items').where({ run_id: runId, link_current: true }).count<Array<{ count: string }>>('* as count');
      return Number(row?.count ?? 0);
    },

    async outcomeTally(runId: string): Promise<{ failed: number; written: number }> {
      const [row] = await db('sync_run_items')
        .where({ run_id: runId })
        .select(
          db.raw("count(*) FILTER (WHERE outcome = 'failed')::int AS failed"),
          db.raw("count(*) FILTER (WHERE outcome IN ('created', 'updated', 'removed', 'exported'))::int AS written"),
        );
      return { failed: Number(row.failed), written: Number(row.written) };
    },

    async failures(runId: string, limit: number): Promise<Row[]> {
      return db('sync_run_items').where({ run_id: runId, outcome: 'failed' }).orderBy('seq').limit(limit);
    },

    async skippedItems(runId: string, limit: number): Promise<Row[]> {
      return db('sync_run_items').where({ run_id: runId, outcome: 'skipped' }).orderBy('seq').limit(limit);
    },
  };
}

export type ItemsStore<Row extends ItemRow = ItemRow> = ReturnType<typeof createItemsStore<Row>>;
