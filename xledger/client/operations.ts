import { z } from 'zod';
import type { Access, ScopeArea } from '../scopes';
import type * as I from './inputs';
import * as S from './schemas';

/**
 * Every GraphQL document the client sends. Values always travel as variables; only these constant
 * strings are ever sent as query text.
 */

export interface Connection<N> {
  edges: Array<{ cursor: string; node: N }> | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
}

export interface MutationEdge<N> {
  clientId?: string | null;
  node: N;
}

interface OperationBase {
  /** GraphQL operation name (also the name in the fake's stats). */
  name: string;
  kind: 'query' | 'mutation';
  /** Root field selected by the document. */
  root: string;
  document: string;
  /** The token scope this document needs; null when any valid token may run it. */
  scope: { area: ScopeArea; access: Access } | null;
  /** Safe to re-send after an ambiguous failure (reads, updates, removes). */
  idempotent: boolean;
}

export interface ListOperation<N, F> extends OperationBase {
  type: 'list';
  parse(data: unknown): Connection<N>;
  /** Phantom for the filter type. */
  readonly _filter?: F;
}

export interface BulkOperation<I, N> extends OperationBase {
  type: 'bulk';
  parse(data: unknown): Array<MutationEdge<N>>;
  readonly _input?: I;
}

export interface RemoveOperation extends OperationBase {
  type: 'remove';
  parse(data: unknown): S.RemoveResult;
}

export type AnyOperation = ListOperation<unknown, unknown> | BulkOperation<unknown, unknown> | RemoveOperation;

export interface ListVariables<F> {
  first?: number;
  last?: number;
  after?: string;
  before?: string;
  filter?: F;
  ownerSet?: string;
  objectStatus?: string;
}

function parseRoot<T extends z.ZodTypeAny>(root: string, schema: T, data: unknown): z.output<T> {
  return z.object({ [root]: schema }).parse(data)[root] as z.output<T>;
}

export function list<N extends z.ZodTypeAny, F>(o: {
  name: string;
  root: string;
  filterType: string;
  node: N;
  fields: string;
  area: ScopeArea | null;
  ownerSet?: boolean;
  objectStatus?: boolean;
}): ListOperation<z.output<N>, F> {
  const vars = ['$first: Int', '$last: Int', '$after: String', '$before: String', `$filter: ${o.filterType}`];
  const args = ['first: $first', 'last: $last', 'after: $after', 'before: $before', 'filter: $filter'];
  if (o.ownerSet !== false) {
    vars.push('$ownerSet: OwnerSet');
    args.push('ownerSet: $ownerSet');
  }
  if (o.objectStatus) {
    vars.push('$objectStatus: ObjectStatus');
    args.push('objectStatus: $objectStatus');
  }
  const document = `query ${o.name}(${vars.join(', ')}) {
  ${o.root}(${args.join(', ')}) {
    edges { cursor node { ${o.fields} } }
    pageInfo { hasNextPage hasPreviousPage }
  }
}`;
  // A missing connection (null) is read as empty.
  const schema = S.connectionOf(o.node)
    .nullable()
    .transform((c) => c ?? { edges: null, pageInfo: { hasNextPage: false, hasPreviousPage: false } });
  return {
    type: 'list',
    kind: 'query',
    name: o.name,
    root: o.root,
    document,
    scope: o.area ? { area: o.area, access: 'read' } : null,
    idempotent: true,
    parse: (data) => parseRoot(o.root, schema, data) as Connection<z.output<N>>,
  };
}

function bulk<I, N extends z.ZodTypeAny>(o: {
  name: string;
  root: string;
  inputType: string;
  node: N;
  fields: string;
  area: ScopeArea;
  idempotent: boolean;
}): BulkOperation<I, z.output<N>> {
  const document = `mutation ${o.name}($inputs: [${o.inputType}!]!) {
  ${o.root}(inputs: $inputs) {
    edges { clientId node { ${o.fields} } }
  }
}`;
  const schema = S.mutationPayloadOf(o.node).nullable();
  return {
    type: 'bulk',
    kind: 'mutation',
    name: o.name,
    root: o.root,
    document,
    scope: { area: o.area, access: 'write' },
    idempotent: o.idempotent,
    parse: (data) => (parseRoot(o.root, schema, data)?.edges ?? []) as Array<MutationEdge<z.output<N>>>,
  };
}

function remove(o: { name: string; root: string; area: ScopeArea }): RemoveOperation {
  return {
    type: 'remove',
    kind: 'mutation',
    name: o.name,
    root: o.root,
    document: `mutation ${o.name}($dbIds: [Int64String!]!) {
  ${o.root}(dbIds: $dbIds) { numAffected skippedDbIds }
}`,
    scope: { area: o.area, access: 'write' },
    idempotent: true,
    parse: (data) => parseRoot(o.root, S.RemoveResult, data),
  };
}

