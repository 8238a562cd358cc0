import type { PricedDocument, PricedLine, SourceDocument, SourceProduct } from './invoice-types';
import { formatOre, parseOre } from './money';

/**
 * What each document becomes in Xledger, by transfer method (RecMan, seed 004): orders as sales orders (invoiced in
 * Xledger), invoices and credit notes as invoice basis items or GL import items (invoiced in the source system). Our
 * document id travels in every node (`extIdentifier`, `extOrder`), so a retried batch can read back what landed.
 * Plain values only: xledger/client/invoices.ts sends them as GraphQL variables.
 */

export type TransferMethod = 'orders' | 'invoices';
export type InvoiceMutation = 'invoice-base-items' | 'gl-import';
/** Which Xledger mutation a document goes out with. */
export type ExportMutation = 'sales-orders' | InvoiceMutation;

type Code = { code: string };
type Dimensions = { glObject1?: Code; glObject2?: Code; glObject3?: Code };

export interface SalesOrderDetailNode extends Dimensions {
  lineNumber: number;
  product: Code;
  text?: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRule: Code;
}

export interface SalesOrderNode {
  subledger: Code;
  extOrder: string;
  orderDate?: string;
  invoiceDate?: string;
  dueDate?: string;
  deliveryDate?: string;
  currency: Code;
  text?: string;
  yourReference?: string;
  details: SalesOrderDetailNode[];
}

export interface InvoiceBaseItemNode extends Dimensions {
  subledger: Code;
  product: Code;
  lineNumber: number;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  text?: string;
  invoiceDate?: string;
  dueDate?: string;
  headerInfo: string;
  yourReference?: string;
  extIdentifier: string;
  extOrder: string;
  taxRule: Code;
  currency: Code;
}

export interface GlImportItemNode extends Dimensions {
  lineNumber: number;
  postedDate: string;
  invoiceDate: string;
  dueDate?: string;
  transactionSource: Code;
  account: Code;
  /** Signed decimal strings: debits positive, credits negative; a document's amounts and tax amounts sum to zero. */
  amount: string;
  taxAmount?: string;
  taxRule?: Code;
  invoiceAmount?: string;
  subledger?: Code;
  currency: Code;
  text: string;
  invoiceNumber: string;
  extIdentifier: string;
}

export type ExportNodes =
  | { mutation: 'sales-orders'; nodes: SalesOrderNode[] }
  | { mutation: 'invoice-base-items'; nodes: InvoiceBaseItemNode[] }
  | { mutation: 'gl-import'; nodes: GlImportItemNode[] };

/** The key our document carries in Xledger (extIdentifier / extOrder). */
export const exportKey = (documentNumber: string): string => `xsync:${documentNumber}`;

/** The mutation a document goes with: an order as a sales order; an invoice or credit note as the setting says. */
export function mutationFor(kind: PricedDocument['document']['kind'], invoicesAs: InvoiceMutation): ExportMutation {
  return kind === 'order' ? 'sales-orders' : invoicesAs;
}

/** How many mutation nodes a document sends: an order is one; invoice basis one per line; a GL voucher its lines and debits. */
export function nodeCount(doc: SourceDocument, products: ReadonlyMap<string, SourceProduct>, invoicesAs: InvoiceMutation): number {
  const mutation = mutationFor(doc.kind, invoicesAs);
  if (mutation === 'sales-orders') return 1;
  if (mutation === 'invoice-base-items') return doc.lines.length;
  return doc.lines.length + new Set(doc.lines.map((l) => products.get(l.productCode)?.debitAccount)).size;
}

