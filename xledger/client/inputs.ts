/** Variable and input-node types mirroring xledger/fake/schema.graphql (the assumed Xledger SDL). */

export type OwnerSet = 'CURRENT' | 'UPPER' | 'LOWER' | 'MINE' | 'ALL';
export type ObjectStatus = 'ALL' | 'OPEN' | 'CLOSED';

/** Lookup reference: give exactly one of dbId, code, description. */
export type Lookup = { dbId: number } | { code: string } | { description: string };
export type EnumLookup = { dbId: number } | { dbSubId: number } | { name: string } | { code: string };
export type OwnerLookup = { dbId: number } | { code: string } | { description: string } | { ownerCode: string };

export interface AddressInput {
  streetAddress?: string | null;
  zipCode?: string | null;
  place?: string | null;
  state?: string | null;
  country?: Lookup | null;
}

type Eq<T> = T | null;
type Modified = { modifiedAt_gt?: string; modifiedAt_gte?: string };
type ModifiedRange = Modified & { modifiedAt_lt?: string; modifiedAt_lte?: string };
type ByDbId = { dbId?: number; dbId_in?: number[] };

export type EntityFilter = ByDbId & { code?: string };
export type CurrencyFilter = ByDbId & Modified & { code?: string; code_in?: string[] };
export type CountryFilter = CurrencyFilter;
export type ContactFilter = ByDbId & ModifiedRange & { dbId_gt?: number; code?: string; email?: string; ownerDbId?: number };
export type CompanyFilter = ByDbId & Modified & { code?: string; companyNumber?: string; taxNumber?: string };
export type SubledgerFilter = ByDbId &
  ModifiedRange & {
    dbId_gt?: number;
    code?: string;
    code_in?: string[];
    email?: string;
    companyDbId?: number;
    ownerDbId?: number;
  };
export type EmployeeFilter = ByDbId &
  ModifiedRange & {
    dbId_gt?: number;
    dbId_lt?: number;
    code?: string;
    code_in?: string[];
    code_gt?: string;
    code_gte?: string;
    code_lt?: string;
    code_lte?: string;
    email?: string;
    ownerDbId?: number;
    contactDbId?: number;
    employmentFrom_gte?: string;
    employmentFrom_lte?: string;
    employmentTo?: Eq<string>;
    employmentTo_gte?: string;
    employmentTo_lt?: string;
  };
export type EmployeeDeltaFilter = Modified;
export type EmployeePositionFilter = ByDbId & Modified & { employeeDbId?: number };
export type ObjectKindFilter = ByDbId & { name?: string };
export type ObjectValueFilter = ByDbId & Modified & { code?: string; code_in?: string[]; objectKindDbId?: number };
export type AccountFilter = ByDbId & Modified & { code?: string; code_gte?: string; code_lte?: string };
export type AssetFilter = ByDbId & Modified & { code?: string };
export type AbsenceCodeFilter = { dbId?: number; code?: string; code_in?: string[] };
export type AbsenceFilter = ByDbId &
  Modified & {
    employeeDbId?: number;
    fromDate_gte?: string;
    fromDate_lt?: string;
    toDate_gte?: string;
    toDate_lt?: string;
  };
export type ProductFilter = ByDbId & Modified & { code?: string; code_in?: string[] };
export type SalesOrderFilter = ByDbId & Modified & { subledgerDbId?: number; orderNumber?: number };
export type InvoiceBaseItemFilter = ByDbId & Modified & { subledgerDbId?: number };

interface EmployeeFields {
  description?: string | null;
  email?: string | null;
  phone?: string | null;
  phoneSubledger?: string | null;
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  /** YYYY-MM-DD */
  birthday?: string | null;
  /** Norwegian national identity number (11 digits). */
  socialSec?: string | null;
  gender?: EnumLookup | null;
  jobTitle?: string | null;
  employmentFrom?: string | null;
  employmentTo?: string | null;
  trialTo?: string | null;
  noticeDate?: string | null;
  dateFrom?: string | null;
  dateTo?: string | null;
  bankAccount?: string | null;
  address?: AddressInput | null;
}

export interface AddEmployeeNode extends EmployeeFields {
  code: string;
  /** The contact's country (nationality). Assumed field, see xledger/fake/README.md. */
  country?: Lookup | null;
  owner?: OwnerLookup;
  /** Link an existing contact instead of creating one. */
  contact?: Lookup;
  /** Link an existing subledger instead of creating one. */
  subledger?: Lookup;
}

export interface UpdateEmployeeNode extends EmployeeFields {
  dbId: number;
  code?: string | null;
}

export interface UpdateContactNode {
  dbId: number;
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  birthday?: string | null;
  socialSec?: string | null;
  jobTitle?: string | null;
  gender?: EnumLookup | null;
  country?: Lookup | null;
  address?: AddressInput | null;
}

export interface UpdateSubledgerNode {
  dbId: number;
  description?: string | null;
  email?: string | null;
  phone?: string | null;
  bankAccount?: string | null;
  address?: AddressInput | null;
}

export interface AddSupplierNode {
  code: string;
  description: string;
  email?: string | null;
  phone?: string | null;
  bankAccount?: string | null;
  companyNumber?: string | null;
  currency?: Lookup | null;
  country?: Lookup | null;
  company?: Lookup | null;
  address?: AddressInput | null;
  owner?: OwnerLookup;
}

export interface UpdateSupplierNode {
  dbId: number;
  code?: string | null;
  description?: string | null;
  email?: string | null;
  phone?: string | null;
  bankAccount?: string | null;
  currency?: Lookup | null;
  address?: AddressInput | null;
}

export interface AddAbsenceNode {
  employee: Lookup;
  absenceCode: Lookup;
  fromDate: string;
  toDate?: string | null;
  /** HH:mm */
  timeFrom?: string | null;
  timeTo?: string | null;
  /** Decimal string, e.g. "100" */
  leavePercent?: string | null;
  text?: string | null;
  comment?: string | null;
  approved?: boolean | null;
  owner?: OwnerLookup;
}

export interface UpdateAbsenceNode {
  dbId: number;
  absenceCode?: Lookup | null;
  fromDate?: string | null;
  toDate?: string | null;
  timeFrom?: string | null;
  timeTo?: string | null;
  leavePercent?: string | null;
  text?: string | null;
  comment?: string | null;
  approved?: boolean | null;
}

export interface AddInvoiceBaseItemNode {
  subledger: Lookup;
  product: Lookup;
  /** Decimal string */
  quantity: string;
  unitPrice?: string | null;
  text?: string | null;
  invoiceDate?: string | null;
  yourReference?: string | null;
  headerInfo?: string | null;
  glObject1?: Lookup | null;
  taxRule?: Lookup | null;
  currency?: Lookup | null;
  owner?: OwnerLookup;
}

export interface SalesOrderDetailInput {
  product: Lookup;
  quantity: string;
  unitPrice?: string | null;
  text?: string | null;
  taxRule?: Lookup | null;
}

export interface AddSalesOrderNode {
  subledger: Lookup;
  orderDate?: string | null;
  text?: string | null;
  yourReference?: string | null;
  currency?: Lookup | null;
  details: SalesOrderDetailInput[];
  owner?: OwnerLookup;
}

export interface BulkInput<N> {
  /** Your key for the record (e.g. an idempotency key); generated from the position if omitted. */
  clientId?: string;
  node: N;
}