export const Ops = {
  listEntities: list<typeof S.Entity, I.EntityFilter>({
    name: 'ListEntities',
    root: 'entities',
    filterType: 'EntityFilter',
    node: S.Entity,
    fields: S.ENTITY_FIELDS,
    area: null,
    ownerSet: false,
  }),
  listCurrencies: list<typeof S.Currency, I.CurrencyFilter>({
    name: 'ListCurrencies',
    root: 'currencies',
    filterType: 'CurrencyFilter',
    node: S.Currency,
    fields: S.CURRENCY_FIELDS,
    area: 'Common Currency',
    objectStatus: true,
  }),
  listCountries: list<typeof S.Country, I.CountryFilter>({
    name: 'ListCountries',
    root: 'countries',
    filterType: 'CountryFilter',
    node: S.Country,
    fields: S.COUNTRY_FIELDS,
    area: 'Common Country',
    objectStatus: true,
  }),
  listContacts: list<typeof S.Contact, I.ContactFilter>({
    name: 'ListContacts',
    root: 'contacts',
    filterType: 'ContactFilter',
    node: S.Contact,
    fields: S.CONTACT_FIELDS,
    area: 'Common Contact',
    objectStatus: true,
  }),
  listCompanies: list<typeof S.Company, I.CompanyFilter>({
    name: 'ListCompanies',
    root: 'companies',
    filterType: 'CompanyFilter',
    node: S.Company,
    fields: S.COMPANY_FIELDS,
    area: 'Common Company',
    objectStatus: true,
  }),
  listSubledgers: list<typeof S.Subledger, I.SubledgerFilter>({
    name: 'ListSubledgers',
    root: 'subledgers',
    filterType: 'SubledgerFilter',
    node: S.Subledger,
    fields: S.SUBLEDGER_FIELDS,
    area: 'Common Subledger',
    objectStatus: true,
  }),
  listSuppliers: list<typeof S.Subledger, I.SubledgerFilter>({
    name: 'ListSuppliers',
    root: 'suppliers',
    filterType: 'SubledgerFilter',
    node: S.Subledger,
    fields: S.SUBLEDGER_FIELDS,
    area: 'Common Supplier',
    objectStatus: true,
  }),
  listEmployees: list<typeof S.Employee, I.EmployeeFilter>({
    name: 'ListEmployees',
    root: 'employees',
    filterType: 'EmployeeFilter',
    node: S.Employee,
    fields: S.EMPLOYEE_FIELDS,
    area: 'Human Resources Employee',
    objectStatus: true,
  }),
  /** Employees without contact/subledger: needs only the employee scope. */
  listEmployeesBasic: list<typeof S.EmployeeBasic, I.EmployeeFilter>({
    name: 'ListEmployeesBasic',
    root: 'employees',
    filterType: 'EmployeeFilter',
    node: S.EmployeeBasic,
    fields: S.EMPLOYEE_BASIC_FIELDS,
    area: 'Human Resources Employee',
    objectStatus: true,
  }),
  listEmployeeDeltas: list<typeof S.EmployeeDelta, I.EmployeeDeltaFilter>({
    name: 'ListEmployeeDeltas',
    root: 'employee_deltas',
    filterType: 'EmployeeDeltaFilter',
    node: S.EmployeeDelta,
    fields: S.EMPLOYEE_DELTA_FIELDS,
    area: 'Human Resources Employee',
  }),
  listEmployeePositions: list<typeof S.EmployeePosition, I.EmployeePositionFilter>({
    name: 'ListEmployeePositions',
    root: 'employeePositions',
    filterType: 'EmployeePositionFilter',
    node: S.EmployeePosition,
    fields: S.EMPLOYEE_POSITION_FIELDS,
    area: 'Human Resources Employee',
  }),
  listObjectKinds: list<typeof S.ObjectKind, I.ObjectKindFilter>({
    name: 'ListObjectKinds',
    root: 'objectKinds',
    filterType: 'ObjectKindFilter',
    node: S.ObjectKind,
    fields: S.OBJECT_KIND_FIELDS,
    area: 'Common Object Value',
    ownerSet: false,
  }),
  listObjectValues: list<typeof S.ObjectValue, I.ObjectValueFilter>({
    name: 'ListObjectValues',
    root: 'objectValues',
    filterType: 'ObjectValueFilter',
    node: S.ObjectValue,
    fields: S.OBJECT_VALUE_FIELDS,
    area: 'Common Object Value',
    objectStatus: true,
  }),
  listAccounts: list<typeof S.Account, I.AccountFilter>({
    name: 'ListAccounts',
    root: 'accounts',
    filterType: 'AccountFilter',
    node: S.Account,
    fields: S.ACCOUNT_FIELDS,
    area: 'General Ledger',
    objectStatus: true,
  }),
  listAssets: list<typeof S.Asset, I.AssetFilter>({
    name: 'ListAssets',
    root: 'assets',
    filterType: 'AssetFilter',
    node: S.Asset,
    fields: S.ASSET_FIELDS,
    area: 'Fixed Assets',
    objectStatus: true,
  }),
  listAbsenceCodes: list<typeof S.AbsenceCode, I.AbsenceCodeFilter>({
    name: 'ListAbsenceCodes',
    root: 'absenceCodes',
    filterType: 'AbsenceCodeFilter',
    node: S.AbsenceCode,
    fields: S.ABSENCE_CODE_FIELDS,
    area: 'Human Resources Absence',
  }),
  listAbsences: list<typeof S.Absence, I.AbsenceFilter>({
    name: 'ListAbsences',
    root: 'absences',
    filterType: 'AbsenceFilter',
    node: S.Absence,
    fields: S.ABSENCE_FIELDS,
    area: 'Human Resources Absence',
  }),
  listProducts: list<typeof S.Product, I.ProductFilter>({
    name: 'ListProducts',
    root: 'products',
    filterType: 'ProductFilter',
    node: S.Product,
    fields: S.PRODUCT_FIELDS,
    area: 'Logistics Product',
    objectStatus: true,
  }),
  listSalesOrders: list<typeof S.SalesOrder, I.SalesOrderFilter>({
    name: 'ListSalesOrders',
    root: 'salesOrders',
    filterType: 'SalesOrderFilter',
    node: S.SalesOrder,
    fields: S.SALES_ORDER_FIELDS,
    area: 'Accounts Receivable',
  }),
  listInvoiceBaseItems: list<typeof S.InvoiceBaseItem, I.InvoiceBaseItemFilter>({
    name: 'ListInvoiceBaseItems',
    root: 'invoiceBaseItems',
    filterType: 'InvoiceBaseItemFilter',
    node: S.InvoiceBaseItem,
    fields: S.INVOICE_BASE_ITEM_FIELDS,
    area: 'Accounts Receivable',
  }),

  addEmployees: bulk<I.AddEmployeeNode, typeof S.Employee>({
    name: 'AddEmployees',
    root: 'addEmployees',
    inputType: 'AddEmployeesInput',
    node: S.Employee,
    fields: S.EMPLOYEE_FIELDS,
    area: 'Human Resources Employee',
    idempotent: false,
  }),
  updateEmployees: bulk<I.UpdateEmployeeNode, typeof S.Employee>({
    name: 'UpdateEmployees',
    root: 'updateEmployees',
    inputType: 'UpdateEmployeesInput',
    node: S.Employee,
    fields: S.EMPLOYEE_FIELDS,
    area: 'Human Resources Employee',
    idempotent: true,
  }),
  removeEmployees: remove({ name: 'RemoveEmployees', root: 'removeEmployees', area: 'Human Resources Employee' }),
  updateContacts: bulk<I.UpdateContactNode, typeof S.Contact>({
    name: 'UpdateContacts',
    root: 'updateContacts',
    inputType: 'UpdateContactsInput',
    node: S.Contact,
    fields: S.CONTACT_FIELDS,
    area: 'Common Contact',
    idempotent: true,
  }),
  updateSubledgers: bulk<I.UpdateSubledgerNode, typeof S.Subledger>({
    name: 'UpdateSubledgers',
    root: 'updateSubledgers',
    inputType: 'UpdateSubledgersInput',
    node: S.Subledger,
    fields: S.SUBLEDGER_FIELDS,
    area: 'Common Subledger',
    idempotent: true,
  }),
  addSuppliers: bulk<I.AddSupplierNode, typeof S.Subledger>({
    name: 'AddSuppliers',
    root: 'addSuppliers',
    inputType: 'AddSuppliersInput',
    node: S.Subledger,
    fields: S.SUBLEDGER_FIELDS,
    area: 'Common Supplier',
    idempotent: false,
  }),
  updateSuppliers: bulk<I.UpdateSupplierNode, typeof S.Subledger>({
    name: 'UpdateSuppliers',
    root: 'updateSuppliers',
    inputType: 'UpdateSuppliersInput',
    node: S.Subledger,
    fields: S.SUBLEDGER_FIELDS,
    area: 'Common Supplier',
    idempotent: true,
  }),
  addAbsences: bulk<I.AddAbsenceNode, typeof S.Absence>({
    name: 'AddAbsences',
    root: 'addAbsences',
    inputType: 'AddAbsencesInput',
    node: S.Absence,
    fields: S.ABSENCE_FIELDS,
    area: 'Human Resources Absence',
    idempotent: false,
  }),
  updateAbsences: bulk<I.UpdateAbsenceNode, typeof S.Absence>({
    name: 'UpdateAbsences',
    root: 'updateAbsences',
    inputType: 'UpdateAbsencesInput',
    node: S.Absence,
    fields: S.ABSENCE_FIELDS,
    area: 'Human Resources Absence',
    idempotent: true,
  }),
  removeAbsences: remove({ name: 'RemoveAbsences', root: 'removeAbsences', area: 'Human Resources Absence' }),
  addInvoiceBaseItems: bulk<I.AddInvoiceBaseItemNode, typeof S.InvoiceBaseItem>({
    name: 'AddInvoiceBaseItems',
    root: 'addInvoiceBaseItems',
    inputType: 'AddInvoiceBaseItemsInput',
    node: S.InvoiceBaseItem,
    fields: S.INVOICE_BASE_ITEM_FIELDS,
    area: 'Accounts Receivable',
    idempotent: false,
  }),
  addSalesOrderItems: bulk<I.AddSalesOrderNode, typeof S.SalesOrder>({
    name: 'AddSalesOrderItems',
    root: 'addSalesOrderItems',
    inputType: 'AddSalesOrderItemsInput',
    node: S.SalesOrder,
    fields: S.SALES_ORDER_FIELDS,
    area: 'Accounts Receivable',
    idempotent: false,
  }),
} as const;

