import type { ScopeArea } from '../scopes';

/** Rows as the fake stores them (flat; references by dbId). Timestamps are naive Oslo time strings. */
export interface Stamped {
  dbId: number;
  ownerDbId: number;
  createdAt: string;
  modifiedAt: string;
}

export interface EntityRow {
  dbId: number;
  code: string;
  description: string;
  parentDbId: number | null;
  currencyDbId: number | null;
  modifiedAt?: string;
}

export interface CurrencyRow extends Stamped {
  code: string;
  description: string;
}

export interface CountryRow extends Stamped {
  code: string;
  description: string;
  currencyDbId: number | null;
}

export interface SystemValueRow {
  dbId: number;
  dbSubId: number;
  definition: 'GENDER' | 'LEDGER_TYPE';
  code: string;
  name: string;
}

export interface AddressRow {
  dbId: number;
  streetAddress: string | null;
  zipCode: string | null;
  place: string | null;
  state: string | null;
  countryDbId: number | null;
}

export interface ContactRow extends Stamped {
  code: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  birthday: string | null;
  socialSec: string | null;
  jobTitle: string | null;
  genderDbId: number | null;
  countryDbId: number | null;
  address: AddressRow | null;
}

export interface CompanyRow extends Stamped {
  code: string | null;
  description: string;
  companyNumber: string | null;
  taxNumber: string | null;
  email: string | null;
  phone: string | null;
  countryDbId: number | null;
  address: AddressRow | null;
}

export type LedgerType = 'SUPPLIER' | 'CUSTOMER' | 'EMPLOYEE';

export interface SubledgerRow extends Stamped {
  ledgerType: LedgerType;
  code: string;
  description: string;
  email: string | null;
  phone: string | null;
  bankAccount: string | null;
  companyDbId: number | null;
  currencyDbId: number | null;
  address: AddressRow | null;
  /** Pay terms code (e.g. "30D"); optional in seeds. */
  payTerms?: string | null;
}

export interface EmployeeRow extends Stamped {
  code: string;
  description: string;
  email: string | null;
  employmentFrom: string | null;
  employmentTo: string | null;
  trialTo: string | null;
  noticeDate: string | null;
  dateFrom: string | null;
  dateTo: string | null;
  contactDbId: number | null;
  subledgerDbId: number | null;
}

export interface EmployeeDeltaRow {
  seq: number;
  dbId: number;
  ownerDbId: number;
  mutationType: 'ADDED' | 'UPDATED' | 'DELETED';
  /** Epoch ms of the change (fake clock) and the same as a naive Oslo timestamp. */
  atMs: number;
  modifiedAt: string;
}

export interface PositionRow extends Stamped {
  employeeDbId: number;
  description: string | null;
  fromDate: string | null;
  toDate: string | null;
  positionPercent: string | null;
  isPrimary: boolean;
}

export interface ObjectKindRow {
  dbId: number;
  name: string;
  modifiedAt: string;
}

export interface ObjectValueRow extends Stamped {
  objectKindDbId: number;
  code: string;
  description: string;
  dateFrom: string | null;
  dateTo: string | null;
  posting: boolean;
  code2Name: string | null;
  text1: string | null;
  text2: string | null;
}

export interface AccountRow extends Stamped {
  code: string;
  description: string;
  posting: boolean;
  balanceSheet: boolean;
  revenue: boolean;
  cost: boolean;
  vat: boolean;
}

export interface AssetRow extends Stamped {
  code: string;
  description: string;
  balance: string | null;
  dateFrom: string | null;
  dateTo: string | null;
  datePurchased: string | null;
  allowPosting: boolean;
  assetGroup: { dbId: number; code: string; description: string } | null;
  currencyDbId: number | null;
}

export interface AbsenceCodeRow extends Stamped {
  code: string;
  description: string;
  posting: boolean;
}

export interface AbsenceRow extends Stamped {
  employeeDbId: number;
  absenceCodeDbId: number;
  fromDate: string;
  toDate: string | null;
  timeFrom: string | null;
  timeTo: string | null;
  leavePercent: string | null;
  approved: boolean;
  text: string | null;
  comment: string | null;
}

export interface ProductRow extends Stamped {
  code: string;
  description: string;
  unit: string | null;
  salesPrice: string | null;
  costPrice: string | null;
  taxRuleDbId: number | null;
}

export interface SalesOrderDetailRow {
  lineNumber: number;
  productDbId: number;
  text: string | null;
  quantity: string;
  unitPrice: string | null;
  discountPercent?: string | null;
  amount: string;
  taxRuleDbId: number | null;
  glObject1DbId?: number | null;
  glObject2DbId?: number | null;
  glObject3DbId?: number | null;
}

export interface SalesOrderRow extends Stamped {
  orderNumber: number;
  orderDate: string | null;
  text: string | null;
  yourReference: string | null;
  subledgerDbId: number;
  currencyDbId: number | null;
  amount: string;
  details: SalesOrderDetailRow[];
  extOrder?: string | null;
  invoiceDate?: string | null;
  dueDate?: string | null;
  deliveryDate?: string | null;
}

export interface InvoiceBaseItemRow extends Stamped {
  subledgerDbId: number;
  productDbId: number;
  text: string | null;
  quantity: string;
  unitPrice: string | null;
  amount: string;
  invoiceDate: string | null;
  yourReference: string | null;
  headerInfo: string | null;
  glObject1DbId: number | null;
  taxRuleDbId: number | null;
  currencyDbId: number | null;
  lineNumber?: number | null;
  discountPercent?: string | null;
  extIdentifier?: string | null;
  extOrder?: string | null;
  dueDate?: string | null;
  glObject2DbId?: number | null;
  glObject3DbId?: number | null;
}

