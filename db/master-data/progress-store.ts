import type { Knex } from 'knex';
import type { MirrorPart, PartCounts } from '../../domain/master-data/index';

/** A part's read in one run, page by page: where a retried activity resumes (`md_read_progress`). */
export interface ReadProgress {
  mode: 'full' | 'modified-since' | 'deltas';
  since: string | null;
  readStartedAt: Date;
  afterCursor: string | null;
  startDeltaCursor: string | null;
  pages: number;
  counts: PartCounts;
  deletedByDelta: number[];
  completed: boolean;
}

export function createProgressStore(db: Knex) {
  return {
    async get(runId: string, part: MirrorPart): Promise<ReadProgress | undefined> {
      const r = await db('md_read_progress').where({ run_id: runId, type: part }).first();
      if (!r) return undefined;
      return {
        mode: r.mode,
        since: r.since,
        readStartedAt: r.read_started_at,
        afterCursor: r.after_cursor,
        startDeltaCursor: r.start_delta_cursor,
        pages: r.pages,
        counts: r.counts,
        deletedByDelta: (r.deleted_by_delta as string[]).map(Number),
        completed: r.completed_at !== null,
      };
    },

    async begin(
      runId: string,
      part: MirrorPart,
      p: Pick<ReadProgress, 'mode' | 'since' | 'readStartedAt' | 'afterCursor' | 'startDeltaCursor' | 'counts'>,
    ): Promise<void> {
      await db('md_read_progress').insert({
        run_id: runId,
        type: part,
        mode: p.mode,
        since: p.since,
        read_started_at: p.readStartedAt,
        after_cursor: p.afterCursor,
        start_delta_cursor: p.startDeltaCursor,
        counts: JSON.stringify(p.counts),
      });
    },

    /** A page applied (in the page's transaction): resume after `afterCursor`. */
    async pageDone(runId: string, part: MirrorPart, p: { afterCursor: string | null; counts: PartCounts; deletedByDelta: readonly number[] }): Promise<void> {
      await db('md_read_progress')
        .where({ run_id: runId, type: part })
        .update({ after_cursor: p.afterCursor, counts: JSON.stringify(p.counts), pages: db.raw('pages + 1'), deleted_by_delta: p.deletedByDelta as number[] });
    },

    async complete(runId: string, part: MirrorPart, counts: PartCounts): Promise<void> {
      await db('md_read_progress')
        .where({ run_id: runId, type: part })
        .update({ completed_at: db.fn.now(), counts: JSON.stringify(counts) });
    },
  };
}
