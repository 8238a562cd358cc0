import type { Knex } from 'knex';
import { chunk } from '../../domain/shared/collections';
import type { FieldValue, MirrorChange, MirrorRecord, PartSpec, StoredRecord } from '../../domain/master-data/index';

/** A mirror row as consumers and `xsync masterdata list` see it. */
export interface MirrorRow {
  dbId: number;
  ownerDbId: number | null;
  code: string | null;
  description: string | null;
  modifiedAt: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAt: Date | null;
  fields: Record<string, FieldValue>;
}

const COMMON = ['db_id', 'owner_db_id', 'code', 'description', 'modified_at', 'deleted_at'] as const;
const WRITE_CHUNK = 1_000;

const toNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function fieldsOf(spec: PartSpec, row: Record<string, unknown>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [column, type] of Object.entries(spec.columns)) out[column] = (type === 'bigint' ? toNumber(row[column]) : (row[column] ?? null)) as FieldValue;
  return out;
}

function toDbRow(spec: PartSpec, connectionId: number, runId: string, r: MirrorRecord): Record<string, unknown> {
  const row: Record<string, unknown> = {
    connection_id: connectionId,
    db_id: r.dbId,
    owner_db_id: r.ownerDbId,
    code: r.code,
    description: r.description,
    modified_at: r.modifiedAt,
    last_seen_run_id: runId,
  };
  for (const [column, type] of Object.entries(spec.columns)) {
    const value = r.fields[column] ?? null;
    row[column] = type === 'jsonb' ? JSON.stringify(value ?? []) : value;
  }
  return row;
}

/**
 * The mirror tables (`md_suppliers`, `md_accounts` … one per part, PART_SPECS says which): the same SQL for each,
 * on the part's own columns. Pass a transaction to read or write inside it.
 */
