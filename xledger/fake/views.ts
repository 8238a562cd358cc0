import type { RequestContext } from './context';
import type {
  AbsenceCodeRow,
  AbsenceRow,
  AccountRow,
  AddressRow,
  AssetRow,
  CompanyRow,
  ContactRow,
  CountryRow,
  CurrencyRow,
  EmployeeDeltaRow,
  EmployeeRow,
  EntityRow,
  GlImportItemRow,
  InvoiceBaseItemRow,
  ObjectKindRow,
  ObjectValueRow,
  PositionRow,
  ProductRow,
  SalesOrderRow,
  SubledgerRow,
} from './types';

/**
 * Row → GraphQL object. Nested objects are functions, so graphql-js only runs them (and their scope
 * checks) when the query selects them.
 */
type View = Record<string, unknown>;

export function currencyView(r: CurrencyRow | undefined | null): View | null {
  return r ? { ...r } : null;
}

export function countryView(ctx: RequestContext, r: CountryRow | undefined | null): View | null {
  if (!r) return null;
  return { ...r, currency: () => currencyView(ctx.state.tables.currencies.get(r.currencyDbId ?? -1)) };
}

export function entityView(ctx: RequestContext, r: EntityRow | undefined | null): View | null {
  if (!r) return null;
  return {
    ...r,
    parent: () => entityView(ctx, r.parentDbId === null ? null : ctx.state.tables.entities.get(r.parentDbId)),
    currency: () => currencyView(ctx.state.tables.currencies.get(r.currencyDbId ?? -1)),
  };
}

function ownerView(ctx: RequestContext, ownerDbId: number): View | null {
  const e = ctx.state.tables.entities.get(ownerDbId);
  return e ? { dbId: e.dbId, code: e.code, description: e.description } : { dbId: ownerDbId, code: null, description: null };
}

function addressView(ctx: RequestContext, a: AddressRow | null): View | null {
  if (!a) return null;
  const country = ctx.state.tables.countries.get(a.countryDbId ?? -1);
  const full = [a.streetAddress, [a.zipCode, a.place].filter(Boolean).join(' '), country?.description].filter((x) => x).join(', ');
  return { ...a, fullAddress: full || null, country: () => countryView(ctx, country) };
}

function guardedAddress(ctx: RequestContext, a: AddressRow | null) {
  return () => {
    ctx.require('Common Address', 'read');
    return addressView(ctx, a);
  };
}

export function contactView(ctx: RequestContext, r: ContactRow | undefined | null): View | null {
  if (!r) return null;
  const name = [r.firstName, r.middleName, r.lastName].filter(Boolean).join(' ') || null;
  return {
    ...r,
    name,
    gender: () => {
      ctx.require('Common System Value', 'read');
      const g = r.genderDbId === null ? undefined : ctx.state.tables.systemValues.get(r.genderDbId);
      return g ? { ...g, definitionId: null, ownerDbId: null } : null;
    },
    country: () => countryView(ctx, ctx.state.tables.countries.get(r.countryDbId ?? -1)),
    address: guardedAddress(ctx, r.address),
    owner: () => ownerView(ctx, r.ownerDbId),
  };
}

export function companyView(ctx: RequestContext, r: CompanyRow | undefined | null): View | null {
  if (!r) return null;
  return {
    ...r,
    country: () => countryView(ctx, ctx.state.tables.countries.get(r.countryDbId ?? -1)),
    address: guardedAddress(ctx, r.address),
  };
}

export function subledgerView(ctx: RequestContext, r: SubledgerRow | undefined | null): View | null {
  if (!r) return null;
  return {
    ...r,
    bankAccount: () => {
      ctx.require('General Ledger Bank', 'read');
      return r.bankAccount;
    },
    company: () => {
      ctx.require('Common Company', 'read');
      return companyView(ctx, r.companyDbId === null ? null : ctx.state.tables.companies.get(r.companyDbId));
    },
    currency: () => currencyView(ctx.state.tables.currencies.get(r.currencyDbId ?? -1)),
    ledgerType: () => ({ dbId: null, dbSubId: null, code: r.ledgerType, name: r.ledgerType }),
    address: guardedAddress(ctx, r.address),
    owner: () => ownerView(ctx, r.ownerDbId),
    payTerms: () => (r.payTerms ? { dbId: null, dbSubId: null, code: r.payTerms, name: r.payTerms } : null),
  };
}

export function employeeView(ctx: RequestContext, r: EmployeeRow | undefined | null): View | null {
  if (!r) return null;
  return {
    ...r,
    contact: () => {
      ctx.require('Common Contact', 'read');
      return contactView(ctx, r.contactDbId === null ? null : ctx.state.tables.contacts.get(r.contactDbId));
    },
    subledger: () => {
      ctx.require('Common Subledger', 'read');
      return subledgerView(ctx, r.subledgerDbId === null ? null : ctx.state.tables.subledgers.get(r.subledgerDbId));
    },
    owner: () => ownerView(ctx, r.ownerDbId),
  };
}