const idOnly = z.object({ dbId: S.DbId, ownerDbId: S.DbId.nullish() });
const probe = (name: string, root: string, filterType: string, area: ScopeArea, ownerSet = true) =>
  list<typeof idOnly, unknown>({ name, root, filterType, node: idOnly, fields: 'dbId ownerDbId', area, ownerSet });

/** Minimal documents used by probeConnection: one per scope area, selecting as little as possible. */
export const ProbeOps = {
  employees: probe('ProbeEmployees', 'employees', 'EmployeeFilter', 'Human Resources Employee'),
  contacts: probe('ProbeContacts', 'contacts', 'ContactFilter', 'Common Contact'),
  companies: probe('ProbeCompanies', 'companies', 'CompanyFilter', 'Common Company'),
  countries: probe('ProbeCountries', 'countries', 'CountryFilter', 'Common Country'),
  currencies: probe('ProbeCurrencies', 'currencies', 'CurrencyFilter', 'Common Currency'),
  objectValues: probe('ProbeObjectValues', 'objectValues', 'ObjectValueFilter', 'Common Object Value'),
  subledgers: probe('ProbeSubledgers', 'subledgers', 'SubledgerFilter', 'Common Subledger'),
  suppliers: probe('ProbeSuppliers', 'suppliers', 'SubledgerFilter', 'Common Supplier'),
  accounts: probe('ProbeAccounts', 'accounts', 'AccountFilter', 'General Ledger'),
  assets: probe('ProbeAssets', 'assets', 'AssetFilter', 'Fixed Assets'),
  absenceCodes: probe('ProbeAbsenceCodes', 'absenceCodes', 'AbsenceCodeFilter', 'Human Resources Absence'),
  salesOrders: probe('ProbeSalesOrders', 'salesOrders', 'SalesOrderFilter', 'Accounts Receivable'),
  products: probe('ProbeProducts', 'products', 'ProductFilter', 'Logistics Product'),
  // Areas whose data hangs off another entity: checked through a nested field.
  address: list<z.ZodTypeAny, I.ContactFilter>({
    name: 'ProbeCommonAddress',
    root: 'contacts',
    filterType: 'ContactFilter',
    node: z.object({ dbId: S.DbId, address: z.object({ dbId: S.DbId.nullish() }).nullish() }),
    fields: 'dbId address { dbId }',
    area: 'Common Address',
  }),
  systemValue: list<z.ZodTypeAny, I.ContactFilter>({
    name: 'ProbeCommonSystemValue',
    root: 'contacts',
    filterType: 'ContactFilter',
    node: z.object({ dbId: S.DbId, gender: z.object({ name: z.string().nullish() }).nullish() }),
    fields: 'dbId gender { name }',
    area: 'Common System Value',
  }),
  bank: list<z.ZodTypeAny, I.SubledgerFilter>({
    name: 'ProbeGeneralLedgerBank',
    root: 'subledgers',
    filterType: 'SubledgerFilter',
    node: z.object({ dbId: S.DbId, bankAccount: z.string().nullish() }),
    fields: 'dbId bankAccount',
    area: 'General Ledger Bank',
  }),
} as const;

export const ALL_OPERATIONS: readonly AnyOperation[] = [
  ...(Object.values(Ops) as unknown as AnyOperation[]),
  ...(Object.values(ProbeOps) as unknown as AnyOperation[]),
];
