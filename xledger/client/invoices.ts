import { z } from 'zod';
import type { GlImportItemNode, InvoiceBaseItemNode, SalesOrderNode, ExportMutation } from '../../domain/invoices/xledger-mapping';
import type { XledgerClient } from './client';
import { XledgerError } from './errors';
import { fromXledgerDateTime } from './formats';
import type { BulkOperation, Connection, ListOperation, MutationEdge } from './operations';
import { bulk, list } from './operations';
import { MAX_PAGE_SIZE, paginate } from './paging';
import { DbId } from './schemas';

/**
 * Every read and write of the invoice export, in one module: which mutation each transfer method uses, the reads
 * back by our document key, the master-data lookups and the customer creation. Values only as GraphQL variables.
 */

const s = z.string().nullish();
const CodeNode = z.object({ dbId: DbId, code: s });
const KeyedNode = z.object({ dbId: DbId, key: s });
const RecentNode = z.object({ dbId: DbId, key: s, createdAt: s });

type CodeFilter = { code_in?: string[]; objectKindDbId?: number; name?: string };

const lookup = (name: string, root: string, filterType: string, area: Parameters<typeof list>[0]['area'], fields = 'dbId code', ownerSet = true) =>
  list<typeof CodeNode, CodeFilter>({ name, root, filterType, node: CodeNode, fields, area, ownerSet });

export const InvoiceOps = {
  accountsByCode: lookup('InvoiceAccountsByCode', 'accounts', 'AccountFilter', 'General Ledger'),
  currenciesByCode: lookup('InvoiceCurrenciesByCode', 'currencies', 'CurrencyFilter', 'Common Currency'),
  productsByCode: lookup('InvoiceProductsByCode', 'products', 'ProductFilter', 'Logistics Product'),
  objectValuesByCode: list<z.ZodObject<{ dbId: typeof DbId; code: typeof s; objectKindDbId: z.ZodOptional<z.ZodNullable<typeof DbId>> }>, CodeFilter>({
    name: 'InvoiceObjectValuesByCode',
    root: 'objectValues',
    filterType: 'ObjectValueFilter',
    node: z.object({ dbId: DbId, code: s, objectKindDbId: DbId.nullish() }),
    fields: 'dbId code objectKindDbId',
    area: 'Common Object Value',
  }),
  taxRuleKind: list<z.ZodObject<{ dbId: typeof DbId; name: typeof s }>, CodeFilter>({
    name: 'InvoiceTaxRuleKind',
    root: 'objectKinds',
    filterType: 'ObjectKindFilter',
    node: z.object({ dbId: DbId, name: s }),
    fields: 'dbId name',
    area: 'Common Object Value',
    ownerSet: false,
  }),
  customersByCode: lookup('InvoiceCustomersByCode', 'customers', 'SubledgerFilter', 'Common Subledger'),
  companiesByCode: lookup('InvoiceCompaniesByCode', 'companies', 'CompanyFilter', 'Common Company'),
  addCompanies: bulk<unknown, typeof CodeNode>({
    name: 'InvoiceAddCompanies',
    root: 'addCompanies',
    inputType: 'AddCompaniesInput',
    node: CodeNode,
    fields: 'dbId code',
    area: 'Common Company',
    idempotent: false,
  }),
  addCustomers: bulk<unknown, typeof CodeNode>({
    name: 'InvoiceAddCustomers',
    root: 'addCustomers',
    inputType: 'AddCustomersInput',
    node: CodeNode,
    fields: 'dbId code',
    area: 'Common Subledger',
    idempotent: false,
  }),
  addSalesOrderItems: bulk<SalesOrderNode, typeof KeyedNode>({
    name: 'InvoiceAddSalesOrders',
    root: 'addSalesOrderItems',
    inputType: 'AddSalesOrderItemsInput',
    node: KeyedNode,
    fields: 'dbId key: extOrder',
    area: 'Accounts Receivable',
    idempotent: false,
  }),
  addInvoiceBaseItems: bulk<InvoiceBaseItemNode, typeof KeyedNode>({
    name: 'InvoiceAddInvoiceBaseItems',
    root: 'addInvoiceBaseItems',
    inputType: 'AddInvoiceBaseItemsInput',
    node: KeyedNode,
    fields: 'dbId key: extIdentifier',
    area: 'Accounts Receivable',
    idempotent: false,
  }),
  addGLImportItems: bulk<GlImportItemNode, typeof KeyedNode>({
    name: 'InvoiceAddGLImportItems',
    root: 'addGLImportItems',
    inputType: 'AddGLImportItemsInput',
    node: KeyedNode,
    fields: 'dbId key: extIdentifier',
    area: 'General Ledger',
    idempotent: false,
  }),
  salesOrdersByKey: list<typeof KeyedNode, { extOrder_in: string[] }>({
    name: 'InvoiceSalesOrdersByKey',
    root: 'salesOrders',
    filterType: 'SalesOrderFilter',
    node: KeyedNode,
    fields: 'dbId key: extOrder',
    area: 'Accounts Receivable',
  }),
  invoiceBaseItemsByKey: list<typeof KeyedNode, { extIdentifier_in: string[] }>({
    name: 'InvoiceBaseItemsByKey',
    root: 'invoiceBaseItems',
    filterType: 'InvoiceBaseItemFilter',
    node: KeyedNode,
    fields: 'dbId key: extIdentifier',
    area: 'Accounts Receivable',
  }),
  glImportItemsByKey: list<typeof KeyedNode, { extIdentifier_in: string[] }>({
    name: 'InvoiceGLImportItemsByKey',
    root: 'glImportItems',
    filterType: 'GLImportItemFilter',
    node: KeyedNode,
    fields: 'dbId key: extIdentifier',
    area: 'General Ledger',
  }),
  // Without a filter: the newest items, for a read back when Xledger refuses the key filter.
  recentSalesOrders: list<typeof RecentNode, never>({
    name: 'InvoiceRecentSalesOrders',
    root: 'salesOrders',
    filterType: 'SalesOrderFilter',
    node: RecentNode,
    fields: 'dbId key: extOrder createdAt',
    area: 'Accounts Receivable',
  }),
  recentInvoiceBaseItems: list<typeof RecentNode, never>({
    name: 'InvoiceRecentInvoiceBaseItems',
    root: 'invoiceBaseItems',
    filterType: 'InvoiceBaseItemFilter',
    node: RecentNode,
    fields: 'dbId key: extIdentifier createdAt',
    area: 'Accounts Receivable',
  }),
  recentGLImportItems: list<typeof RecentNode, never>({
    name: 'InvoiceRecentGLImportItems',
    root: 'glImportItems',
    filterType: 'GLImportItemFilter',
    node: RecentNode,
    fields: 'dbId key: extIdentifier createdAt',
    area: 'General Ledger',
  }),
} as const;