function employeeRef(ctx: RequestContext, dbId: number): View | null {
  const e = ctx.state.tables.employees.get(dbId);
  return e ? { dbId: e.dbId, code: e.code, description: e.description } : { dbId, code: null, description: null };
}

export function employeeDeltaView(ctx: RequestContext, d: EmployeeDeltaRow): View {
  const e = d.mutationType === 'DELETED' ? undefined : ctx.state.tables.employees.get(d.dbId);
  return {
    dbId: d.dbId,
    mutationType: d.mutationType,
    modifiedAt: d.modifiedAt,
    ownerDbId: d.ownerDbId,
    code: e?.code ?? null,
    description: e?.description ?? null,
    email: e?.email ?? null,
    employmentFrom: e?.employmentFrom ?? null,
    employmentTo: e?.employmentTo ?? null,
  };
}

export function positionView(ctx: RequestContext, r: PositionRow): View {
  return { ...r, employee: () => employeeRef(ctx, r.employeeDbId) };
}

export function objectKindView(r: ObjectKindRow | undefined | null): View | null {
  return r ? { ...r } : null;
}

export function objectValueView(ctx: RequestContext, r: ObjectValueRow): View {
  return {
    ...r,
    objectKind: () => objectKindView(ctx.state.tables.objectKinds.get(r.objectKindDbId)),
    code2: r.code2Name === null || r.code2Name === undefined ? null : { name: r.code2Name },
  };
}

function objectValueRef(ctx: RequestContext, dbId: number | null): View | null {
  const v = dbId === null ? undefined : ctx.state.tables.objectValues.get(dbId);
  return v ? { dbId: v.dbId, code: v.code, description: v.description } : null;
}

function productRef(ctx: RequestContext, dbId: number): View | null {
  const p = ctx.state.tables.products.get(dbId);
  return p ? { dbId: p.dbId, code: p.code, description: p.description } : null;
}

function subledgerRef(ctx: RequestContext, dbId: number): View | null {
  const s = ctx.state.tables.subledgers.get(dbId);
  return s ? { dbId: s.dbId, code: s.code, description: s.description } : null;
}

export function accountView(r: AccountRow): View {
  return { ...r };
}

export function assetView(ctx: RequestContext, r: AssetRow): View {
  return { ...r, currency: () => currencyView(ctx.state.tables.currencies.get(r.currencyDbId ?? -1)) };
}

export function absenceCodeView(r: AbsenceCodeRow | undefined | null): View | null {
  return r ? { ...r } : null;
}

export function absenceView(ctx: RequestContext, r: AbsenceRow): View {
  return {
    ...r,
    absenceCode: () => absenceCodeView(ctx.state.tables.absenceCodes.get(r.absenceCodeDbId)),
    employee: () => employeeRef(ctx, r.employeeDbId),
  };
}

export function productView(ctx: RequestContext, r: ProductRow): View {
  return { ...r, taxRule: () => objectValueRef(ctx, r.taxRuleDbId) };
}

export function salesOrderView(ctx: RequestContext, r: SalesOrderRow): View {
  return {
    ...r,
    customer: () => subledgerRef(ctx, r.subledgerDbId),
    currency: () => currencyView(ctx.state.tables.currencies.get(r.currencyDbId ?? -1)),
    details: r.details.map((d) => ({
      ...d,
      product: () => productRef(ctx, d.productDbId),
      taxRule: () => objectValueRef(ctx, d.taxRuleDbId),
      glObject1: () => objectValueRef(ctx, d.glObject1DbId ?? null),
      glObject2: () => objectValueRef(ctx, d.glObject2DbId ?? null),
      glObject3: () => objectValueRef(ctx, d.glObject3DbId ?? null),
    })),
  };
}

export function invoiceBaseItemView(ctx: RequestContext, r: InvoiceBaseItemRow): View {
  return {
    ...r,
    subledger: () => subledgerRef(ctx, r.subledgerDbId),
    product: () => productRef(ctx, r.productDbId),
    glObject1: () => objectValueRef(ctx, r.glObject1DbId),
    glObject2: () => objectValueRef(ctx, r.glObject2DbId ?? null),
    glObject3: () => objectValueRef(ctx, r.glObject3DbId ?? null),
    taxRule: () => objectValueRef(ctx, r.taxRuleDbId),
    currency: () => currencyView(ctx.state.tables.currencies.get(r.currencyDbId ?? -1)),
  };
}

export function glImportItemView(ctx: RequestContext, r: GlImportItemRow): View {
  const account = ctx.state.tables.accounts.get(r.accountDbId);
  return {
    ...r,
    account: () => (account ? { dbId: account.dbId, code: account.code, description: account.description } : null),
    taxRule: () => objectValueRef(ctx, r.taxRuleDbId),
    subledger: () => (r.subledgerDbId === null ? null : subledgerRef(ctx, r.subledgerDbId)),
    currency: () => currencyView(ctx.state.tables.currencies.get(r.currencyDbId ?? -1)),
    glObject1: () => objectValueRef(ctx, r.glObject1DbId),
    glObject2: () => objectValueRef(ctx, r.glObject2DbId),
    glObject3: () => objectValueRef(ctx, r.glObject3DbId),
  };
}
