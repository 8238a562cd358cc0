import type { Knex } from 'knex';
import type { MirrorPart, PartCounts, PartState } from '../../domain/master-data/index';

/** Per connection and part: the bookmark and the last read's outcome, as `xsync masterdata status` shows them. */
export interface PartStatus extends PartState {
  part: MirrorPart;
  lastRunId: string | null;
  lastStatus: 'OK' | 'FAILED' | 'RUNNING' | null;
  lastMode: string | null;
  lastCounts: PartCounts | null;
  lastError: string | null;
  lastReadAt: Date | null;
  lastOkAt: Date | null;
}

interface Row {
  type: string;
  since: string | null;
  delta_cursor: string | null;
  delta_cursor_at: Date | null;
  last_full_read_at: Date | null;
  last_run_id: string | null;
  last_status: PartStatus['lastStatus'];
  last_mode: string | null;
  last_counts: PartCounts | null;
  last_error: string | null;
  last_read_at: Date | null;
  last_ok_at: Date | null;
}

const toStatus = (r: Row): PartStatus => ({
  part: r.type as MirrorPart,
  since: r.since,
  deltaCursor: r.delta_cursor,
  deltaCursorAt: r.delta_cursor_at,
  lastFullReadAt: r.last_full_read_at,
  lastRunId: r.last_run_id,
  lastStatus: r.last_status,
  lastMode: r.last_mode,
  lastCounts: r.last_counts,
  lastError: r.last_error,
  lastReadAt: r.last_read_at,
  lastOkAt: r.last_ok_at,
});

/** `md_type_state` (pass a transaction to write inside it). */
export function createPartStateStore(db: Knex) {
  const upsert = (connectionId: number, part: MirrorPart, values: Record<string, unknown>) =>
    db('md_type_state')
      .insert({ connection_id: connectionId, type: part, ...values })
      .onConflict(['connection_id', 'type'])
      .merge(Object.keys(values));

  return {
    async get(connectionId: number, part: MirrorPart): Promise<PartStatus | undefined> {
      const row: Row | undefined = await db('md_type_state').where({ connection_id: connectionId, type: part }).first();
      return row ? toStatus(row) : undefined;
    },

    async all(connectionId: number): Promise<PartStatus[]> {
      const rows: Row[] = await db('md_type_state').where({ connection_id: connectionId }).orderBy('type');
      return rows.map(toStatus);
    },

    async started(connectionId: number, part: MirrorPart, runId: string, mode: string): Promise<void> {
      await upsert(connectionId, part, { last_run_id: runId, last_status: 'RUNNING', last_mode: mode, last_error: null, last_read_at: db.fn.now() });
    },

    /** A complete read: the new bookmark (and delta cursor, full-read time) with the counts, in the read's last transaction. */
    async succeeded(
      connectionId: number,
      part: MirrorPart,
      o: { runId: string; mode: string; counts: PartCounts; since: string; full: boolean; deltaCursor?: string | null; deltaCursorAt?: Date | null },
    ): Promise<void> {
      await upsert(connectionId, part, {
        last_run_id: o.runId,
        last_status: 'OK',
        last_mode: o.mode,
        last_counts: JSON.stringify(o.counts),
        last_error: null,
        last_ok_at: db.fn.now(),
        since: o.since,
        ...(o.full ? { last_full_read_at: db.fn.now() } : {}),
        ...(o.deltaCursor !== undefined ? { delta_cursor: o.deltaCursor, delta_cursor_at: o.deltaCursorAt ?? null } : {}),
      });
    },

    /** A read that failed: the bookmark stays where it was (the next read starts from it again). */
    async failed(connectionId: number, part: MirrorPart, o: { runId: string; counts: PartCounts; error: string }): Promise<void> {
      await upsert(connectionId, part, { last_run_id: o.runId, last_status: 'FAILED', last_counts: JSON.stringify(o.counts), last_error: o.error });
    },
  };
}