const optional = <K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } =>
  (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function dimensions(line: PricedLine): Dimensions {
  const [d1, d2, d3] = line.dimensions;
  return {
    ...optional('glObject1', d1 ? { code: d1 } : null),
    ...optional('glObject2', d2 ? { code: d2 } : null),
    ...optional('glObject3', d3 ? { code: d3 } : null),
  };
}

function headerInfo(p: PricedDocument): string {
  const d = p.document;
  return d.kind === 'credit_note' ? `Credit note ${d.number} for invoice ${d.creditsNumber}` : `Invoice ${d.number}`;
}

export function toExportNodes(p: PricedDocument, invoicesAs: InvoiceMutation): ExportNodes {
  const d = p.document;
  const key = exportKey(d.number);
  const mutation = mutationFor(d.kind, invoicesAs);
  if (mutation === 'sales-orders') {
    return {
      mutation,
      nodes: [
        {
          subledger: { code: d.customerNumber },
          extOrder: key,
          ...optional('orderDate', d.invoiceDate),
          ...optional('invoiceDate', d.invoiceDate),
          ...optional('dueDate', d.dueDate),
          ...optional('deliveryDate', d.deliveryDate),
          currency: { code: d.currency },
          ...optional('text', d.text),
          ...optional('yourReference', d.yourReference),
          details: p.lines.map((l) => ({
            lineNumber: l.lineNumber,
            product: { code: l.productCode },
            ...optional('text', l.text),
            quantity: l.quantity,
            unitPrice: l.unitPrice,
            discountPercent: l.discountPercent,
            taxRule: { code: l.vatCode },
            ...dimensions(l),
          })),
        },
      ],
    };
  }
  if (mutation === 'invoice-base-items') {
    return {
      mutation,
      nodes: p.lines.map((l) => ({
        subledger: { code: d.customerNumber },
        product: { code: l.productCode },
        lineNumber: l.lineNumber,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountPercent: l.discountPercent,
        ...optional('text', l.text),
        ...optional('invoiceDate', d.invoiceDate),
        ...optional('dueDate', d.dueDate),
        headerInfo: headerInfo(p),
        ...optional('yourReference', d.yourReference),
        extIdentifier: key,
        extOrder: d.number,
        taxRule: { code: l.vatCode },
        currency: { code: d.currency },
        ...dimensions(l),
      })),
    };
  }
  return { mutation, nodes: glImportNodes(p, key) };
}

/**
 * A GL voucher: one credit per line on the product's credit account (net, with its VAT as taxAmount and tax rule),
 * and one debit on the customer's subledger for the gross total, on the debit account of the document's first line
 * (a document whose products debit different accounts gets one debit per account, in line order).
 */
function glImportNodes(p: PricedDocument, key: string): GlImportItemNode[] {
  const d = p.document;
  const common = {
    postedDate: d.invoiceDate!,
    invoiceDate: d.invoiceDate!,
    ...optional('dueDate', d.dueDate),
    transactionSource: { code: 'AR' },
    currency: { code: d.currency },
    invoiceNumber: d.number,
    extIdentifier: key,
  };
  const credits: GlImportItemNode[] = p.lines.map((l) => ({
    ...common,
    lineNumber: l.lineNumber,
    account: { code: l.creditAccount },
    amount: formatOre(-parseOre(l.net)),
    taxAmount: formatOre(-parseOre(l.vat)),
    taxRule: { code: l.vatCode },
    text: l.text ?? headerInfo(p),
    ...dimensions(l),
  }));
  const debitByAccount = new Map<string, bigint>();
  for (const l of p.lines) debitByAccount.set(l.debitAccount, (debitByAccount.get(l.debitAccount) ?? 0n) + parseOre(l.net) + parseOre(l.vat));
  const last = Math.max(...p.lines.map((l) => l.lineNumber));
  const debits: GlImportItemNode[] = [...debitByAccount].map(([account, gross], i) => ({
    ...common,
    lineNumber: last + 1 + i,
    account: { code: account },
    amount: formatOre(gross),
    invoiceAmount: formatOre(gross),
    subledger: { code: d.customerNumber },
    text: headerInfo(p),
  }));
  return [...credits, ...debits];
}

/** Documents packed in order into batches of at most `maxNodes` nodes; a document is never split. */
export function packBatches<T>(docs: readonly T[], nodesOf: (doc: T) => number, maxNodes: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const doc of docs) {
    const n = nodesOf(doc);
    if (current.length && size + n > maxNodes) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(doc);
    size += n;
  }
  if (current.length) batches.push(current);
  return batches;
}
