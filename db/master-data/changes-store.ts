import type { Knex } from 'knex';
import type { MirrorChange, MirrorPart } from '../../domain/master-data/index';
import { chunk } from '../../domain/shared/collections';

/** The channel consumers LISTEN on; the payload is JSON (MasterDataNotice). */
export const MASTER_DATA_CHANNEL = 'xsync_master_data';

/** What a NOTIFY says: which connection and part changed, how much, and up to which change id to read. */
export interface MasterDataNotice {
  connection: string;
  part: MirrorPart;
  runId: string;
  added: number;
  updated: number;
  deleted: number;
  /** Read `md_changes` with id ≤ this (and > the last id you handled). */
  lastChangeId: number;
}

/**
 * `md_changes`, the change log consumers read, and its NOTIFY. Call `record` inside the transaction that writes the
 * mirror: Postgres delivers the notification when (and only if) that transaction commits.
 */
export function createChangesStore(db: Knex) {
  return {
    async record(connection: { id: number; name: string }, runId: string, part: MirrorPart, changes: readonly MirrorChange[]): Promise<void> {
      if (changes.length === 0) return;
      let lastChangeId = 0;
      for (const part of chunk(changes, 1_000)) {
        const ids: Array<{ id: string }> = await db('md_changes')
          .insert(
            part.map((c) => ({
              connection_id: connection.id,
              type: c.part,
              db_id: c.dbId,
              owner_db_id: c.ownerDbId,
              change: c.change,
              fields: c.fields ?? null,
              run_id: runId,
            })),
          )
          .returning('id');
        lastChangeId = Math.max(lastChangeId, ...ids.map((r) => Number(r.id)));
      }
      const notice: MasterDataNotice = {
        connection: connection.name,
        part,
        runId,
        added: changes.filter((c) => c.change === 'added').length,
        updated: changes.filter((c) => c.change === 'updated').length,
        deleted: changes.filter((c) => c.change === 'deleted').length,
        lastChangeId,
      };
      await db.raw('SELECT pg_notify(?, ?)', [MASTER_DATA_CHANNEL, JSON.stringify(notice)]);
    },

    /** The changes of a connection after a change id (what a consumer reads after a NOTIFY). */
    async since(connectionId: number, afterId: number, limit = 1_000) {
      const rows: Array<{ id: string; type: string; db_id: string; owner_db_id: string | null; change: string; fields: string[] | null; run_id: string }> =
        await db('md_changes')
          .where({ connection_id: connectionId })
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(limit)
          .select('id', 'type', 'db_id', 'owner_db_id', 'change', 'fields', 'run_id');
      return rows.map((r) => ({
        id: Number(r.id),
        type: r.type,
        dbId: Number(r.db_id),
        ownerDbId: r.owner_db_id === null ? null : Number(r.owner_db_id),
        change: r.change,
        fields: r.fields,
        runId: r.run_id,
      }));
    },
  };
}
