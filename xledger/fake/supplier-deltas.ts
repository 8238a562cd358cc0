import { toXledgerDateTime } from '../client/formats';

export const SUPPLIER_DELTA_RETENTION_MS = 3 * 24 * 3_600_000;

export interface SupplierDeltaRow {
  seq: number;
  dbId: number;
  ownerDbId: number;
  mutationType: 'ADDED' | 'UPDATED' | 'DELETED';
  atMs: number;
  modifiedAt: string;
}

/**
 * `supplier_deltas`: one row per change, cursor = seq, kept 3 days (PB, SK). Delta nodes carry the full record
 * (PB, XW); a DELETED one only its dbId, owner and mutationType (assumed: the record is gone).
 */
export class SupplierDeltaLog {
  rows: SupplierDeltaRow[] = [];
  prunedThrough = 0;
  private seq = 0;

  constructor(private readonly clock: () => number) {}

  record(row: { dbId: number; ownerDbId: number }, mutationType: SupplierDeltaRow['mutationType']): void {
    const atMs = this.clock();
    this.rows.push({ seq: ++this.seq, dbId: row.dbId, ownerDbId: row.ownerDbId, mutationType, atMs, modifiedAt: toXledgerDateTime(new Date(atMs)) });
  }

  prune(): void {
    const cutoff = this.clock() - SUPPLIER_DELTA_RETENTION_MS;
    let drop = 0;
    while (drop < this.rows.length && this.rows[drop]!.atMs < cutoff) drop++;
    if (drop > 0) {
      this.prunedThrough = this.rows[drop - 1]!.seq;
      this.rows = this.rows.slice(drop);
    }
  }

  clear(): void {
    this.rows = [];
    this.prunedThrough = 0;
    this.seq = 0;
  }
}
