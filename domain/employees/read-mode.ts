import { DELTA_RETENTION_MS, OVERLAP_MS, nextSince } from '../shared/modified-since';

/**
 * What an incremental employee run reads can cover: Xledger keeps `employee_deltas` for 3 days, and a bookmark within
 * an hour of that is not trusted (the run itself takes time, and clocks differ).
 */
export const INCREMENTAL_COVER_MS = DELTA_RETENTION_MS - 3_600_000;

/** The last successful run's bookmark of a connection's employee runs. */
export interface EmployeeBookmark {
  /** When that run began reading (both sides): the next incremental read starts from here, less the overlap. */
  readStartedAt: Date;
  /** When the last full run began reading: a full run is due `fullEveryMs` later. */
  lastFullReadAt: Date;
}

export type FullRunReason = 'asked' | 'no-bookmark' | 'stale-bookmark' | 'cadence';

export type EmployeeReadMode =
  | { mode: 'full'; reason: FullRunReason; why: string }
  | {
      mode: 'incremental';
      /** Xledger's `modifiedAt_gte`: naive Oslo wall-clock time, 15 minutes before the bookmark. */
      xledgerSince: string;
      /** HR changes (outbox rows, `updated_at`) from this instant on: the same 15-minute overlap. */
      hrSince: Date;
      why: string;
    };

/**
 * Full or incremental, and why (shown in `sync status`, the email and Temporal UI). Full when asked for (`--full`),
 * when there is no bookmark yet, when the bookmark is older than incremental reads cover, and on the connection's
 * cadence (`employees.fullRunEvery`: only a full read sees drift and deletions); otherwise only what changed.
 */
export function planEmployeeRead(o: { full: boolean; bookmark: EmployeeBookmark | null; now: Date; fullEveryMs: number }): EmployeeReadMode {
  if (o.full) return { mode: 'full', reason: 'asked', why: 'full run asked for (--full)' };
  const { bookmark } = o;
  if (!bookmark) return { mode: 'full', reason: 'no-bookmark', why: 'no earlier successful run to read changes from' };
  const age = o.now.getTime() - bookmark.readStartedAt.getTime();
  if (age >= INCREMENTAL_COVER_MS) {
    return { mode: 'full', reason: 'stale-bookmark', why: `last successful run read ${hoursText(age)} ago, more than incremental reads cover` };
  }
  if (o.now.getTime() - bookmark.lastFullReadAt.getTime() >= o.fullEveryMs) {
    return { mode: 'full', reason: 'cadence', why: `periodic full run (every ${hoursText(o.fullEveryMs)}: drift and deletions)` };
  }
  const xledgerSince = nextSince(bookmark.readStartedAt);
  return {
    mode: 'incremental',
    xledgerSince,
    hrSince: new Date(bookmark.readStartedAt.getTime() - OVERLAP_MS),
    why: `changes since ${xledgerSince} (Oslo time)`,
  };
}

/** "5 h", "3 days", "3 days 2 h": ages and cadences as people read them. */
function hoursText(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 48) return `${hours} h`;
  const days = `${Math.floor(hours / 24)} days`;
  return hours % 24 === 0 ? days : `${days} ${hours % 24} h`;
}
