import type { RequestContext } from '../context';
import type { LookupArg } from '../lookups';
import type { CompanyRow, GlImportItemRow, SubledgerRow } from '../types';
import { companyView, glImportItemView, subledgerView } from '../views';
import type { AddressArg, BulkInputArg } from './bulk';
import { checkDate, checkDecimal, checkEmail, checkRequired, lookupId, mergeAddress, multiplyMoney, runBulk, sumMoney } from './bulk';

/**
 * What the invoice export needs beyond invoicing.ts: GL import items, companies and customers (ZD-cust: query by
 * code, then addCompanies, then addCustomers), and discounted line amounts. Assumptions are listed in the README.
 */

/** Exact product of decimal strings, unrounded. */
function exactProduct(values: readonly string[]): string {
  let n = 1n;
  let d = 0;
  for (const v of values) {
    const neg = v.startsWith('-');
    const [i, f = ''] = (neg ? v.slice(1) : v).split('.') as [string, string?];
    n *= BigInt(i + f) * (neg ? -1n : 1n);
    d += f.length;
  }
  const neg = n < 0n;
  const abs = (neg ? -n : n).toString().padStart(d + 1, '0');
  return `${neg ? '-' : ''}${d ? `${abs.slice(0, -d)}.${abs.slice(-d)}` : abs}`;
}

/** quantity × unit price × (100 − discount %) / 100, rounded once to 2 decimals, half away from zero (assumed Xledger's rule). */
export function lineAmount(quantity: string, unitPrice: string, discountPercent: string | null | undefined): string {
  const discount = discountPercent ?? '0';
  // (100 − d) / 100 has at most 4 decimals when d has at most 2: exact.
  const [whole, frac = ''] = discount.split('.') as [string, string?];
  const hundredths = 10_000n - BigInt(whole + frac.padEnd(2, '0').slice(0, 2));
  const factor = exactProduct([hundredths.toString(), '0.0001']);
  return multiplyMoney(exactProduct([quantity, unitPrice]), factor);
}

function visible(ctx: RequestContext) {
  const owners = ctx.lookupOwners();
  const { tables } = ctx.state;
  const taxKind = tables.objectKinds.rows.find((k) => k.name === 'TAX_RULE')?.dbId;
  const values = tables.objectValues.rows.filter((v) => owners.has(v.ownerDbId));
  const writable = ctx.writable();
  return {
    owners,
    customers: tables.subledgers.rows.filter((s) => owners.has(s.ownerDbId) && s.ledgerType === 'CUSTOMER'),
    companies: tables.companies.rows.filter((c) => owners.has(c.ownerDbId)),
    accounts: tables.accounts.rows.filter((a) => owners.has(a.ownerDbId)),
    taxRules: values.filter((v) => v.objectKindDbId === taxKind),
    dimensions: values.filter((v) => v.objectKindDbId !== taxKind),
    entities: tables.entities.rows.filter((e) => writable.has(e.dbId)),
  };
}

interface GlImportNode {
  lineNumber?: number | null;
  postedDate: string;
  invoiceDate?: string | null;
  dueDate?: string | null;
  transactionSource?: LookupArg | null;
  account: LookupArg;
  amount: string;
  taxAmount?: string | null;
  invoiceAmount?: string | null;
  taxRule?: LookupArg | null;
  subledger?: LookupArg | null;
  currency?: LookupArg | null;
  text?: string | null;
  invoiceNumber?: string | null;
  extIdentifier?: string | null;
  glObject1?: LookupArg | null;
  glObject2?: LookupArg | null;
  glObject3?: LookupArg | null;
  owner?: LookupArg | null;
}

