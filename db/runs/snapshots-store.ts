import type { Knex } from 'knex';
import { insertPages } from './insert-pages';

/** `sync_run_snapshots`: what a run read from each side, staged in Postgres keyed by run, side and record key. */

export type SnapshotSide = 'hr' | 'xledger';

/** The staged Xledger employees' matching keys only (dbId, code, email), without the rest of their data. */
export interface XledgerMatchKeys {
  dbId: number;
  code: string | null;
  email: string | null;
}

export function createSnapshotsStore(db: Knex) {
  return {
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

    /** Deletes what a run read from both sides (it holds personal data). */
    async deleteRun(runId: string): Promise<void> {
      await db('sync_run_snapshots').where({ run_id: runId }).delete();
    },

    async readSnapshot<T>(runId: string, side: SnapshotSide): Promise<T[]> {
      const rows = await db('sync_run_snapshots').where({ run_id: runId, side }).orderBy('key').select('data');
      return rows.map((r: { data: T }) => r.data);
    },

    /** The keys staged on one side (HR: employee numbers as stored; Xledger: dbIds). */
    async keys(runId: string, side: SnapshotSide): Promise<string[]> {
      return db('sync_run_snapshots').where({ run_id: runId, side }).pluck('key');
    },

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
  };
}

export type SnapshotsStore = ReturnType<typeof createSnapshotsStore>;
