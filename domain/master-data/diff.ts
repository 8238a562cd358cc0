import type { MirrorPart } from './catalog';
import { emptyPartCounts, type MirrorChange, type MirrorRecord, type PartCounts, type StoredRecord } from './record';

export type RecordDiff = { change: 'added' } | { change: 'updated'; fields: string[] } | { change: 'unchanged' };

/** The columns whose change is a change for consumers. modifiedAt alone is not: Xledger stamps it for edits the mirror does not keep. */
function changedColumns(incoming: MirrorRecord, stored: MirrorRecord): string[] {
  const out: string[] = [];
  if (incoming.ownerDbId !== stored.ownerDbId) out.push('owner_db_id');
  if (incoming.code !== stored.code) out.push('code');
  if (incoming.description !== stored.description) out.push('description');
  for (const [column, value] of Object.entries(incoming.fields)) {
    if (!sameValue(value, stored.fields[column] ?? null)) out.push(column);
  }
  return out;
}

/** Equal as JSON values, whatever the order of object keys (jsonb keeps keys in its own order). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => k in b && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A record read from Xledger against its mirror row: new (or back after a deletion), changed in named columns, or the same. */
export function diffRecord(incoming: MirrorRecord, stored: StoredRecord | undefined): RecordDiff {
  if (!stored || stored.deleted) return { change: 'added' };
  const fields = changedColumns(incoming, stored);
  return fields.length > 0 ? { change: 'updated', fields } : { change: 'unchanged' };
}

export interface PageDiff {
  /** Records to write (added or updated). */
  upserts: MirrorRecord[];
  /** Records read but unchanged (only their last-seen moves). */
  unchanged: MirrorRecord[];
  changes: MirrorChange[];
  counts: PartCounts;
}

/**
 * One page of records against the mirror rows of the same dbIds. A dbId twice in a page (deltas) counts once, with its
 * last version.
 */
export function diffPage(part: MirrorPart, records: readonly MirrorRecord[], stored: ReadonlyMap<number, StoredRecord>): PageDiff {
  const latest = new Map<number, MirrorRecord>();
  for (const r of records) latest.set(r.dbId, r);
  const out: PageDiff = { upserts: [], unchanged: [], changes: [], counts: emptyPartCounts() };
  for (const record of latest.values()) {
    const d = diffRecord(record, stored.get(record.dbId));
    if (d.change === 'unchanged') {
      out.unchanged.push(record);
      out.counts.unchanged++;
      continue;
    }
    out.upserts.push(record);
    out.counts[d.change]++;
    out.changes.push({
      part,
      dbId: record.dbId,
      ownerDbId: record.ownerDbId,
      change: d.change,
      ...(d.change === 'updated' ? { fields: d.fields } : {}),
    });
  }
  return out;
}
