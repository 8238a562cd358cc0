import {
  managerEmailResolver,
  mapAccount,
  mapCurrency,
  mapDimensionKind,
  mapDimensionValue,
  mapFixedAsset,
  mapProject,
  mapSupplier,
  mapVatCode,
  rateOn,
  ratesByTaxRule,
  taxRuleKindDbId,
  type MirrorPart,
  type MirrorRecord,
} from '../../domain/master-data/index';
import type { XledgerClient } from '../../xledger/index';
import { masterDataReads } from '../../xledger/client/master-data';
import type { ListOptions } from '../../xledger/client/paging';

/** One page of a part's read, mapped: records to mirror, dbIds Xledger said are deleted (deltas), and where to resume. */
export interface SourcePage {
  records: MirrorRecord[];
  deletedDbIds: number[];
  endCursor: string | undefined;
}

export interface SourceRead {
  mode: 'full' | 'modified-since' | 'deltas';
  since?: string;
  /** Resume after this cursor (a retried read, or the stored delta cursor). */
  after?: string;
  pageSize: number;
  /** Oslo date of the read, for the VAT rate in force. */
  today: string;
  projectManagers: boolean;
}

/** The token's entity and its client entities: the owner-entity rule is applied when reading the mirror, not here. */
const OWNER_SET = 'LOWER' as const;

function options<F>(read: SourceRead, filter?: F): ListOptions<F> {
  return {
    pageSize: read.pageSize,
    ownerSet: OWNER_SET,
    ...(filter ? { filter } : {}),
    ...(read.after ? { after: read.after } : {}),
  };
}

const modified = (read: SourceRead) => (read.mode === 'modified-since' && read.since ? { modifiedAt_gte: read.since } : undefined);

async function* mapped<N>(
  pages: AsyncGenerator<{ nodes: N[]; endCursor: string | undefined }>,
  map: (n: N) => MirrorRecord | undefined,
): AsyncGenerator<SourcePage> {
  for await (const p of pages) {
    const records: MirrorRecord[] = [];
    for (const n of p.nodes) {
      const r = map(n);
      if (r) records.push(r);
    }
    yield { records, deletedDbIds: [], endCursor: p.endCursor };
  }
}

/** The pages of one part's read from Xledger, mapped to mirror records (the I/O half of a read; the rest is pure). */
export function readPart(client: XledgerClient, part: MirrorPart, read: SourceRead): AsyncGenerator<SourcePage> {
  const md = masterDataReads(client);
  switch (part) {
    case 'suppliers':
      if (read.mode === 'deltas') return supplierDeltaPages(client, read);
      return mapped(md.suppliers.pages(options(read, modified(read))), mapSupplier);
    case 'accounts':
      return mapped(client.accounts.pages(options(read, modified(read))), mapAccount);
    case 'dimension-kinds':
      return mapped(client.objectKinds.pages({ pageSize: read.pageSize, ...(read.after ? { after: read.after } : {}) }), mapDimensionKind);
    case 'dimension-values':
      // TAX_RULE values are VAT codes (their own part).
      return mapped(client.objectValues.pages(options(read, modified(read))), (n) =>
        (n.objectKind?.name ?? '').toUpperCase() === 'TAX_RULE' ? undefined : mapDimensionValue(n),
      );
    case 'currencies':
      return mapped(client.currencies.pages(options(read)), mapCurrency);
    case 'vat-codes':
      return vatCodePages(client, read);
    case 'fixed-assets':
      return mapped(client.assets.pages(options(read)), mapFixedAsset);
    case 'projects':
      return projectPages(client, read);
  }
}

async function* supplierDeltaPages(client: XledgerClient, read: SourceRead): AsyncGenerator<SourcePage> {
  for await (const p of masterDataReads(client).supplierDeltas.pages(options(read))) {
    const records: MirrorRecord[] = [];
    const deletedDbIds: number[] = [];
    for (const n of p.nodes) {
      if (n.mutationType === 'DELETED') deletedDbIds.push(n.dbId);
      else records.push(mapSupplier(n));
    }
    yield { records, deletedDbIds, endCursor: p.endCursor };
  }
}

async function* vatCodePages(client: XledgerClient, read: SourceRead): AsyncGenerator<SourcePage> {
  const kinds = await client.objectKinds.all({ filter: { name: 'TAX_RULE' } });
  const kind = taxRuleKindDbId(kinds);
  if (kind === undefined) throw new Error('Xledger has no TAX_RULE object kind: VAT codes cannot be read (the codes differ per tenant)');
  const setups = [];
  for await (const p of masterDataReads(client).taxTableSetups.pages({ pageSize: read.pageSize, ownerSet: OWNER_SET })) setups.push(...p.nodes);
  const rates = ratesByTaxRule(setups);
  yield* mapped(client.objectValues.pages(options(read, { objectKindDbId: kind })), (n) => {
    const r = rates.get(n.dbId) ?? [];
    return mapVatCode(n, r, rateOn(r, read.today));
  });
}

async function* projectPages(client: XledgerClient, read: SourceRead): AsyncGenerator<SourcePage> {
  const employees = read.projectManagers ? await client.employees.basic.all({ pageSize: read.pageSize, ownerSet: OWNER_SET }) : [];
  const manager = managerEmailResolver(employees.map((e) => ({ dbId: e.dbId, email: e.email })));
  yield* mapped(masterDataReads(client).projects.pages(options(read)), (n) =>
    mapProject(n, read.projectManagers ? manager(n.projectManager?.dbId) : { email: null, issue: null }),
  );
}