/** Assumed: the nodes of one voucher (same extIdentifier, else invoiceNumber) must balance: Σ amount + Σ taxAmount = 0. */
export function addGLImportItems(args: { inputs: BulkInputArg<GlImportNode>[] }, ctx: RequestContext) {
  const { state } = ctx;
  const r = visible(ctx);
  const vouchers = new Map<string, string[]>();
  for (const { node } of args.inputs) {
    const key = node.extIdentifier ?? node.invoiceNumber ?? '';
    vouchers.set(key, [...(vouchers.get(key) ?? []), node.amount, ...(node.taxAmount ? [node.taxAmount] : [])]);
  }
  const unbalanced = new Set(
    [...vouchers].filter(([, amounts]) => amounts.every((a) => /^-?\d+(\.\d+)?$/.test(a)) && sumMoney(amounts) !== '0.00').map(([k]) => k),
  );
  return runBulk(
    ctx,
    'addGLImportItems',
    'General Ledger',
    args.inputs,
    (node, report) => {
      checkDate(report, 'postedDate', node.postedDate);
      checkDate(report, 'invoiceDate', node.invoiceDate);
      checkDate(report, 'dueDate', node.dueDate);
      checkDecimal(report, 'amount', node.amount);
      checkDecimal(report, 'taxAmount', node.taxAmount);
      checkDecimal(report, 'invoiceAmount', node.invoiceAmount);
      const key = node.extIdentifier ?? node.invoiceNumber ?? '';
      if (unbalanced.has(key)) report({ field: 'amount', code: 'INVALID_VALUE', message: `Voucher ${key} does not balance` });
      return {
        accountDbId: lookupId(report, r.accounts, node.account, 'account', 'account'),
        taxRuleDbId: lookupId(report, r.taxRules, node.taxRule, 'taxRule', 'tax rule'),
        subledgerDbId: lookupId(report, r.customers, node.subledger, 'subledger', 'customer'),
        currencyDbId: lookupId(report, state.tables.currencies.rows, node.currency, 'currency', 'currency'),
        glObject1DbId: lookupId(report, r.dimensions, node.glObject1, 'glObject1', 'object value'),
        glObject2DbId: lookupId(report, r.dimensions, node.glObject2, 'glObject2', 'object value'),
        glObject3DbId: lookupId(report, r.dimensions, node.glObject3, 'glObject3', 'object value'),
        ownerDbId: lookupId(report, r.entities, node.owner, 'owner', 'entity') ?? ctx.token.ownerDbId,
      };
    },
    (node, plan) => {
      const stamp = state.timestamp();
      const row: GlImportItemRow = state.tables.glImportItems.insert({
        dbId: state.allocId(),
        ownerDbId: plan.ownerDbId,
        createdAt: stamp,
        modifiedAt: stamp,
        lineNumber: node.lineNumber ?? null,
        postedDate: node.postedDate,
        invoiceDate: node.invoiceDate ?? null,
        dueDate: node.dueDate ?? null,
        transactionSource: node.transactionSource?.code ?? null,
        accountDbId: plan.accountDbId!,
        amount: multiplyMoney(node.amount, '1'),
        taxAmount: node.taxAmount ? multiplyMoney(node.taxAmount, '1') : null,
        invoiceAmount: node.invoiceAmount ? multiplyMoney(node.invoiceAmount, '1') : null,
        taxRuleDbId: plan.taxRuleDbId ?? null,
        subledgerDbId: plan.subledgerDbId ?? null,
        currencyDbId: plan.currencyDbId ?? null,
        text: node.text ?? null,
        invoiceNumber: node.invoiceNumber ?? null,
        extIdentifier: node.extIdentifier ?? null,
        glObject1DbId: plan.glObject1DbId ?? null,
        glObject2DbId: plan.glObject2DbId ?? null,
        glObject3DbId: plan.glObject3DbId ?? null,
      });
      return glImportItemView(ctx, row);
    },
  );
}

interface CompanyNode {
  code: string;
  description: string;
  companyNumber?: string | null;
  email?: string | null;
  country?: LookupArg | null;
  address?: AddressArg | null;
  owner?: LookupArg | null;
}

