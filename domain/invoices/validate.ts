import { MAX_BULK_NODES } from '../shared/xledger-limits';
import type { DocumentIssue, SourceDocument, SourceProduct } from './invoice-types';
import { MoneyFormatError, parseOre, parseScaled } from './money';
import { priceDocument } from './pricing';
import type { VatRounding } from './vat';

/**
 * Every check made before anything is sent, in two steps: `checkLocally` needs only the source tables and settings;
 * `checkAgainstXledger` needs what Xledger knows (accounts, VAT codes, dimensions, currencies), looked up once per run.
 * Each refusal names the document, the line when it is a line's, and the reason.
 */

/** Where a credit note's invoice stands. */
export type CreditedInvoiceState = 'missing' | 'not-an-invoice' | 'exported' | 'in-this-run' | 'not-exported';

export interface LocalCheckContext {
  products: ReadonlyMap<string, SourceProduct>;
  customers: ReadonlySet<string>;
  rates: ReadonlyMap<string, bigint>;
  creditedInvoice(number: string): CreditedInvoiceState;
  /** Nodes one document sends: its lines (invoice basis, GL import) or 1 (a sales order). */
  nodesOf(doc: SourceDocument): number;
  /** Whether the document's mutation names each line's product (invoice basis, sales orders; a GL voucher does not). */
  sendsProducts(doc: SourceDocument): boolean;
}

export interface KnownInXledger {
  accounts: ReadonlySet<string>;
  vatCodes: ReadonlySet<string>;
  dimensions: ReadonlySet<string>;
  currencies: ReadonlySet<string>;
  products: ReadonlySet<string>;
}

/** The values a set of documents uses, to look up once per run. */
export interface UsedValues {
  accounts: string[];
  vatCodes: string[];
  dimensions: string[];
  currencies: string[];
  /** Product codes of the documents whose mutation names products. */
  products: string[];
}

const CURRENCY = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkLocally(doc: SourceDocument, ctx: LocalCheckContext): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const refuse = (reason: string, line?: number) => issues.push({ document: doc.number, ...(line !== undefined ? { line } : {}), reason });

  if (!ctx.customers.has(doc.customerNumber)) refuse(`customer ${doc.customerNumber} is not in invoice_customers`);
  if (!CURRENCY.test(doc.currency)) refuse(`currency ${JSON.stringify(doc.currency)} is not a three-letter ISO 4217 code`);
  for (const [field, value] of [
    ['invoice date', doc.invoiceDate],
    ['due date', doc.dueDate],
    ['delivery date', doc.deliveryDate],
  ] as const) {
    if (value !== null && !DATE.test(value)) refuse(`${field} ${JSON.stringify(value)} is not YYYY-MM-DD`);
  }
  if (doc.kind !== 'order' && !doc.invoiceDate) refuse('an invoice or credit note needs an invoice date');
  if (doc.kind === 'credit_note') {
    if (!doc.creditsNumber) refuse('credit note without the invoice it credits (credits_number is empty)');
    else {
      const state = ctx.creditedInvoice(doc.creditsNumber);
      if (state === 'missing') refuse(`credit note for invoice ${doc.creditsNumber}, which does not exist`);
      else if (state === 'not-an-invoice') refuse(`credit note for ${doc.creditsNumber}, which is not an invoice`);
      else if (state === 'not-exported') refuse(`credit note for invoice ${doc.creditsNumber}, which is not exported yet`);
    }
  } else if (doc.creditsNumber) refuse(`only a credit note credits an invoice (credits_number ${doc.creditsNumber} on a ${doc.kind})`);
  if (doc.lines.length === 0) refuse('no lines');
  const nodes = ctx.nodesOf(doc);
  if (nodes > MAX_BULK_NODES) refuse(`${nodes} Xledger nodes: more than the ${MAX_BULK_NODES} one request takes, and a document goes in one request`);

  for (const line of doc.lines) {
    const product = ctx.products.get(line.productCode);
    if (!product) {
      refuse(`product ${line.productCode} is not in invoice_products`, line.lineNumber);
      continue;
    }
    const missing = [
      !product.debitAccount && 'debit account',
      !product.creditAccount && 'credit account',
      !product.vatCode && !line.vatCode && 'VAT code',
    ].filter(Boolean);
    if (missing.length) refuse(`product ${product.code} has no ${missing.join(', ')}`, line.lineNumber);
    const vatCode = line.vatCode ?? product.vatCode;
    if (vatCode && !ctx.rates.has(vatCode)) refuse(`VAT code ${vatCode} is not in the VAT table (settings.invoices.vatCodes)`, line.lineNumber);
    for (const [what, value, scale] of [
      ['quantity', line.quantity, 4],
      ['unit price', line.unitPrice, 2],
      ['discount', line.discountPercent, 2],
    ] as const) {
      try {
        parseScaled(value, scale, what);
      } catch (err) {
        if (!(err instanceof MoneyFormatError)) throw err;
        refuse(err.message, line.lineNumber);
      }
    }
    if (/^-/.test(line.quantity.trim())) refuse('quantity is negative: a credit is a credit note, whose quantities are positive', line.lineNumber);
    try {
      const d = parseScaled(line.discountPercent, 2, 'discount');
      if (d < 0n || d > 10_000n) refuse(`discount ${line.discountPercent} % is outside 0–100 %`, line.lineNumber);
    } catch {
      /* reported above */
    }
  }
  return issues;
}

