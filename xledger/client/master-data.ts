import { z } from 'zod';
import type { XledgerClient } from './client';
import type { Connection, ListVariables } from './operations';
import { list } from './operations';
import type { ListOptions, Page } from './paging';
import { paginate } from './paging';
import type { SubledgerFilter } from './inputs';
import * as S from './schemas';

/**
 * Every Xledger read of the master-data kind (issue #13): documents are constants, values travel as variables, pages
 * are at most 10,000 nodes (paging.ts checks), every answer is zod-checked. The shared lists (accounts, objectKinds,
 * objectValues, currencies, assets, employees) come from the client; this adds the ones with master-data selections.
 */

type Modified = { modifiedAt_gte?: string; modifiedAt_gt?: string };

export const MASTER_SUPPLIER_FIELDS = `dbId code description email phone bankAccount company { dbId companyNumber }
  currency { dbId code } payTerms { code name } address { ${S.ADDRESS_FIELDS} } createdAt modifiedAt ownerDbId`;
const supplierShape = {
  dbId: S.DbId,
  code: z.string().nullish(),
  description: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  bankAccount: z.string().nullish(),
  company: z.object({ dbId: S.DbId, companyNumber: z.string().nullish() }).nullish(),
  currency: z.object({ dbId: S.DbId, code: z.string().nullish() }).nullish(),
  payTerms: z.object({ code: z.string().nullish(), name: z.string().nullish() }).nullish(),
  address: S.Address.nullish(),
  createdAt: z.string().nullish(),
  modifiedAt: z.string().nullish(),
  ownerDbId: S.DbId.nullish(),
};
export const MasterSupplier = z.object(supplierShape);
export const SupplierDelta = z.object({ ...supplierShape, mutationType: z.enum(['ADDED', 'UPDATED', 'DELETED']) });

export const TAX_TABLE_SETUP_FIELDS = 'dbId objectValueDbId taxPercent dateFrom dateTo modifiedAt ownerDbId';
export const TaxTableSetup = z.object({
  dbId: S.DbId,
  objectValueDbId: S.DbId.nullish(),
  taxPercent: z.string().nullish(),
  dateFrom: z.string().nullish(),
  dateTo: z.string().nullish(),
  modifiedAt: z.string().nullish(),
  ownerDbId: S.DbId.nullish(),
});

export const PROJECT_FIELDS = 'dbId code description dateFrom dateTo projectManager { dbId } modifiedAt ownerDbId';
export const Project = z.object({
  dbId: S.DbId,
  code: z.string().nullish(),
  description: z.string().nullish(),
  dateFrom: z.string().nullish(),
  dateTo: z.string().nullish(),
  projectManager: z.object({ dbId: S.DbId }).nullish(),
  modifiedAt: z.string().nullish(),
  ownerDbId: S.DbId.nullish(),
});

export const MasterDataOps = {
  listSuppliers: list<typeof MasterSupplier, SubledgerFilter>({
    name: 'MasterDataSuppliers',
    root: 'suppliers',
    filterType: 'SubledgerFilter',
    node: MasterSupplier,
    fields: MASTER_SUPPLIER_FIELDS,
    area: 'Common Supplier',
  }),
  listSupplierDeltas: list<typeof SupplierDelta, Modified>({
    name: 'MasterDataSupplierDeltas',
    root: 'supplier_deltas',
    filterType: 'SupplierDeltaFilter',
    node: SupplierDelta,
    fields: `mutationType ${MASTER_SUPPLIER_FIELDS}`,
    area: 'Common Supplier',
  }),
  listTaxTableSetups: list<typeof TaxTableSetup, Modified & { objectValueDbId?: number }>({
    name: 'MasterDataTaxTableSetups',
    root: 'taxTableSetups',
    filterType: 'TaxTableSetupFilter',
    node: TaxTableSetup,
    fields: TAX_TABLE_SETUP_FIELDS,
    area: 'General Ledger',
  }),
  listProjects: list<typeof Project, Modified>({
    name: 'MasterDataProjects',
    root: 'projects',
    filterType: 'ProjectFilter',
    node: Project,
    fields: PROJECT_FIELDS,
    area: 'Common Object Value',
  }),
};

export type MasterSupplierNode = z.infer<typeof MasterSupplier>;
export type SupplierDeltaNode = z.infer<typeof SupplierDelta>;
export type TaxTableSetupNode = z.infer<typeof TaxTableSetup>;
export type ProjectNode = z.infer<typeof Project>;

/** The master-data reads on a client (its limiter, retries and transport). */
export function masterDataReads(client: XledgerClient) {
  function reader<N, F>(op: { name: string; parse(data: unknown): Connection<N> } & Parameters<XledgerClient['execute']>[0]) {
    const page = async (variables: ListVariables<F>) => (await client.execute(op, variables as Record<string, unknown>)) as Connection<N>;
    return {
      page,
      pages: (o?: ListOptions<F>): AsyncGenerator<Page<N>> => paginate<N, F>(op.name, page, o ?? {}),
    };
  }
  const deltas = reader<SupplierDeltaNode, Modified>(MasterDataOps.listSupplierDeltas);
  return {
    suppliers: reader<MasterSupplierNode, SubledgerFilter>(MasterDataOps.listSuppliers),
    supplierDeltas: {
      ...deltas,
      /** The newest delta's cursor (`last: 1`): taken before a full read, so deltas after it are read next time. */
      async latestCursor(ownerSet: ListOptions<Modified>['ownerSet']): Promise<string | undefined> {
        const c = await deltas.page({ last: 1, ...(ownerSet ? { ownerSet } : {}) });
        return c.edges?.[c.edges.length - 1]?.cursor;
      },
    },
    taxTableSetups: reader<TaxTableSetupNode, Modified>(MasterDataOps.listTaxTableSetups),
    projects: reader<ProjectNode, Modified>(MasterDataOps.listProjects),
  };
}

export type MasterDataReads = ReturnType<typeof masterDataReads>;
