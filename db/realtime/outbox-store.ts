import type { Knex } from 'knex';

/** One change a connection's push has to deliver: the outbox row and whose it is (no values). */
export interface PendingChange {
  outboxId: number;
  employeeNumber: string;
}

export type DeliveryStatus = 'done' | 'held';

export interface DeliverySettlement {
  outboxId: number;
  status: DeliveryStatus;
  reason: string;
}

/** Channel the HR outbox trigger notifies on (migration 014). */
export const OUTBOX_CHANNEL = 'xsync_hr_outbox';

/** `hr_outbox` and `hr_outbox_deliveries`: what changed in HR, and where each connection's push stands with it. */
export function createOutboxStore(db: Knex) {
  return {
    /**
     * Fans undispatched outbox rows out to the connections that push in real time, oldest first, a batch at a time;
     * rows locked by another relay are skipped. Rows no connection pushes are settled at once. Returns how many.
     */
    async dispatch(connectionIds: readonly number[], limit = 5_000): Promise<number> {
      return db.transaction(async (trx) => {
        const rows: Array<{ id: string }> = await trx('hr_outbox').whereNull('dispatched_at').orderBy('id').limit(limit).forUpdate().skipLocked().select('id');
        if (rows.length === 0) return 0;
        const ids = rows.map((r) => r.id);
        if (connectionIds.length > 0) {
          await trx.raw(
            `INSERT INTO hr_outbox_deliveries (outbox_id, connection_id)
             SELECT o, c FROM unnest(?::bigint[]) o CROSS JOIN unnest(?::int[]) c
             ON CONFLICT DO NOTHING`,
            [ids, [...connectionIds]],
          );
        }
        await trx('hr_outbox')
          .whereIn('id', ids)
          .update({ dispatched_at: trx.fn.now(), ...(connectionIds.length === 0 ? { settled_at: trx.fn.now() } : {}) });
        return ids.length;
      });
    },

    /**
     * Pending deliveries of a connection not yet handed to its push workflow, or handed over longer ago than
     * `resignalAfterMs` (the workflow deduplicates by outbox id, so handing one over twice is harmless).
     */
    async toSignal(connectionId: number, resignalAfterMs: number, limit: number): Promise<PendingChange[]> {
      const rows: Array<{ outbox_id: string; employee_number: string }> = await db('hr_outbox_deliveries as d')
        .join('hr_outbox as o', 'o.id', 'd.outbox_id')
        .where('d.connection_id', connectionId)
        .where('d.status', 'pending')
        .where((q) => q.whereNull('d.signalled_at').orWhere('d.signalled_at', '<', db.raw(`now() - (? * interval '1 millisecond')`, [resignalAfterMs])))
        .orderBy('d.outbox_id')
        .limit(limit)
        .select('d.outbox_id', 'o.employee_number');
      return rows.map((r) => ({ outboxId: Number(r.outbox_id), employeeNumber: r.employee_number }));
    },

    async markSignalled(connectionId: number, outboxIds: readonly number[]): Promise<void> {
      if (outboxIds.length === 0) return;
      await db('hr_outbox_deliveries')
        .where('connection_id', connectionId)
        .whereRaw('outbox_id = ANY(?::bigint[])', [[...outboxIds]])
        .update({ signalled_at: db.fn.now() });
    },

    /** Which of these deliveries are still pending (a delivery handed over twice is settled once). */
    async stillPending(connectionId: number, outboxIds: readonly number[]): Promise<Set<number>> {
      if (outboxIds.length === 0) return new Set();
      const rows: Array<{ outbox_id: string }> = await db('hr_outbox_deliveries')
        .where({ connection_id: connectionId, status: 'pending' })
        .whereRaw('outbox_id = ANY(?::bigint[])', [[...outboxIds]])
        .select('outbox_id');
      return new Set(rows.map((r) => Number(r.outbox_id)));
    },

    /** Settles deliveries of one push run (only pending ones: a settled delivery keeps its first outcome) and their outbox rows once every delivery is. */
    async settle(connectionId: number, runId: string, settlements: readonly DeliverySettlement[], trx: Knex = db): Promise<number> {
      if (settlements.length === 0) return 0;
      const result = await trx.raw(
        `UPDATE hr_outbox_deliveries d
            SET status = s.status, reason = s.reason, run_id = ?, settled_at = now()
           FROM unnest(?::bigint[], ?::text[], ?::text[]) AS s(outbox_id, status, reason)
          WHERE d.connection_id = ? AND d.outbox_id = s.outbox_id AND d.status = 'pending'`,
        [runId, settlements.map((s) => s.outboxId), settlements.map((s) => s.status), settlements.map((s) => s.reason), connectionId],
      );
      await trx.raw(
        `UPDATE hr_outbox o SET settled_at = now()
          WHERE o.id = ANY(?::bigint[]) AND o.settled_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM hr_outbox_deliveries d WHERE d.outbox_id = o.id AND d.status = 'pending')`,
        [settlements.map((s) => s.outboxId)],
      );
      return (result as { rowCount: number }).rowCount;
    },

    /**
     * Deletes outbox rows settled (every delivery done or held) before `before`, with their deliveries, oldest first,
     * at most `limit` a call; returns how many. Only rows changed before `before` are looked at (settled_at ≥ changed_at),
     * by the changed_at index. Pending rows stay, however old: they are still to be pushed.
     */
    async purgeSettled(before: Date, limit = 10_000): Promise<number> {
      const result = await db.raw(
        `DELETE FROM hr_outbox WHERE id IN (
           SELECT id FROM hr_outbox WHERE changed_at < ? AND settled_at < ? ORDER BY changed_at LIMIT ?)`,
        [before, before, limit],
      );
      return (result as { rowCount: number }).rowCount;
    },

    /**
     * A removed connection's changes still waiting to be pushed: they never will be. Deletes its pending deliveries
     * and settles the outbox rows that no longer wait for any connection (so the retention purge can take them).
     * Returns how many deliveries it deleted.
     */
    async forgetPending(connectionId: number, trx: Knex = db): Promise<number> {
      const deleted: Array<{ outbox_id: string }> = await trx('hr_outbox_deliveries')
        .where({ connection_id: connectionId, status: 'pending' })
        .delete()
        .returning('outbox_id');
      if (deleted.length === 0) return 0;
      await trx.raw(
        `UPDATE hr_outbox o SET settled_at = now()
          WHERE o.id = ANY(?::bigint[]) AND o.settled_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM hr_outbox_deliveries d WHERE d.outbox_id = o.id AND d.status = 'pending')`,
        [deleted.map((d) => d.outbox_id)],
      );
      return deleted.length;
    },

    /** Deliveries of a connection by status, with the oldest pending change's age (for status and doctor). */
    async backlog(connectionId: number): Promise<{ pending: number; held: number; done: number; oldestPendingAt: Date | null }> {
      const rows: Array<{ status: string; count: string; oldest: Date | null }> = await db('hr_outbox_deliveries as d')
        .join('hr_outbox as o', 'o.id', 'd.outbox_id')
        .where('d.connection_id', connectionId)
        .groupBy('d.status')
        .select('d.status', db.raw('count(*) as count'), db.raw('min(o.changed_at) as oldest'));
      const by = new Map(rows.map((r) => [r.status, r]));
      return {
        pending: Number(by.get('pending')?.count ?? 0),
        held: Number(by.get('held')?.count ?? 0),
        done: Number(by.get('done')?.count ?? 0),
        oldestPendingAt: by.get('pending')?.oldest ?? null,
      };
    },

    /** The held deliveries of a connection, newest first (what the next run has to decide). */
    async held(connectionId: number, limit = 100): Promise<Array<{ outboxId: number; employeeNumber: string; reason: string | null; runId: string | null }>> {
      const rows: Array<{ outbox_id: string; employee_number: string; reason: string | null; run_id: string | null }> = await db('hr_outbox_deliveries as d')
        .join('hr_outbox as o', 'o.id', 'd.outbox_id')
        .where({ 'd.connection_id': connectionId, 'd.status': 'held' })
        .orderBy('d.outbox_id', 'desc')
        .limit(limit)
        .select('d.outbox_id', 'o.employee_number', 'd.reason', 'd.run_id');
      return rows.map((r) => ({ outboxId: Number(r.outbox_id), employeeNumber: r.employee_number, reason: r.reason, runId: r.run_id }));
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