export interface GlImportItemRow extends Stamped {
  lineNumber: number | null;
  postedDate: string;
  invoiceDate: string | null;
  dueDate: string | null;
  transactionSource: string | null;
  accountDbId: number;
  amount: string;
  taxAmount: string | null;
  invoiceAmount: string | null;
  taxRuleDbId: number | null;
  subledgerDbId: number | null;
  currencyDbId: number | null;
  text: string | null;
  invoiceNumber: string | null;
  extIdentifier: string | null;
  glObject1DbId: number | null;
  glObject2DbId: number | null;
  glObject3DbId: number | null;
}

/** A VAT rate of a TAX_RULE object value over a period (shape assumed from GL's read metadata, see README). */
export interface TaxTableSetupRow extends Stamped {
  objectValueDbId: number;
  taxPercent: string;
  dateFrom: string | null;
  dateTo: string | null;
}

/** A project with its manager (an employee); the field name `projectManager` is assumed, see README. */
export interface ProjectRow extends Stamped {
  code: string;
  description: string;
  dateFrom: string | null;
  dateTo: string | null;
  projectManagerDbId: number | null;
}

export interface Tables {
  entities: EntityRow[];
  currencies: CurrencyRow[];
  countries: CountryRow[];
  systemValues: SystemValueRow[];
  contacts: ContactRow[];
  companies: CompanyRow[];
  subledgers: SubledgerRow[];
  employees: EmployeeRow[];
  employeePositions: PositionRow[];
  objectKinds: ObjectKindRow[];
  objectValues: ObjectValueRow[];
  accounts: AccountRow[];
  assets: AssetRow[];
  absenceCodes: AbsenceCodeRow[];
  absences: AbsenceRow[];
  products: ProductRow[];
  salesOrders: SalesOrderRow[];
  invoiceBaseItems: InvoiceBaseItemRow[];
  glImportItems: GlImportItemRow[];
  taxTableSetups: TaxTableSetupRow[];
  projects: ProjectRow[];
}

export type TableName = keyof Tables;

/**
 * Seed JSON: any subset of tables, rows in the stored shape. Missing dbId/createdAt/modifiedAt/ownerDbId are
 * filled in (ownerDbId defaults to the first entity).
 */
export type Seed = { [K in TableName]?: Array<Partial<Tables[K][number]>> } & {
  employeeDeltas?: EmployeeDeltaRow[];
};

export type ScopeGrant = 'read' | 'write' | 'read/write';

export interface FakeTokenConfig {
  token: string;
  /** Entity the token belongs to; it can also reach that entity's sub-entities. */
  ownerDbId: number;
  label?: string;
  /** Per-area grants, or 'all' for every area read/write. */
  scopes: Partial<Record<ScopeArea, ScopeGrant>> | 'all';
}

export type ForcedErrorCode =
  | 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED'
  | 'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED'
  | 'BAD_REQUEST.INSUFFICIENT_CREDITS'
  | 'QUERY_TIMEOUT'
  | 'HTTP_500'
  | 'HTTP_502'
  | 'HTTP_503'
  | 'HTTP_529';

export interface ForcedError {
  code: ForcedErrorCode;
  /** How many matching requests get this answer. */
  count: number;
  /** Only requests with this GraphQL operation name (or root field) match. */
  operation?: string;
  /** For INSUFFICIENT_CREDITS: `extensions.resetAt` is now + this. Default 60 s. */
  resetInMs?: number;
  /** Let this many matching requests through first (a fault in the middle of a paged read). */
  afterRequests?: number;
}

export interface Knobs {
  /** Added to every /graphql request before it runs (counts as in flight). */
  latencyMs: number;
  /** Extra random latency 0..latencyJitterMs from the seeded RNG. */
  latencyJitterMs: number;
  /** Probability 0..1 that a request gets a random HTTP 500/502/503/529 instead of an answer. */
  http5xxRate: number;
  /** Probability 0..1 that a mutation that wrote something is answered 503 anyway: applied, but the client never hears (an ambiguous write). */
  http5xxAfterWriteRate: number;
  burstLimit: { enabled: boolean; max: number; windowMs: number };
  concurrencyLimit: { enabled: boolean; max: number };
  /** Credits per token per window; when used up → INSUFFICIENT_CREDITS with extensions.resetAt. */
  credits: { enabled: boolean; perWindow: number; windowMs: number };
  forcedErrors: ForcedError[];
  /** After this many written nodes (cumulative), the write that crosses it is applied, then every request gets 503 until recover/reset. */
  crashAfterWrites: number | null;
  rngSeed: number;
  /** Shift of the fake's clock (modifiedAt, delta retention, credit windows). */
  clockOffsetMs: number;
  /** false: the schema is served (and introspected) without addAbsences/updateAbsences/removeAbsences, as an API without an absence mutation. */
  absenceMutations: boolean;
  /**
   * false: the sales order, invoice basis and GL import filters have no extOrder/extIdentifier (…_in) fields, so a
   * filter by them is refused as Xledger's validation would (whether Xledger can filter by them is unknown).
   */
  exportKeyFilters: boolean;
}

export interface Stats {
  requests: number;
  byOperation: Record<string, number>;
  byRootField: Record<string, number>;
  /** Nodes sent per mutation root field. */
  mutationNodes: Record<string, number>;
  writtenNodes: number;
  throttled: Record<string, number>;
  http5xx: number;
  authFailures: number;
  graphqlErrors: number;
  maxInFlight: number;
  /** Bytes of the GraphQL answers sent (what a client downloads; Xledger meters megabytes too). */
  responseBytes: number;
}
