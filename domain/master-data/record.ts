import type { MirrorPart } from './catalog';

/** A value of a mirror column: plain JSON (jsonb columns hold arrays or objects). */
export type FieldValue = string | number | boolean | null | readonly unknown[] | Readonly<Record<string, unknown>>;

/** One record as the mirror keeps it: the common columns plus the part's own (PART_SPECS[part].columns). */
export interface MirrorRecord {
  dbId: number;
  /** The entity it was created on (Xledger ownerDbId). */
  ownerDbId: number | null;
  code: string | null;
  description: string | null;
  /** Xledger's modifiedAt as sent: naive Oslo time. */
  modifiedAt: string | null;
  fields: Readonly<Record<string, FieldValue>>;
}

/** A mirror row as stored (for diffing): the record plus whether it is marked deleted. */
export interface StoredRecord extends MirrorRecord {
  deleted: boolean;
}

export type ChangeKind = 'added' | 'updated' | 'deleted';

export interface MirrorChange {
  part: MirrorPart;
  dbId: number;
  ownerDbId: number | null;
  change: ChangeKind;
  /** For updates: the columns that changed. */
  fields?: string[];
}

/** What one read of a part did. */
export interface PartCounts {
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

export const emptyPartCounts = (): PartCounts => ({ added: 0, updated: 0, deleted: 0, unchanged: 0 });

export function addPartCounts(into: PartCounts, more: PartCounts): PartCounts {
  into.added += more.added;
  into.updated += more.updated;
  into.deleted += more.deleted;
  into.unchanged += more.unchanged;
  return into;
}
