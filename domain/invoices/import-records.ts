import { DOCUMENT_KINDS, type DocumentKind, type SourceCustomer, type SourceDocument, type SourceLine, type SourceProduct } from './invoice-types';
import { MoneyFormatError, parseScaled } from './money';

/**
 * Checks of an invoice import's records (`xsync invoices import`): each raw record (from CSV rows or JSON) becomes a
 * typed record or a list of problems naming where it came from, the field and why. Pure.
 */

export type RawRecord = Record<string, unknown>;

export interface ImportProblem {
  /** CSV: the file's line (header = 1); JSON: "documents[3].lines[1]". */
  where: string;
  record: string;
  field: string;
  reason: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: ImportProblem[] };

class Reader {
  problems: ImportProblem[] = [];
  constructor(
    private readonly raw: RawRecord,
    private readonly where: string,
    private readonly record: string,
  ) {}

  private fail(field: string, reason: string): null {
    this.problems.push({ where: this.where, record: this.record, field, reason });
    return null;
  }

  /** A trimmed string; '' and absent are null. Numbers are refused where text is expected only if not plain. */
  text(field: string, opts: { required?: boolean; max?: number; pattern?: [RegExp, string] } = {}): string | null {
    const v = this.raw[field];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return opts.required ? this.fail(field, 'is required') : null;
    if (typeof v !== 'string' && typeof v !== 'number') return this.fail(field, 'must be text');
    const s = String(v).trim();
    if (opts.max !== undefined && s.length > opts.max) return this.fail(field, `is longer than ${opts.max} characters`);
    if (opts.pattern && !opts.pattern[0].test(s)) return this.fail(field, opts.pattern[1]);
    return s;
  }

  /** A decimal with at most `scale` decimals; a decimal comma is read as a point (Norwegian Excel). Exact: kept as text. */
  decimal(field: string, scale: number, opts: { required?: boolean; min?: bigint; max?: bigint; fallback?: string } = {}): string | null {
    const v = this.raw[field];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (opts.fallback !== undefined) return opts.fallback;
      return opts.required ? this.fail(field, 'is required') : null;
    }
    if (typeof v === 'number' && !/^-?\d+(\.\d+)?$/.test(String(v))) return this.fail(field, `${String(v)} is not a plain decimal; write it as a string`);
    if (typeof v !== 'string' && typeof v !== 'number') return this.fail(field, 'must be a decimal number');
    let s = String(v).trim().replace(/\s/g, '');
    if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
    try {
      const n = parseScaled(s, scale, field);
      if (opts.min !== undefined && n < opts.min * 10n ** BigInt(scale)) return this.fail(field, `must be at least ${opts.min}`);
      if (opts.max !== undefined && n > opts.max * 10n ** BigInt(scale)) return this.fail(field, `must be at most ${opts.max}`);
      return s;
    } catch (err) {
      if (err instanceof MoneyFormatError) return this.fail(field, err.message.replace(/^\S+ /, ''));
      throw err;
    }
  }

  date(field: string, required = false): string | null {
    const s = this.text(field, { required });
    if (s === null) return null;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!d || d.toISOString().slice(0, 10) !== s) return this.fail(field, `${JSON.stringify(s)} is not a date (YYYY-MM-DD)`);
    return s;
  }

  integer(field: string, fallback: number): number | null {
    const v = this.raw[field];
    if (v === undefined || v === null || v === '') return fallback;
    const n = typeof v === 'number' ? v : /^\d+$/.test(String(v).trim()) ? Number(String(v).trim()) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) return this.fail(field, 'must be a whole number from 1');
    return n;
  }
}

const AMOUNT_MAX = 10n ** 15n;

