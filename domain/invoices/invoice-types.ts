/** The invoicing system's documents as the engine reads them (db/invoices), in plain values: no I/O. */

export type DocumentKind = 'invoice' | 'credit_note' | 'order';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['invoice', 'credit_note', 'order'];

export interface SourceLine {
  lineNumber: number;
  productCode: string;
  text: string | null;
  /** Decimal strings, exactly as stored (numeric). */
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  /** null: the product's VAT code. */
  vatCode: string | null;
  /** glObject1..3 codes. */
  dimensions: [string | null, string | null, string | null];
}

export interface SourceDocument {
  number: string;
  kind: DocumentKind;
  department: string;
  customerNumber: string;
  /** YYYY-MM-DD */
  invoiceDate: string | null;
  dueDate: string | null;
  deliveryDate: string | null;
  currency: string;
  creditsNumber: string | null;
  yourReference: string | null;
  text: string | null;
  /** Stated header totals (decimal strings), checked against the lines when present. */
  totalNet: string | null;
  totalVat: string | null;
  totalGross: string | null;
  lines: SourceLine[];
}

export interface SourceProduct {
  code: string;
  description: string | null;
  debitAccount: string | null;
  creditAccount: string | null;
  vatCode: string | null;
}

export interface SourceCustomer {
  number: string;
  name: string;
  orgNumber: string | null;
  streetAddress: string | null;
  zipCode: string | null;
  place: string | null;
  countryCode: string | null;
  email: string | null;
}

/** One refusal: which document, which line (if a line), and why. */
export interface DocumentIssue {
  document: string;
  line?: number;
  reason: string;
}

/** A line with its amounts worked out (øre as decimal strings in plans, so they travel as JSON). */
export interface PricedLine {
  lineNumber: number;
  productCode: string;
  text: string | null;
  /** Signed: a credit note's quantities are negated. */
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  vatCode: string;
  debitAccount: string;
  creditAccount: string;
  dimensions: [string | null, string | null, string | null];
  net: string;
  vat: string;
}

export interface DocumentTotals {
  net: string;
  vat: string;
  gross: string;
  /** Per VAT code: net and VAT. */
  byVatCode: Array<{ vatCode: string; net: string; vat: string }>;
}

export interface PricedDocument {
  document: SourceDocument;
  lines: PricedLine[];
  totals: DocumentTotals;
}