export function createMirrorStore(db: Knex) {
  return {
    /** The stored rows of some dbIds (deleted ones too), for diffing a page. */
    async byDbIds(connectionId: number, spec: PartSpec, dbIds: readonly number[]): Promise<Map<number, StoredRecord>> {
      const out = new Map<number, StoredRecord>();
      if (dbIds.length === 0) return out;
      const rows: Array<Record<string, unknown>> = await db(spec.table)
        .where({ connection_id: connectionId })
        .whereRaw('db_id = ANY(?::bigint[])', [dbIds as number[]])
        .select([...COMMON, ...Object.keys(spec.columns)]);
      for (const row of rows) {
        const dbId = Number(row.db_id);
        out.set(dbId, {
          dbId,
          ownerDbId: toNumber(row.owner_db_id),
          code: (row.code as string | null) ?? null,
          description: (row.description as string | null) ?? null,
          modifiedAt: (row.modified_at as string | null) ?? null,
          fields: fieldsOf(spec, row),
          deleted: row.deleted_at !== null,
        });
      }
      return out;
    },

    /** Writes added and updated records (a record back after a deletion loses its deleted_at; first_seen stays). */
    async upsert(connectionId: number, runId: string, spec: PartSpec, records: readonly MirrorRecord[]): Promise<void> {
      const merge = ['owner_db_id', 'code', 'description', 'modified_at', 'last_seen_run_id', ...Object.keys(spec.columns)];
      for (const part of chunk(records, WRITE_CHUNK)) {
        await db(spec.table)
          .insert(part.map((r) => toDbRow(spec, connectionId, runId, r)))
          .onConflict(['connection_id', 'db_id'])
          .merge({
            ...Object.fromEntries(merge.map((c) => [c, db.raw('EXCLUDED.??', [c])])),
            last_seen_at: db.fn.now(),
            changed_at: db.fn.now(),
            deleted_at: null,
          });
      }
    },

    /** Records read again unchanged: they were seen by this run (a full read's deletions rest on this). */
    async touch(connectionId: number, runId: string, spec: PartSpec, records: readonly MirrorRecord[]): Promise<void> {
      for (const part of chunk(records, 5_000)) {
        await db.raw(
          `UPDATE ?? AS m SET last_seen_at = now(), last_seen_run_id = ?, modified_at = t.modified_at
             FROM unnest(?::bigint[], ?::text[]) AS t(db_id, modified_at)
            WHERE m.connection_id = ? AND m.db_id = t.db_id`,
          [spec.table, runId, part.map((r) => r.dbId), part.map((r) => r.modifiedAt) as string[], connectionId],
        );
      }
    },

    /**
     * After a complete full read: every live row this run did not see is marked deleted. Returns what was marked.
     * Only ever called once a full read has ended well (a failed or partial read deletes nothing).
     */
    async markUnseenDeleted(connectionId: number, runId: string, spec: PartSpec): Promise<MirrorChange[]> {
      const rows: Array<{ db_id: string; owner_db_id: string | null }> = await db(spec.table)
        .where({ connection_id: connectionId })
        .whereNull('deleted_at')
        .where((q) => q.whereNull('last_seen_run_id').orWhereNot('last_seen_run_id', runId))
        .update({ deleted_at: db.fn.now(), changed_at: db.fn.now() })
        .returning(['db_id', 'owner_db_id']);
      return rows.map((r) => ({ part: spec.part, dbId: Number(r.db_id), ownerDbId: toNumber(r.owner_db_id), change: 'deleted' as const }));
    },

    /** Marks some records deleted (deltas that said DELETED, applied once the delta read is complete). */
    async markDeleted(connectionId: number, spec: PartSpec, dbIds: readonly number[]): Promise<MirrorChange[]> {
      if (dbIds.length === 0) return [];
      const rows: Array<{ db_id: string; owner_db_id: string | null }> = await db(spec.table)
        .where({ connection_id: connectionId })
        .whereNull('deleted_at')
        .whereRaw('db_id = ANY(?::bigint[])', [dbIds as number[]])
        .update({ deleted_at: db.fn.now(), changed_at: db.fn.now() })
        .returning(['db_id', 'owner_db_id']);
      return rows.map((r) => ({ part: spec.part, dbId: Number(r.db_id), ownerDbId: toNumber(r.owner_db_id), change: 'deleted' as const }));
    },

    /**
     * What an application sees: live rows (deleted ones with `includeDeleted`), only those of `owners` when given (the
     * owner-entity rule: domain/master-data/visibility.ts), matching `search` in code or description, by code.
     */
    async list(
      connectionId: number,
      spec: PartSpec,
      o: { owners?: readonly number[]; search?: string; includeDeleted?: boolean; limit?: number } = {},
    ): Promise<MirrorRow[]> {
      const q = db(spec.table).where({ connection_id: connectionId });
      if (!o.includeDeleted) q.whereNull('deleted_at');
      // Object kinds belong to no entity: every client sees them.
      if (o.owners) q.where((w) => w.whereRaw('owner_db_id = ANY(?::bigint[])', [o.owners as number[]]).orWhereNull('owner_db_id'));
      if (o.search) {
        const like = `%${o.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q.where((w) => w.whereILike('code', like).orWhereILike('description', like));
      }
      const rows: Array<Record<string, unknown>> = await q
        .orderBy([{ column: 'code' }, { column: 'db_id' }])
        .limit(o.limit ?? 1_000)
        .select('*');
      return rows.map((row) => ({
        dbId: Number(row.db_id),
        ownerDbId: toNumber(row.owner_db_id),
        code: (row.code as string | null) ?? null,
        description: (row.description as string | null) ?? null,
        modifiedAt: (row.modified_at as string | null) ?? null,
        firstSeenAt: row.first_seen_at as Date,
        lastSeenAt: row.last_seen_at as Date,
        deletedAt: (row.deleted_at as Date | null) ?? null,
        fields: fieldsOf(spec, row),
      }));
    },

    async liveCount(connectionId: number, spec: PartSpec): Promise<number> {
      const [row] = await db(spec.table).where({ connection_id: connectionId }).whereNull('deleted_at').count<{ count: string }[]>('* as count');
      return Number(row?.count ?? 0);
    },
  };
}

export type MirrorStore = ReturnType<typeof createMirrorStore>;
