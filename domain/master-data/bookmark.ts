import { DELTA_RETENTION_MS } from '../shared/modified-since';
import type { ChangeTracking } from './catalog';

export { DELTA_RETENTION_MS, OVERLAP_MS, nextSince } from '../shared/modified-since';

/** A delta cursor this close to the retention is not trusted: a full read instead. */
const DELTA_SAFETY_MS = 3_600_000;

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
