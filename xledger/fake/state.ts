import { toXledgerDateTime } from '../client/formats';
import { SupplierDeltaLog } from './supplier-deltas';
import type { EmployeeDeltaRow, EmployeeRow, Seed, TableName, Tables } from './types';

export const DELTA_RETENTION_MS = 3 * 24 * 3_600_000;
const TABLE_NAMES: TableName[] = [
  'entities',
  'currencies',
  'countries',
  'systemValues',
  'contacts',
  'companies',
  'subledgers',
  'employees',
  'employeePositions',
  'objectKinds',
  'objectValues',
  'accounts',
  'assets',
  'absenceCodes',
  'absences',
  'products',
  'salesOrders',
  'invoiceBaseItems',
  'glImportItems',
  'taxTableSetups',
  'projects',
];
/** Rows without an owner: visible to every token. */
const GLOBAL_TABLES = new Set<TableName>(['entities', 'currencies', 'countries', 'systemValues', 'objectKinds']);

/** Rows kept in dbId order (cursor order) with an index by dbId. */
export class Table<T extends { dbId: number }> {
  rows: T[] = [];
  private readonly byId = new Map<number, T>();

  get size(): number {
    return this.rows.length;
  }
  get(dbId: number): T | undefined {
    return this.byId.get(dbId);
  }
  insert(row: T): T {
    if (this.byId.has(row.dbId)) throw new Error(`duplicate dbId ${row.dbId}`);
    const last = this.rows[this.rows.length - 1];
    this.rows.push(row);
    if (last && last.dbId > row.dbId) this.rows.sort((a, b) => a.dbId - b.dbId);
    this.byId.set(row.dbId, row);
    return row;
  }
  remove(dbId: number): boolean {
    if (!this.byId.delete(dbId)) return false;
    this.rows = this.rows.filter((r) => r.dbId !== dbId);
    return true;
  }
  clear(): void {
    this.rows = [];
    this.byId.clear();
  }
}

export type TableSet = { [K in TableName]: Table<Tables[K][number]> };

export class FakeState {
  readonly tables: TableSet;
  deltas: EmployeeDeltaRow[] = [];
  /** Deltas with seq ≤ this were dropped by retention. */
  deltasPrunedThrough = 0;
  /** supplier_deltas (master data). */
  readonly supplierDeltas: SupplierDeltaLog;
  private deltaSeq = 0;
  private nextId = 100_000;

  constructor(private readonly clock: () => number) {
    this.tables = Object.fromEntries(TABLE_NAMES.map((n) => [n, new Table()])) as unknown as TableSet;
    this.supplierDeltas = new SupplierDeltaLog(clock);
  }

  now(): number {
    return this.clock();
  }
  /** Current fake time as Xledger writes it. */
  timestamp(): string {
    return toXledgerDateTime(new Date(this.clock()));
  }
  allocId(): number {
    return this.nextId++;
  }
  isGlobal(table: TableName): boolean {
    return GLOBAL_TABLES.has(table);
  }

  recordDelta(row: EmployeeRow, mutationType: EmployeeDeltaRow['mutationType']): void {
    this.deltas.push({
      seq: ++this.deltaSeq,
      dbId: row.dbId,
      ownerDbId: row.ownerDbId,
      mutationType,
      atMs: this.clock(),
      modifiedAt: this.timestamp(),
    });
  }

  pruneDeltas(): void {
    const cutoff = this.clock() - DELTA_RETENTION_MS;
    let drop = 0;
    while (drop < this.deltas.length && this.deltas[drop]!.atMs < cutoff) drop++;
    if (drop > 0) {
      this.deltasPrunedThrough = this.deltas[drop - 1]!.seq;
      this.deltas = this.deltas.slice(drop);
    }
  }

  clear(): void {
    for (const n of TABLE_NAMES) this.tables[n].clear();
    this.deltas = [];
    this.deltaSeq = 0;
    this.deltasPrunedThrough = 0;
    this.supplierDeltas.clear();
    this.nextId = 100_000;
  }

  /** Replace all data with a seed. Rows get defaults for dbId, owner and timestamps. */
  load(seed: Seed): void {
    this.clear();
    const stamp = this.timestamp();
    const firstEntity = seed.entities?.[0]?.dbId ?? 1000;
    for (const n of TABLE_NAMES) {
      for (const r of seed[n] ?? []) if (typeof r.dbId === 'number') this.nextId = Math.max(this.nextId, r.dbId + 1);
    }
    for (const n of TABLE_NAMES) {
      const table = this.tables[n] as Table<{ dbId: number }>;
      for (const raw of seed[n] ?? []) {
        const row: Record<string, unknown> = { ...raw };
        if (typeof row.dbId !== 'number') row.dbId = this.allocId();
        if (!GLOBAL_TABLES.has(n) || n === 'currencies' || n === 'countries') {
          row.createdAt ??= stamp;
          row.modifiedAt ??= stamp;
        }
        if (!GLOBAL_TABLES.has(n)) row.ownerDbId ??= firstEntity;
        else if (n === 'currencies' || n === 'countries') row.ownerDbId ??= firstEntity;
        if (n === 'objectKinds') row.modifiedAt ??= stamp;
        table.insert(row as { dbId: number });
      }
    }
    for (const d of seed.employeeDeltas ?? []) {
      this.deltas.push({ ...d });
      this.deltaSeq = Math.max(this.deltaSeq, d.seq);
    }
  }

  /** All data as a seed (round-trips through load). */
  snapshot(): Seed {
    const out: Record<string, unknown> = {};
    for (const n of TABLE_NAMES) out[n] = this.tables[n].rows.map((r) => structuredClone(r));
    out.employeeDeltas = this.deltas.map((d) => ({ ...d }));
    return out as Seed;
  }

  counts(): Record<TableName, number> {
    return Object.fromEntries(TABLE_NAMES.map((n) => [n, this.tables[n].size])) as Record<TableName, number>;
  }
}
