import { toXledgerDateTime } from '../../xledger/client/formats';

/** The overlap an incremental read goes back by: Xledger's and our clocks may differ, and a save may land late. */
export const OVERLAP_MS = 15 * 60_000;
/** How long Xledger keeps deltas (`employee_deltas`, `supplier_deltas` …). */
export const DELTA_RETENTION_MS = 3 * 24 * 3_600_000;

/**
 * The `modifiedAt_gte` of the next incremental read, for a read that started at `readStartedAt`: 15 minutes earlier,
 * in Xledger's naive Oslo wall-clock format (DST included).
 */
export function nextSince(readStartedAt: Date): string {
  return toXledgerDateTime(new Date(readStartedAt.getTime() - OVERLAP_MS));
}
