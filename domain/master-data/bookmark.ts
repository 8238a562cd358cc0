import { toXledgerDateTime } from '../../xledger/client/formats';
import type { ChangeTracking } from './catalog';

/** The overlap an incremental read goes back by: Xledger's and our clocks may differ, and a save may land late. */
export const OVERLAP_MS = 15 * 60_000;
/** How long Xledger keeps deltas. */
export const DELTA_RETENTION_MS = 3 * 24 * 3_600_000;
/** A delta cursor this close to the retention is not trusted: a full read instead. */
const DELTA_SAFETY_MS = 3_600_000;

/**
 * The `modifiedAt_gte` of the next incremental read, for a read that started at `readStartedAt`: 15 minutes earlier,
 * in Xledger's naive Oslo wall-clock format (DST included).
 */
export function nextSince(readStartedAt: Date): string {
  return toXledgerDateTime(new Date(readStartedAt.getTime() - OVERLAP_MS));
}

export interface PartState {
  since: string | null;
  deltaCursor: string | null;
  deltaCursorAt: Date | null;
  lastFullReadAt: Date | null;
}

export type ReadPlan = { mode: 'full'; reason: string } | { mode: 'modified-since'; since: string } | { mode: 'deltas'; after: string };

/**
 * How to read a part now: a full read when asked, when the part has no change tracking, when there is no bookmark yet,
 * when the last full read is older than `fullEveryMs` (deletions are only seen by full reads), or when the delta
 * cursor is near Xledger's 3-day retention; otherwise incrementally from the bookmark.
 */
export function planRead(tracking: ChangeTracking, state: PartState | undefined, o: { full: boolean; now: Date; fullEveryMs: number }): ReadPlan {
  if (o.full) return { mode: 'full', reason: 'asked for' };
  if (tracking === 'full') return { mode: 'full', reason: 'no change tracking' };
  if (!state?.lastFullReadAt) return { mode: 'full', reason: 'first read' };
  if (o.now.getTime() - state.lastFullReadAt.getTime() >= o.fullEveryMs) return { mode: 'full', reason: 'periodic full read (deletions)' };
  if (tracking === 'deltas' && state.deltaCursor) {
    if (state.deltaCursorAt && o.now.getTime() - state.deltaCursorAt.getTime() < DELTA_RETENTION_MS - DELTA_SAFETY_MS) {
      return { mode: 'deltas', after: state.deltaCursor };
    }
    return { mode: 'full', reason: 'delta cursor older than the 3-day retention' };
  }
  // No delta cursor (Xledger had no deltas when the last full read began): modifiedAt_gte instead.
  if (!state.since) return { mode: 'full', reason: 'no bookmark' };
  return { mode: 'modified-since', since: state.since };
}
