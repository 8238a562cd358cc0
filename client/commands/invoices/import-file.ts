import { parse } from 'csv-parse/sync';
import {
  checkCustomer,
  checkDocumentHeader,
  checkLine,
  checkProduct,
  DOCUMENT_FIELDS,
  duplicateLines,
  LINE_FIELDS,
  type ImportProblem,
  type RawRecord,
} from '../../../domain/invoices/import-records';
import type { SourceCustomer, SourceDocument, SourceProduct } from '../../../domain/invoices/invoice-types';
import { ImportFileError } from '../../../hr/import-parse';

/**
 * Reads an invoice import file into checked records: JSON `{customers, products, documents}` or CSV (one row per
 * customer, per product, or per document line; which one the header says). A bad record is reported with where it
 * came from and left out; a document with any bad line is left out whole (never half an invoice).
 */

export interface InvoiceImport {
  customers: SourceCustomer[];
  products: SourceProduct[];
  documents: SourceDocument[];
  problems: ImportProblem[];
}

export type CsvSeparator = ',' | ';';

const CUSTOMER_COLUMNS = ['number', 'name', 'orgNumber', 'streetAddress', 'zipCode', 'place', 'countryCode', 'email'];
const PRODUCT_COLUMNS = ['code', 'description', 'debitAccount', 'creditAccount', 'vatCode'];
const DOCUMENT_COLUMNS = [...DOCUMENT_FIELDS, ...LINE_FIELDS];
const ALL_COLUMNS = new Map([...CUSTOMER_COLUMNS, ...PRODUCT_COLUMNS, ...DOCUMENT_COLUMNS].map((c) => [c.toLowerCase(), c]));

export const INVOICE_CSV_COLUMNS = { customers: CUSTOMER_COLUMNS, products: PRODUCT_COLUMNS, documents: DOCUMENT_COLUMNS };

export function parseInvoiceImport(content: Buffer, format: 'csv' | 'json'): InvoiceImport & { separator?: CsvSeparator } {
  return format === 'json' ? fromJson(content) : fromCsv(content);
}

function emptyImport(): InvoiceImport {
  return { customers: [], products: [], documents: [], problems: [] };
}