/** Which mutation sends each kind of export, and how its documents are read back by our key. */
const BY_MUTATION: Record<
  ExportMutation,
  {
    add: BulkOperation<unknown, z.output<typeof KeyedNode>>;
    readBack: ListOperation<z.output<typeof KeyedNode>, unknown>;
    keyFilter: string;
    recent: ListOperation<z.output<typeof RecentNode>, never>;
  }
> = {
  'sales-orders': {
    add: InvoiceOps.addSalesOrderItems as never,
    readBack: InvoiceOps.salesOrdersByKey as never,
    keyFilter: 'extOrder_in',
    recent: InvoiceOps.recentSalesOrders,
  },
  'invoice-base-items': {
    add: InvoiceOps.addInvoiceBaseItems as never,
    readBack: InvoiceOps.invoiceBaseItemsByKey as never,
    keyFilter: 'extIdentifier_in',
    recent: InvoiceOps.recentInvoiceBaseItems,
  },
  'gl-import': {
    add: InvoiceOps.addGLImportItems as never,
    readBack: InvoiceOps.glImportItemsByKey as never,
    keyFilter: 'extIdentifier_in',
    recent: InvoiceOps.recentGLImportItems,
  },
};

/** Items per page of the fallback read back, newest first. */
const RECENT_PAGE = 500;
/**
 * How far before the oldest in-flight document's guard the fallback still reads: the guard is committed before the
 * request leaves, so anything older is not ours; the margin covers clock skew between Postgres and Xledger.
 */
const CLOCK_SKEW_MARGIN_MS = 10 * 60_000;

/** Codes in a filter's `_in` list per request (the filter's size limit is unknown: kept well below a page). */
const CODES_PER_REQUEST = 1_000;

export interface CustomerInput {
  code: string;
  name: string;
  companyNumber: string | null;
  email: string | null;
  address: { streetAddress: string | null; zipCode: string | null; place: string | null; countryCode: string | null } | null;
}