/** Assumed: a company code is unique per owner (a second add with the same code is refused). */
export function addCompanies(args: { inputs: BulkInputArg<CompanyNode>[] }, ctx: RequestContext) {
  const { state } = ctx;
  const r = visible(ctx);
  const taken = new Set(state.tables.companies.rows.map((c) => `${c.ownerDbId}/${c.code}`));
  return runBulk(
    ctx,
    'addCompanies',
    'Common Company',
    args.inputs,
    (node, report) => {
      checkRequired(report, 'code', node.code);
      checkRequired(report, 'description', node.description);
      checkEmail(report, 'email', node.email);
      const ownerDbId = lookupId(report, r.entities, node.owner, 'owner', 'entity') ?? ctx.token.ownerDbId;
      if (taken.has(`${ownerDbId}/${node.code}`))
        report({ field: 'code', code: 'DUPLICATE_VALUE', message: `Company code ${JSON.stringify(node.code)} is already in use`, recordCode: node.code });
      taken.add(`${ownerDbId}/${node.code}`);
      return { ownerDbId, countryDbId: lookupId(report, state.tables.countries.rows, node.address?.country ?? node.country, 'country', 'country') };
    },
    (node, plan) => {
      const stamp = state.timestamp();
      const row: CompanyRow = state.tables.companies.insert({
        dbId: state.allocId(),
        ownerDbId: plan.ownerDbId,
        createdAt: stamp,
        modifiedAt: stamp,
        code: node.code,
        description: node.description,
        companyNumber: node.companyNumber ?? null,
        taxNumber: null,
        email: node.email ?? null,
        phone: null,
        countryDbId: plan.countryDbId ?? null,
        address: mergeAddress(ctx, null, node.address ?? null, plan.countryDbId),
      });
      return companyView(ctx, row);
    },
  );
}

interface CustomerNode {
  code: string;
  description: string;
  company: LookupArg;
  email?: string | null;
  currency?: LookupArg | null;
  address?: AddressArg | null;
  owner?: LookupArg | null;
}

/** ZD-cust: `company{dbId}`, `code` and `description` are mandatory. Assumed: a customer code is unique per owner. */
export function addCustomers(args: { inputs: BulkInputArg<CustomerNode>[] }, ctx: RequestContext) {
  const { state } = ctx;
  const r = visible(ctx);
  const taken = new Set(state.tables.subledgers.rows.filter((s) => s.ledgerType === 'CUSTOMER').map((s) => `${s.ownerDbId}/${s.code}`));
  return runBulk(
    ctx,
    'addCustomers',
    'Common Subledger',
    args.inputs,
    (node, report) => {
      checkRequired(report, 'code', node.code);
      checkRequired(report, 'description', node.description);
      checkEmail(report, 'email', node.email);
      const ownerDbId = lookupId(report, r.entities, node.owner, 'owner', 'entity') ?? ctx.token.ownerDbId;
      if (taken.has(`${ownerDbId}/${node.code}`))
        report({ field: 'code', code: 'DUPLICATE_VALUE', message: `Customer code ${JSON.stringify(node.code)} is already in use`, recordCode: node.code });
      taken.add(`${ownerDbId}/${node.code}`);
      return {
        ownerDbId,
        companyDbId: lookupId(report, r.companies, node.company, 'company', 'company'),
        currencyDbId: lookupId(report, state.tables.currencies.rows, node.currency, 'currency', 'currency'),
        countryDbId: lookupId(report, state.tables.countries.rows, node.address?.country, 'address.country', 'country'),
      };
    },
    (node, plan) => {
      const stamp = state.timestamp();
      const row: SubledgerRow = state.tables.subledgers.insert({
        dbId: state.allocId(),
        ownerDbId: plan.ownerDbId,
        createdAt: stamp,
        modifiedAt: stamp,
        ledgerType: 'CUSTOMER',
        code: node.code,
        description: node.description,
        email: node.email ?? null,
        phone: null,
        bankAccount: null,
        companyDbId: plan.companyDbId ?? null,
        currencyDbId: plan.currencyDbId ?? null,
        address: mergeAddress(ctx, null, node.address ?? null, plan.countryDbId),
      });
      return subledgerView(ctx, row);
    },
  );
}