function fromJson(content: Buffer): InvoiceImport {
  let data: unknown;
  try {
    data = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportFileError(`not valid JSON: ${(err as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new ImportFileError('expected an object {"customers": [...], "products": [...], "documents": [...]}');
  const obj = data as Record<string, unknown>;
  for (const key of Object.keys(obj))
    if (!['customers', 'products', 'documents'].includes(key)) throw new ImportFileError(`unknown key "${key}"; expected customers, products, documents`);
  const out = emptyImport();
  const list = (key: string): unknown[] => {
    const v = obj[key] ?? [];
    if (!Array.isArray(v)) throw new ImportFileError(`"${key}" must be an array`);
    return v;
  };
  const record = (v: unknown, where: string): RawRecord | null => {
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as RawRecord;
    out.problems.push({ where, record: '', field: '', reason: 'must be an object' });
    return null;
  };
  list('customers').forEach((v, i) => {
    const r = record(v, `customers[${i}]`);
    if (r) collect(out, checkCustomer(r, `customers[${i}]`), (c) => out.customers.push(c));
  });
  list('products').forEach((v, i) => {
    const r = record(v, `products[${i}]`);
    if (r) collect(out, checkProduct(r, `products[${i}]`), (p) => out.products.push(p));
  });
  list('documents').forEach((v, i) => {
    const where = `documents[${i}]`;
    const r = record(v, where);
    if (!r) return;
    const header = checkDocumentHeader(r, where);
    const rawLines = Array.isArray(r.lines) ? r.lines : null;
    if (!rawLines) out.problems.push({ where, record: String(r.number ?? ''), field: 'lines', reason: 'must be an array of lines' });
    const lines = (rawLines ?? []).map((l, j) => {
      const lw = `${where}.lines[${j}]`;
      const lr = record(l, lw);
      return lr ? checkLine(lr, lw, String(r.number ?? ''), j + 1) : null;
    });
    addDocument(out, where, header, lines, rawLines !== null);
  });
  return out;
}

function collect<T>(out: InvoiceImport, checked: { ok: true; value: T } | { ok: false; problems: ImportProblem[] }, add: (v: T) => void): boolean {
  if (checked.ok) add(checked.value);
  else out.problems.push(...checked.problems);
  return checked.ok;
}

function addDocument(
  out: InvoiceImport,
  where: string,
  header: ReturnType<typeof checkDocumentHeader>,
  lines: Array<ReturnType<typeof checkLine> | null>,
  linesReadable: boolean,
): void {
  const good = lines.every((l) => l?.ok);
  if (!header.ok) out.problems.push(...header.problems);
  for (const l of lines) if (l && !l.ok) out.problems.push(...l.problems);
  if (!header.ok || !good || !linesReadable) return;
  const docLines = lines.map((l) => (l as { ok: true; value: SourceDocument['lines'][number] }).value);
  const dup = duplicateLines(docLines);
  if (dup.length) {
    out.problems.push({ where, record: header.value.number, field: 'lineNumber', reason: `line number(s) ${dup.join(', ')} appear more than once` });
    return;
  }
  if (out.documents.some((d) => d.number === header.value.number)) {
    out.problems.push({ where, record: header.value.number, field: 'number', reason: 'the document appears more than once in the file' });
    return;
  }
  out.documents.push({ ...header.value, lines: docLines });
}

function detectSeparator(content: Buffer): CsvSeparator {
  const end = content.indexOf(0x0a);
  const header = content.subarray(0, end === -1 ? content.length : end).toString('utf8');
  const known = (sep: string) => header.split(sep).filter((h) => ALL_COLUMNS.has(h.trim().replace(/^"|"$/g, '').toLowerCase())).length;
  return known(';') > known(',') ? ';' : ',';
}

function fromCsv(content: Buffer): InvoiceImport & { separator: CsvSeparator } {
  const separator = detectSeparator(content);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(content, { bom: true, delimiter: separator, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (err) {
    throw new ImportFileError(`not a readable CSV file: ${(err as Error).message}`);
  }
  const out = { ...emptyImport(), separator };
  if (records.length === 0) return out;
  const columns = records[0]!.record.map((h) => {
    const c = ALL_COLUMNS.get(h.trim().toLowerCase());
    if (!c) throw new ImportFileError(`unknown column "${h}" in the header`);
    return c;
  });
  const has = (c: string) => columns.includes(c);
  const what = has('productCode') || has('kind') ? 'documents' : has('debitAccount') || has('creditAccount') ? 'products' : has('name') ? 'customers' : null;
  if (!what)
    throw new ImportFileError(
      'cannot tell what the file holds: a documents file has kind and productCode, a products file debitAccount, a customers file name',
    );
  const rows = records.slice(1).map((r) => ({ line: r.info.lines, raw: Object.fromEntries(columns.map((c, i) => [c, r.record[i] ?? ''])) as RawRecord }));
  if (what === 'customers') for (const r of rows) collect(out, checkCustomer(r.raw, `line ${r.line}`), (c) => out.customers.push(c));
  else if (what === 'products') for (const r of rows) collect(out, checkProduct(r.raw, `line ${r.line}`), (p) => out.products.push(p));
  else {
    const byNumber = new Map<string, typeof rows>();
    for (const r of rows) {
      const n = String(r.raw.number ?? '').trim();
      (byNumber.get(n) ?? byNumber.set(n, []).get(n)!).push(r);
    }
    for (const [number, group] of byNumber) {
      const first = group[0]!;
      const where = `line ${group.map((g) => g.line).join(', ')}`;
      const disagree = DOCUMENT_FIELDS.filter((f) => group.some((g) => String(g.raw[f] ?? '').trim() !== String(first.raw[f] ?? '').trim()));
      if (disagree.length) {
        out.problems.push({ where, record: number, field: disagree.join(', '), reason: "the document's rows disagree on its header fields" });
        continue;
      }
      const lines = group.map((g, i) => checkLine(Object.fromEntries(LINE_FIELDS.map((f) => [f, g.raw[f]])), `line ${g.line}`, number, i + 1));
      addDocument(out, where, checkDocumentHeader(first.raw, where), lines, true);
    }
  }
  return out;
}
