import type { FakeState } from './state';

/**
 * Master data in bulk for tests and the benchmark: suppliers, accounts and dimension values, spread over the owner
 * entity and its client entities (every `clientEvery`-th record on a client entity, in turn).
 */
export interface MasterDataVolume {
  suppliers?: number;
  accounts?: number;
  dimensionValues?: number;
  ownerDbId?: number;
  clientDbIds?: readonly number[];
  clientEvery?: number;
  /** Their createdAt/modifiedAt (naive Oslo time); default now. A past time keeps them out of a 15-minute overlap. */
  modifiedAt?: string;
}

export function generateMasterData(state: FakeState, v: MasterDataVolume): void {
  const owner = v.ownerDbId ?? state.tables.entities.rows[0]?.dbId ?? 1000;
  const clients = v.clientDbIds ?? [];
  const every = v.clientEvery ?? 10;
  const ownerOf = (i: number) => (clients.length > 0 && i % every === every - 1 ? clients[Math.floor(i / every) % clients.length]! : owner);
  const stamp = v.modifiedAt ?? state.timestamp();
  const stamped = (i: number) => ({ dbId: state.allocId(), ownerDbId: ownerOf(i), createdAt: stamp, modifiedAt: stamp });
  for (let i = 0; i < (v.suppliers ?? 0); i++) {
    state.tables.subledgers.insert({
      ...stamped(i),
      ledgerType: 'SUPPLIER',
      code: `GS-${String(i + 1).padStart(6, '0')}`,
      description: `Supplier ${i + 1} AS`,
      email: `invoice${i + 1}@supplier.example`,
      phone: null,
      bankAccount: null,
      companyDbId: null,
      currencyDbId: 11,
      address: { dbId: state.allocId(), streetAddress: `Gate ${i + 1}`, zipCode: '0150', place: 'Oslo', state: null, countryDbId: 21 },
      payTerms: '30D',
    });
  }
  for (let i = 0; i < (v.accounts ?? 0); i++) {
    state.tables.accounts.insert({
      ...stamped(i),
      code: String(10_000 + i),
      description: `Account ${10_000 + i}`,
      posting: true,
      balanceSheet: i % 2 === 0,
      revenue: i % 2 === 1,
      cost: false,
      vat: false,
    });
  }
  const kind = state.tables.objectKinds.rows.find((k) => k.name !== 'TAX_RULE')?.dbId ?? 41;
  for (let i = 0; i < (v.dimensionValues ?? 0); i++) {
    state.tables.objectValues.insert({
      ...stamped(i),
      objectKindDbId: kind,
      code: `D-${i + 1}`,
      description: `Dimension value ${i + 1}`,
      dateFrom: null,
      dateTo: null,
      posting: true,
      code2Name: null,
      text1: null,
      text2: null,
    });
  }
}

/** Deletes a supplier as Xledger would: the row goes, and supplier_deltas says DELETED. */
export function deleteSupplier(state: FakeState, dbId: number): void {
  const row = state.tables.subledgers.get(dbId);
  if (!row || row.ledgerType !== 'SUPPLIER') throw new Error(`no supplier ${dbId} in the fake`);
  state.tables.subledgers.remove(dbId);
  state.supplierDeltas.record(row, 'DELETED');
}

/** Edits some suppliers' descriptions as Xledger would (new modifiedAt, an UPDATED delta). */
export function touchSuppliers(state: FakeState, dbIds: readonly number[], suffix = ' (edited)'): void {
  const stamp = state.timestamp();
  for (const dbId of dbIds) {
    const row = state.tables.subledgers.get(dbId);
    if (!row) throw new Error(`no supplier ${dbId} in the fake`);
    row.description += suffix;
    row.modifiedAt = stamp;
    state.supplierDeltas.record(row, 'UPDATED');
  }
}