export function invoiceExportClient(x: XledgerClient) {
  /** The mutations whose key filter Xledger refused: read back by the newest items from then on. */
  const keyFilterRefused = new Set<ExportMutation>();
  async function all<N, F>(op: ListOperation<N, F>, filter: F): Promise<N[]> {
    const out: N[] = [];
    for await (const page of paginate<N, F>(op.name, (v) => x.execute(op as never, v as Record<string, unknown>) as Promise<never>, {
      pageSize: MAX_PAGE_SIZE,
      filter,
    }))
      out.push(...page.nodes);
    return out;
  }
  async function byCodes<N>(op: ListOperation<N, CodeFilter>, codes: readonly string[], extra: CodeFilter = {}): Promise<N[]> {
    const out: N[] = [];
    for (let i = 0; i < codes.length; i += CODES_PER_REQUEST) out.push(...(await all(op, { ...extra, code_in: codes.slice(i, i + CODES_PER_REQUEST) })));
    return out;
  }
  const codesOf = (nodes: ReadonlyArray<{ code?: string | null }>) => new Set(nodes.map((n) => n.code).filter((c): c is string => !!c));

  return {
    async knownAccounts(codes: readonly string[]): Promise<Set<string>> {
      return codes.length ? codesOf(await byCodes(InvoiceOps.accountsByCode, codes)) : new Set();
    },
    async knownProducts(codes: readonly string[]): Promise<Set<string>> {
      return codes.length ? codesOf(await byCodes(InvoiceOps.productsByCode, codes)) : new Set();
    },
    async knownCurrencies(codes: readonly string[]): Promise<Set<string>> {
      return codes.length ? codesOf(await byCodes(InvoiceOps.currenciesByCode, codes)) : new Set();
    },
    /** VAT codes (TAX_RULE object values) and dimension values (every other object kind) among the codes, in two reads. */
    async knownObjectValues(vatCodes: readonly string[], dimensions: readonly string[]): Promise<{ vatCodes: Set<string>; dimensions: Set<string> }> {
      const codes = [...new Set([...vatCodes, ...dimensions])];
      if (!codes.length) return { vatCodes: new Set(), dimensions: new Set() };
      const kinds = await all(InvoiceOps.taxRuleKind, { name: 'TAX_RULE' });
      const taxKind = kinds[0]?.dbId;
      const values = await byCodes(InvoiceOps.objectValuesByCode, codes);
      return {
        vatCodes: codesOf(values.filter((v) => v.objectKindDbId === taxKind && vatCodes.includes(v.code ?? ''))),
        dimensions: codesOf(values.filter((v) => v.objectKindDbId !== taxKind && dimensions.includes(v.code ?? ''))),
      };
    },
    async customersByCode(codes: readonly string[]): Promise<Map<string, number>> {
      const nodes = codes.length ? await byCodes(InvoiceOps.customersByCode, codes) : [];
      return new Map(nodes.map((n) => [n.code!, n.dbId]));
    },
    async companiesByCode(codes: readonly string[]): Promise<Map<string, number>> {
      const nodes = codes.length ? await byCodes(InvoiceOps.companiesByCode, codes) : [];
      return new Map(nodes.map((n) => [n.code!, n.dbId]));
    },
    /** One request per ≤ 500 companies; the company's code is the customer's number. */
    async addCompanies(customers: readonly CustomerInput[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (let i = 0; i < customers.length; i += 500) {
        const part = customers.slice(i, i + 500);
        const edges = (await x.execute(InvoiceOps.addCompanies as never, {
          inputs: part.map((c) => ({
            clientId: c.code,
            node: {
              code: c.code,
              description: c.name,
              ...(c.companyNumber ? { companyNumber: c.companyNumber } : {}),
              ...(c.email ? { email: c.email } : {}),
              ...(c.address ? { address: addressOf(c.address) } : {}),
            },
          })),
        })) as Array<MutationEdge<{ dbId: number; code?: string | null }>>;
        for (const e of edges) out.set(e.node.code ?? e.clientId!, e.node.dbId);
      }
      return out;
    },
    async addCustomers(customers: ReadonlyArray<CustomerInput & { companyDbId: number }>): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (let i = 0; i < customers.length; i += 500) {
        const part = customers.slice(i, i + 500);
        const edges = (await x.execute(InvoiceOps.addCustomers as never, {
          inputs: part.map((c) => ({
            clientId: c.code,
            node: {
              code: c.code,
              description: c.name,
              company: { dbId: c.companyDbId },
              ...(c.email ? { email: c.email } : {}),
              ...(c.address ? { address: addressOf(c.address) } : {}),
            },
          })),
        })) as Array<MutationEdge<{ dbId: number; code?: string | null }>>;
        for (const e of edges) out.set(e.node.code ?? e.clientId!, e.node.dbId);
      }
      return out;
    },
    /** One mutation request with these nodes (≤ 500; the caller batches whole documents). Returns clientId → dbId. */
    async send(mutation: ExportMutation, inputs: ReadonlyArray<{ clientId: string; node: unknown }>): Promise<Array<{ clientId: string; dbId: number }>> {
      if (inputs.length > 500) throw new RangeError(`${inputs.length} nodes in one request; Xledger takes at most 500`);
      const edges = (await x.execute(BY_MUTATION[mutation].add as never, { inputs })) as Array<MutationEdge<{ dbId: number }>>;
      if (edges.length !== inputs.length) throw new Error(`${mutation}: sent ${inputs.length} nodes, got ${edges.length} results`);
      return edges.map((e, i) => ({ clientId: e.clientId ?? inputs[i]!.clientId, dbId: e.node.dbId }));
    },
    /**
     * What of these documents is already in Xledger: key → the dbIds found (one read per 1,000 keys). `since` is
     * when the oldest of them was marked in flight. Whether Xledger filters by extOrder/extIdentifier is unknown:
     * when it refuses the filter (a GraphQL validation error naming the field), the newest items are read instead,
     * `last: 500` a page, back to `since`, and our keys matched in memory.
     */
    async readBack(mutation: ExportMutation, keys: readonly string[], since: Date): Promise<Map<string, number[]>> {
      const { readBack, keyFilter, recent } = BY_MUTATION[mutation];
      const found = new Map<string, number[]>();
      const add = (n: { key?: string | null; dbId: number }) => {
        if (n.key) found.set(n.key, [...(found.get(n.key) ?? []), n.dbId]);
      };
      if (!keyFilterRefused.has(mutation)) {
        try {
          for (let i = 0; i < keys.length; i += CODES_PER_REQUEST) {
            for (const n of await all(readBack, { [keyFilter]: keys.slice(i, i + CODES_PER_REQUEST) })) add(n);
          }
          return found;
        } catch (err) {
          if (!refusesField(err, keyFilter)) throw err;
          keyFilterRefused.add(mutation);
          found.clear();
        }
      }
      const wanted = new Set(keys);
      const floor = since.getTime() - CLOCK_SKEW_MARGIN_MS;
      for (let before: string | undefined; ;) {
        const page = (await x.execute(recent as never, { last: RECENT_PAGE, ...(before ? { before } : {}) })) as Connection<z.output<typeof RecentNode>>;
        const edges = page.edges ?? [];
        for (const e of edges) if (e.node.key && wanted.has(e.node.key)) add(e.node);
        const oldest = edges[0];
        if (!oldest || !page.pageInfo.hasPreviousPage || oldest.cursor === before) break;
        if (createdBefore(oldest.node.createdAt, floor)) break;
        before = oldest.cursor;
      }
      return found;
    },
  };
}

/** Xledger's createdAt (Oslo wall time) is before `floor`; an absent or unreadable one is not (read on). */
function createdBefore(createdAt: string | null | undefined, floor: number): boolean {
  if (!createdAt) return false;
  try {
    return fromXledgerDateTime(createdAt).getTime() < floor;
  } catch {
    return false;
  }
}

/** A GraphQL validation (or variable) error that names the filter field: Xledger cannot filter by it. */
function refusesField(err: unknown, field: string): boolean {
  const base = field.replace(/_in$/, '');
  return err instanceof XledgerError && err.kind === 'invalid-query' && new RegExp(`\\b${base}(_in)?\\b`).test(err.message);
}

function addressOf(a: NonNullable<CustomerInput['address']>) {
  return {
    ...(a.streetAddress ? { streetAddress: a.streetAddress } : {}),
    ...(a.zipCode ? { zipCode: a.zipCode } : {}),
    ...(a.place ? { place: a.place } : {}),
    ...(a.countryCode ? { country: { code: a.countryCode } } : {}),
  };
}

export type InvoiceExportClient = ReturnType<typeof invoiceExportClient>;