export function checkCustomer(raw: RawRecord, where: string): Checked<SourceCustomer> {
  const r = new Reader(raw, where, String(raw.number ?? ''));
  const value: SourceCustomer = {
    number: r.text('number', { required: true, max: 50 })!,
    name: r.text('name', { required: true, max: 200 })!,
    orgNumber: r.text('orgNumber', { pattern: [/^\d{9}$/, 'must be 9 digits (a Norwegian organisation number)'] }),
    streetAddress: r.text('streetAddress', { max: 200 }),
    zipCode: r.text('zipCode', { max: 20 }),
    place: r.text('place', { max: 100 }),
    countryCode: r.text('countryCode', { pattern: [/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as NO'] }),
    email: r.text('email', { pattern: [/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'is not an email address'] }),
  };
  return r.problems.length ? { ok: false, problems: r.problems } : { ok: true, value };
}

export function checkProduct(raw: RawRecord, where: string): Checked<SourceProduct> {
  const r = new Reader(raw, where, String(raw.code ?? ''));
  const value: SourceProduct = {
    code: r.text('code', { required: true, max: 50 })!,
    description: r.text('description', { max: 200 }),
    debitAccount: r.text('debitAccount', { max: 20 }),
    creditAccount: r.text('creditAccount', { max: 20 }),
    vatCode: r.text('vatCode', { max: 10 }),
  };
  return r.problems.length ? { ok: false, problems: r.problems } : { ok: true, value };
}

/** A document's header fields (CSV rows of one document must agree on them). */
export const DOCUMENT_FIELDS = [
  'number',
  'kind',
  'department',
  'customerNumber',
  'invoiceDate',
  'dueDate',
  'deliveryDate',
  'currency',
  'creditsNumber',
  'yourReference',
  'text',
  'totalNet',
  'totalVat',
  'totalGross',
] as const;
export const LINE_FIELDS = [
  'lineNumber',
  'productCode',
  'lineText',
  'quantity',
  'unitPrice',
  'discountPercent',
  'vatCode',
  'dimension1',
  'dimension2',
  'dimension3',
] as const;

export function checkLine(raw: RawRecord, where: string, document: string, fallbackNumber: number): Checked<SourceLine> {
  const r = new Reader(raw, where, document);
  const value: SourceLine = {
    lineNumber: r.integer('lineNumber', fallbackNumber)!,
    productCode: r.text('productCode', { required: true, max: 50 })!,
    text: r.text('lineText', { max: 500 }) ?? r.text('text', { max: 500 }),
    quantity: r.decimal('quantity', 4, { required: true, min: 0n, max: AMOUNT_MAX })!,
    unitPrice: r.decimal('unitPrice', 2, { required: true, min: -AMOUNT_MAX, max: AMOUNT_MAX })!,
    discountPercent: r.decimal('discountPercent', 2, { min: 0n, max: 100n, fallback: '0' })!,
    vatCode: r.text('vatCode', { max: 10 }),
    dimensions: [r.text('dimension1', { max: 50 }), r.text('dimension2', { max: 50 }), r.text('dimension3', { max: 50 })],
  };
  return r.problems.length ? { ok: false, problems: r.problems } : { ok: true, value };
}

export function checkDocumentHeader(raw: RawRecord, where: string): Checked<Omit<SourceDocument, 'lines'>> {
  const r = new Reader(raw, where, String(raw.number ?? ''));
  const kind = r.text('kind', { required: true, pattern: [new RegExp(`^(${DOCUMENT_KINDS.join('|')})$`), `must be one of ${DOCUMENT_KINDS.join(', ')}`] });
  const value = {
    number: r.text('number', { required: true, max: 50 })!,
    kind: kind as DocumentKind,
    department: r.text('department', { required: true, max: 50 })!,
    customerNumber: r.text('customerNumber', { required: true, max: 50 })!,
    invoiceDate: r.date('invoiceDate'),
    dueDate: r.date('dueDate'),
    deliveryDate: r.date('deliveryDate'),
    currency: r.text('currency', { pattern: [/^[A-Z]{3}$/, 'must be an ISO 4217 code such as NOK'] }) ?? 'NOK',
    creditsNumber: r.text('creditsNumber', { max: 50 }),
    yourReference: r.text('yourReference', { max: 200 }),
    text: r.text('text', { max: 500 }),
    totalNet: r.decimal('totalNet', 2, { min: -AMOUNT_MAX, max: AMOUNT_MAX }),
    totalVat: r.decimal('totalVat', 2, { min: -AMOUNT_MAX, max: AMOUNT_MAX }),
    totalGross: r.decimal('totalGross', 2, { min: -AMOUNT_MAX, max: AMOUNT_MAX }),
  };
  return r.problems.length ? { ok: false, problems: r.problems } : { ok: true, value };
}

/** Line numbers of a document must be unique. */
export function duplicateLines(lines: readonly SourceLine[]): number[] {
  const seen = new Set<number>();
  const dup = new Set<number>();
  for (const l of lines) (seen.has(l.lineNumber) ? dup : seen).add(l.lineNumber);
  return [...dup];
}
