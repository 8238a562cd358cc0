import type { Knex } from 'knex';
import { trimDecimal } from '../../domain/invoices/money';
import type { DocumentKind, SourceCustomer, SourceDocument, SourceLine, SourceProduct } from '../../domain/invoices/invoice-types';

/**
 * The invoicing system's tables (`invoice_documents`, `invoice_lines`, `invoice_products`, `invoice_customers`):
 * the one place their SQL lives. Dates are read as YYYY-MM-DD text and money as numeric text: no Date or float on the way.
 */

interface DocumentRow {
  number: string;
  kind: DocumentKind;
  department: string;
  customer_number: string;
  invoice_date: string | null;
  due_date: string | null;
  delivery_date: string | null;
  currency: string;
  credits_number: string | null;
  your_reference: string | null;
  text: string | null;
  total_net: string | null;
  total_vat: string | null;
  total_gross: string | null;
  updated_at: Date;
}

interface LineRow {
  document_number: string;
  line_number: number;
  product_code: string;
  text: string | null;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  vat_code: string | null;
  dimension1: string | null;
  dimension2: string | null;
  dimension3: string | null;
}

export interface StoredDocument extends SourceDocument {
  updatedAt: Date;
}

export type NewDocument = Omit<SourceDocument, 'lines'> & { lines: SourceLine[] };

const DOCUMENT_COLUMNS = [
  'number',
  'kind',
  'department',
  'customer_number',
  'currency',
  'credits_number',
  'your_reference',
  'text',
  'total_net',
  'total_vat',
  'total_gross',
  'updated_at',
] as const;

function selectDocuments(db: Knex) {
  return db('invoice_documents').select(
    ...DOCUMENT_COLUMNS,
    db.raw(`to_char(invoice_date, 'YYYY-MM-DD') AS invoice_date`),
    db.raw(`to_char(due_date, 'YYYY-MM-DD') AS due_date`),
    db.raw(`to_char(delivery_date, 'YYYY-MM-DD') AS delivery_date`),
  );
}

function toDocument(row: DocumentRow, lines: readonly LineRow[]): StoredDocument {
  return {
    number: row.number,
    kind: row.kind,
    department: row.department,
    customerNumber: row.customer_number,
    invoiceDate: row.invoice_date,
    dueDate: row.due_date,
    deliveryDate: row.delivery_date,
    currency: row.currency,
    creditsNumber: row.credits_number,
    yourReference: row.your_reference,
    text: row.text,
    totalNet: row.total_net,
    totalVat: row.total_vat,
    totalGross: row.total_gross,
    updatedAt: row.updated_at,
    lines: lines.map((l) => ({
      lineNumber: l.line_number,
      productCode: l.product_code,
      text: l.text,
      quantity: trimDecimal(l.quantity),
      unitPrice: l.unit_price,
      discountPercent: trimDecimal(l.discount_percent),
      vatCode: l.vat_code,
      dimensions: [l.dimension1, l.dimension2, l.dimension3],
    })),
  };
}

