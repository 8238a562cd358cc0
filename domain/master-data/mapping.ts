import type { ManagerEmail } from './project-managers';
import type { MirrorRecord } from './record';
import type { TaxRate } from './vat-rates';

/**
 * Xledger nodes → mirror records, one function per part. The node shapes are what the master-data reads select
 * (xledger/client/master-data.ts); absent values are null, never guessed.
 */

type Maybe<T> = T | null | undefined;
interface Ref {
  dbId?: Maybe<number>;
  code?: Maybe<string>;
  name?: Maybe<string>;
  description?: Maybe<string>;
}
interface Base {
  dbId: number;
  code?: Maybe<string>;
  description?: Maybe<string>;
  ownerDbId?: Maybe<number>;
  modifiedAt?: Maybe<string>;
}

const v = <T>(x: Maybe<T>): T | null => (x === undefined ? null : x);

function base(n: Base): Omit<MirrorRecord, 'fields'> {
  return { dbId: n.dbId, ownerDbId: v(n.ownerDbId), code: v(n.code), description: v(n.description), modifiedAt: v(n.modifiedAt) };
}

export interface SupplierNode extends Base {
  email?: Maybe<string>;
  phone?: Maybe<string>;
  bankAccount?: Maybe<string>;
  company?: Maybe<{ companyNumber?: Maybe<string> }>;
  currency?: Maybe<Ref>;
  payTerms?: Maybe<Ref>;
  address?: Maybe<{ streetAddress?: Maybe<string>; zipCode?: Maybe<string>; place?: Maybe<string>; country?: Maybe<Ref> }>;
}

export function mapSupplier(n: SupplierNode): MirrorRecord {
  return {
    ...base(n),
    fields: {
      company_number: v(n.company?.companyNumber),
      email: v(n.email),
      phone: v(n.phone),
      bank_account: v(n.bankAccount),
      street_address: v(n.address?.streetAddress),
      zip_code: v(n.address?.zipCode),
      place: v(n.address?.place),
      country_code: v(n.address?.country?.code),
      currency_code: v(n.currency?.code),
      pay_terms: v(n.payTerms?.code ?? n.payTerms?.name ?? n.payTerms?.description),
    },
  };
}

export interface AccountNode extends Base {
  posting?: Maybe<boolean>;
  balanceSheet?: Maybe<boolean>;
  revenue?: Maybe<boolean>;
  cost?: Maybe<boolean>;
  vat?: Maybe<boolean>;
}

export function mapAccount(n: AccountNode): MirrorRecord {
  return {
    ...base(n),
    fields: { posting: v(n.posting), balance_sheet: v(n.balanceSheet), revenue: v(n.revenue), cost: v(n.cost), vat: v(n.vat) },
  };
}

export interface ObjectKindNode {
  dbId: number;
  name?: Maybe<string>;
  modifiedAt?: Maybe<string>;
}

/** Object kinds belong to no entity (every client sees them): owner null. */
export function mapDimensionKind(n: ObjectKindNode): MirrorRecord {
  return { dbId: n.dbId, ownerDbId: null, code: v(n.name), description: v(n.name), modifiedAt: v(n.modifiedAt), fields: {} };
}

export interface ObjectValueNode extends Base {
  objectKindDbId?: Maybe<number>;
  objectKind?: Maybe<{ name?: Maybe<string> }>;
  dateFrom?: Maybe<string>;
  dateTo?: Maybe<string>;
  posting?: Maybe<boolean>;
  text1?: Maybe<string>;
  text2?: Maybe<string>;
  code2?: Maybe<{ name?: Maybe<string> }>;
}

export function mapDimensionValue(n: ObjectValueNode): MirrorRecord {
  return {
    ...base(n),
    fields: {
      object_kind_db_id: v(n.objectKindDbId),
      object_kind_name: v(n.objectKind?.name),
      date_from: v(n.dateFrom),
      date_to: v(n.dateTo),
      posting: v(n.posting),
      text1: v(n.text1),
      text2: v(n.text2),
    },
  };
}

export type CurrencyNode = Base;

export function mapCurrency(n: CurrencyNode): MirrorRecord {
  return { ...base(n), fields: {} };
}

/** A VAT code: a TAX_RULE object value with its rates over time and the one in force on `today`. */
export function mapVatCode(n: ObjectValueNode, rates: readonly TaxRate[], currentPercent: string | null): MirrorRecord {
  return {
    ...base(n),
    fields: {
      object_kind_db_id: v(n.objectKindDbId),
      rate_level: v(n.code2?.name),
      current_percent: currentPercent,
      rates: rates.map((r) => ({ percent: r.percent, dateFrom: r.dateFrom, dateTo: r.dateTo })),
      date_from: v(n.dateFrom),
      date_to: v(n.dateTo),
    },
  };
}

export interface AssetNode extends Base {
  balance?: Maybe<string>;
  dateFrom?: Maybe<string>;
  dateTo?: Maybe<string>;
  datePurchased?: Maybe<string>;
  allowPosting?: Maybe<boolean>;
  assetGroup?: Maybe<Ref>;
  currency?: Maybe<Ref>;
}

export function mapFixedAsset(n: AssetNode): MirrorRecord {
  return {
    ...base(n),
    fields: {
      balance: v(n.balance),
      date_from: v(n.dateFrom),
      date_to: v(n.dateTo),
      date_purchased: v(n.datePurchased),
      allow_posting: v(n.allowPosting),
      asset_group_code: v(n.assetGroup?.code),
      currency_code: v(n.currency?.code),
    },
  };
}

export interface ProjectNode extends Base {
  dateFrom?: Maybe<string>;
  dateTo?: Maybe<string>;
  projectManager?: Maybe<{ dbId?: Maybe<number> }>;
}

export function mapProject(n: ProjectNode, manager: ManagerEmail): MirrorRecord {
  return {
    ...base(n),
    fields: {
      date_from: v(n.dateFrom),
      date_to: v(n.dateTo),
      manager_employee_db_id: v(n.projectManager?.dbId),
      manager_email: manager.email,
      manager_issue: manager.issue,
    },
  };
}