/** Header totals (when stated) against the lines' totals. A credit note's stated totals may be written either sign. */
export function checkTotals(doc: SourceDocument, computed: { net: string; vat: string; gross: string }): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  for (const [label, stated, ours] of [
    ['net', doc.totalNet, computed.net],
    ['VAT', doc.totalVat, computed.vat],
    ['gross', doc.totalGross, computed.gross],
  ] as const) {
    if (stated === null) continue;
    let statedOre: bigint;
    try {
      statedOre = parseOre(stated, `header ${label} total`);
    } catch (err) {
      issues.push({ document: doc.number, reason: (err as Error).message });
      continue;
    }
    const oursOre = parseOre(ours);
    const agrees = statedOre === oursOre || (doc.kind === 'credit_note' && statedOre === -oursOre);
    if (!agrees) issues.push({ document: doc.number, reason: `header ${label} total ${stated} disagrees with the lines' ${ours.replace(/^-/, '')}` });
  }
  return issues;
}

export function usedValues(
  docs: readonly SourceDocument[],
  products: ReadonlyMap<string, SourceProduct>,
  sendsProducts: (doc: SourceDocument) => boolean,
): UsedValues {
  const productCodes = new Set<string>();
  const accounts = new Set<string>();
  const vatCodes = new Set<string>();
  const dimensions = new Set<string>();
  const currencies = new Set<string>();
  for (const doc of docs) {
    currencies.add(doc.currency);
    for (const line of doc.lines) {
      if (sendsProducts(doc)) productCodes.add(line.productCode);
      const p = products.get(line.productCode);
      if (p?.debitAccount) accounts.add(p.debitAccount);
      if (p?.creditAccount) accounts.add(p.creditAccount);
      const vat = line.vatCode ?? p?.vatCode;
      if (vat) vatCodes.add(vat);
      for (const d of line.dimensions) if (d) dimensions.add(d);
    }
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    accounts: sorted(accounts),
    vatCodes: sorted(vatCodes),
    dimensions: sorted(dimensions),
    currencies: sorted(currencies),
    products: sorted(productCodes),
  };
}

export function checkAgainstXledger(
  doc: SourceDocument,
  products: ReadonlyMap<string, SourceProduct>,
  known: KnownInXledger,
  sendsProducts: boolean,
): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  if (!known.currencies.has(doc.currency)) issues.push({ document: doc.number, reason: `currency ${doc.currency} is unknown in Xledger` });
  for (const line of doc.lines) {
    const p = products.get(line.productCode)!;
    const refuse = (reason: string) => issues.push({ document: doc.number, line: line.lineNumber, reason });
    if (sendsProducts && !known.products.has(p.code)) refuse(`product ${p.code} is unknown in Xledger`);
    for (const account of [p.debitAccount, p.creditAccount])
      if (account && !known.accounts.has(account)) refuse(`account ${account} (product ${p.code}) is unknown in Xledger`);
    const vat = line.vatCode ?? p.vatCode;
    if (vat && !known.vatCodes.has(vat)) refuse(`VAT code ${vat} is unknown in Xledger`);
    line.dimensions.forEach((d, i) => {
      if (d && !known.dimensions.has(d)) refuse(`dimension ${d} (glObject${i + 1}) is unknown in Xledger`);
    });
  }
  return issues;
}

/** Every check, then the priced document; or the refusals. */
export function validateDocument(
  doc: SourceDocument,
  ctx: LocalCheckContext,
  known: KnownInXledger,
  rounding: VatRounding,
): { ok: true; priced: ReturnType<typeof priceDocument> } | { ok: false; issues: DocumentIssue[] } {
  const local = checkLocally(doc, ctx);
  if (local.length) return { ok: false, issues: local };
  const remote = checkAgainstXledger(doc, ctx.products, known, ctx.sendsProducts(doc));
  if (remote.length) return { ok: false, issues: remote };
  const priced = priceDocument(doc, ctx.products, ctx.rates, rounding);
  const totals = checkTotals(doc, priced.totals);
  return totals.length ? { ok: false, issues: totals } : { ok: true, priced };
}

export const describeIssues = (issues: readonly DocumentIssue[]): string =>
  issues.map((i) => (i.line !== undefined ? `line ${i.line}: ${i.reason}` : i.reason)).join('; ');