export function createInvoiceSourceStore(db: Knex) {
  async function withLines(rows: DocumentRow[]): Promise<StoredDocument[]> {
    if (rows.length === 0) return [];
    const lines = await db<LineRow>('invoice_lines')
      .whereIn(
        'document_number',
        rows.map((r) => r.number),
      )
      .orderBy(['document_number', 'line_number']);
    const byDoc = new Map<string, LineRow[]>();
    for (const l of lines) (byDoc.get(l.document_number) ?? byDoc.set(l.document_number, []).get(l.document_number)!).push(l);
    return rows.map((r) => toDocument(r, byDoc.get(r.number) ?? []));
  }

  return {
    async documents(numbers: readonly string[]): Promise<StoredDocument[]> {
      const rows: DocumentRow[] = [];
      for (let i = 0; i < numbers.length; i += 5_000)
        rows.push(...((await selectDocuments(db).whereIn('number', numbers.slice(i, i + 5_000))) as DocumentRow[]));
      return withLines(rows);
    },

    async document(number: string): Promise<StoredDocument | undefined> {
      return (await this.documents([number]))[0];
    },

    /** Number, kind and last change of every document of the departments (empty: all); a few columns, for planning. */
    async documentHeads(departments: readonly string[]): Promise<Array<{ number: string; kind: DocumentKind; updated_at: Date }>> {
      const q = db('invoice_documents').select('number', 'kind', 'updated_at').orderBy('number');
      if (departments.length) void q.whereIn('department', departments);
      return q;
    },

    /** Kind of each of these documents (for credit notes: the invoice they credit). */
    async kinds(numbers: readonly string[]): Promise<Map<string, DocumentKind>> {
      const rows = numbers.length ? await db('invoice_documents').select('number', 'kind').whereIn('number', numbers) : [];
      return new Map(rows.map((r: { number: string; kind: DocumentKind }) => [r.number, r.kind]));
    },

    async products(codes: readonly string[]): Promise<Map<string, SourceProduct>> {
      const rows = codes.length ? await db('invoice_products').whereIn('code', codes) : [];
      return new Map(
        rows.map((r: { code: string; description: string | null; debit_account: string | null; credit_account: string | null; vat_code: string | null }) => [
          r.code,
          { code: r.code, description: r.description, debitAccount: r.debit_account, creditAccount: r.credit_account, vatCode: r.vat_code },
        ]),
      );
    },

    async customers(numbers: readonly string[]): Promise<Map<string, SourceCustomer>> {
      const rows = numbers.length ? await db('invoice_customers').whereIn('number', numbers) : [];
      return new Map(
        rows.map((r: Record<string, string | null>) => [
          r.number!,
          {
            number: r.number!,
            name: r.name!,
            orgNumber: r.org_number ?? null,
            streetAddress: r.street_address ?? null,
            zipCode: r.zip_code ?? null,
            place: r.place ?? null,
            countryCode: r.country_code ?? null,
            email: r.email ?? null,
          },
        ]),
      );
    },

    /** Inserts or replaces customers, products and documents (with all their lines) in one transaction. */
    async upsert(data: { customers?: readonly SourceCustomer[]; products?: readonly SourceProduct[]; documents?: readonly NewDocument[] }): Promise<void> {
      await db.transaction(async (trx) => {
        for (const c of data.customers ?? []) {
          await trx('invoice_customers')
            .insert({
              number: c.number,
              name: c.name,
              org_number: c.orgNumber,
              street_address: c.streetAddress,
              zip_code: c.zipCode,
              place: c.place,
              country_code: c.countryCode,
              email: c.email,
              updated_at: trx.fn.now(),
            })
            .onConflict('number')
            .merge();
        }
        for (const p of data.products ?? []) {
          await trx('invoice_products')
            .insert({
              code: p.code,
              description: p.description,
              debit_account: p.debitAccount,
              credit_account: p.creditAccount,
              vat_code: p.vatCode,
              updated_at: trx.fn.now(),
            })
            .onConflict('code')
            .merge();
        }
        for (const d of data.documents ?? []) {
          await trx('invoice_documents')
            .insert({
              number: d.number,
              kind: d.kind,
              department: d.department,
              customer_number: d.customerNumber,
              invoice_date: d.invoiceDate,
              due_date: d.dueDate,
              delivery_date: d.deliveryDate,
              currency: d.currency,
              credits_number: d.creditsNumber,
              your_reference: d.yourReference,
              text: d.text,
              total_net: d.totalNet,
              total_vat: d.totalVat,
              total_gross: d.totalGross,
              updated_at: trx.fn.now(),
            })
            .onConflict('number')
            .merge();
          await trx('invoice_lines').where({ document_number: d.number }).delete();
          const lines = d.lines.map((l) => ({
            document_number: d.number,
            line_number: l.lineNumber,
            product_code: l.productCode,
            text: l.text,
            quantity: l.quantity,
            unit_price: l.unitPrice,
            discount_percent: l.discountPercent,
            vat_code: l.vatCode,
            dimension1: l.dimensions[0],
            dimension2: l.dimensions[1],
            dimension3: l.dimensions[2],
          }));
          for (let i = 0; i < lines.length; i += 1_000) await trx('invoice_lines').insert(lines.slice(i, i + 1_000));
        }
      });
    },
  };
}

export type InvoiceSourceStore = ReturnType<typeof createInvoiceSourceStore>;
