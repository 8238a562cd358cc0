import type { Command } from 'commander';
import { createInvoiceExportsStore, type ExportStatus } from '../../../db/invoices/exports-store';
import { createInvoiceSourceStore } from '../../../db/invoices/source-store';
import { priceDocument } from '../../../domain/invoices/pricing';
import { checkLocally } from '../../../domain/invoices/validate';
import { STANDARD_VAT_CODES, vatTable } from '../../../domain/invoices/vat';
import { decodeImportBytes, ImportDecodeError, importEncodingOf, IMPORT_ENCODINGS, MAX_IMPORT_BYTES, readImportBytes } from '../../../hr/import-decode';
import { formatOfFile, ImportFileError } from '../../../hr/import-parse';
import type { CliContext } from '../../context';
import { NotFoundError, output, table, UsageError } from '../../io';
import { parseByteSize, parseCount } from '../../options';
import { INVOICE_CSV_COLUMNS, parseInvoiceImport } from './import-file';

const IMPORT_HELP = `
File formats:
  JSON  {"customers": [...], "products": [...], "documents": [{..., "lines": [...]}]} (any of the three keys).
        Amounts as strings ("1250.00") or plain numbers. Problems are reported as documents[3].lines[1] and so on.
  CSV   One kind of record per file, told by the header (columns in any order, case-insensitive):
          customers: ${INVOICE_CSV_COLUMNS.customers.join(', ')}
          products:  ${INVOICE_CSV_COLUMNS.products.join(', ')}
          documents: one row per line: ${INVOICE_CSV_COLUMNS.documents.join(', ')}
        Separator , or ; (detected); a decimal comma (12,50) is read as 12.50. Problems are reported by line.
Encoding: UTF-8 (or --encoding windows-1252 / latin1). Files over ${MAX_IMPORT_BYTES / (1024 * 1024)} MB are refused (--max-size).
A document with any bad line is left out whole; the rest is imported in one transaction (a document replaces its
earlier version and all its lines). Exit code: 0 all imported, 1 some records refused, 2 unreadable file.`;

const STATUSES: readonly ExportStatus[] = ['pending', 'sending', 'exported', 'failed'];

export function registerInvoiceCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);
  const invoices = program.command('invoices').description('the invoice export: import source documents, list, show, retry');

  invoices
    .command('import')
    .description('import customers, products and invoices/credit notes/orders from a CSV or JSON file')
    .argument('<file>', 'a .csv or .json file')
    .option('--format <format>', 'csv or json (default: from the file extension)')
    .option('--encoding <encoding>', `${IMPORT_ENCODINGS.join(', ')} (default: utf-8, strictly)`)
    .option('--max-size <size>', 'refuse larger files, e.g. 100MB')
    .option('--dry-run', 'validate only; write nothing')
    .addHelpText('after', IMPORT_HELP)
    .action(async (file: string, opts: { format?: string; encoding?: string; maxSize?: string; dryRun?: boolean }) => {
      const format = opts.format ?? formatOfFile(file);
      if (format !== 'csv' && format !== 'json') throw new UsageError(`cannot tell the format of ${file}; name it .csv or .json, or pass --format csv|json`);
      const encoding = opts.encoding === undefined ? 'utf-8' : importEncodingOf(opts.encoding);
      if (!encoding) throw new UsageError(`--encoding: "${opts.encoding}" is not one of ${IMPORT_ENCODINGS.join(', ')}`);
      const maxBytes = opts.maxSize === undefined ? MAX_IMPORT_BYTES : parseByteSize(opts.maxSize, '--max-size');
      let parsed;
      try {
        parsed = parseInvoiceImport(decodeImportBytes(readImportBytes(file, maxBytes), encoding), format);
      } catch (err) {
        if (err instanceof ImportDecodeError || err instanceof ImportFileError)
          throw new UsageError(err.message.includes(file) ? err.message : `${file}: ${err.message}`);
        throw err;
      }
      if (!opts.dryRun) await createInvoiceSourceStore(ctx.database()).upsert(parsed);
      const summary = {
        file,
        dryRun: Boolean(opts.dryRun),
        ...(parsed.separator ? { separator: parsed.separator } : {}),
        customers: parsed.customers.length,
        products: parsed.products.length,
        documents: parsed.documents.length,
        lines: parsed.documents.reduce((n, d) => n + d.lines.length, 0),
        problems: parsed.problems,
      };
      if (parsed.problems.length) ctx.exitCode = 1;
      output(ctx.io, json(), summary, (s) =>
        [
          `${s.dryRun ? 'Would import' : 'Imported'} ${s.customers} customer(s), ${s.products} product(s), ${s.documents} document(s) with ${s.lines} line(s) from ${file}; ${s.problems.length} problem(s).`,
          s.dryRun ? 'Dry run: nothing was written.' : '',
          s.problems.length ? `\nRefused:\n${table(s.problems as unknown as Array<Record<string, unknown>>, ['where', 'record', 'field', 'reason'])}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  invoices
    .command('list')
    .description("documents' export state per connection (newest change first)")
    .option('--status <status>', STATUSES.join(', '))
    .option('--connection <name>', 'only this connection')
    .option('--limit <n>', 'show at most this many', '200')
    .action(async (opts: { status?: string; connection?: string; limit: string }) => {
      if (opts.status && !STATUSES.includes(opts.status as ExportStatus)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
      const limit = parseCount(opts.limit, '--limit', { min: 1, max: 10_000 });
      const rows = await createInvoiceExportsStore(ctx.database()).list({
        limit,
        ...(opts.connection ? { connectionName: opts.connection } : {}),
        ...(opts.status ? { status: opts.status as ExportStatus } : {}),
      });
      const documents = rows.map((r) => ({
        number: r.document_number,
        connection: r.connection_name,
        kind: r.kind,
        department: r.department,
        customer: r.customer_number,
        status: r.status,
        xledgerIds: (r.xledger_db_ids ?? []).join(' '),
        attempts: r.attempts,
        reason: r.reason,
        updatedAt: r.updated_at.toISOString(),
      }));
      output(ctx.io, json(), { documents }, (v) =>
        table(v.documents, ['number', 'connection', 'kind', 'department', 'customer', 'status', 'xledgerIds', 'attempts', 'reason']),
      );
    });

  invoices
    .command('show')
    .description('one document: header, lines with amounts, totals per VAT code, and its export state')
    .argument('<number>')
    .action(async (number: string) => {
      const source = createInvoiceSourceStore(ctx.database());
      const doc = await source.document(number);
      if (!doc) throw new NotFoundError(`No invoice, credit note or order with number "${number}"`);
      const exports = await createInvoiceExportsStore(ctx.database()).ofDocument(number);
      const products = await source.products([...new Set(doc.lines.map((l) => l.productCode))]);
      const customers = new Set((await source.customers([doc.customerNumber])).keys());
      const rates = vatTable(STANDARD_VAT_CODES);
      const issues = checkLocally(doc, { products, customers, rates, creditedInvoice: () => 'exported', nodesOf: () => 1, sendsProducts: () => true });
      const priced = issues.length ? null : priceDocument(doc, products, rates, 'per-line');
      const value = {
        document: { ...doc, updatedAt: doc.updatedAt.toISOString() },
        amounts: priced ? { basis: 'standard VAT table, VAT per line', lines: priced.lines, totals: priced.totals } : null,
        problems: issues,
        exports: exports.map((e) => ({
          connection: e.connection_name,
          status: e.status,
          xledgerIds: e.xledger_db_ids ?? [],
          attempts: e.attempts,
          reason: e.reason,
          lastRun: e.last_run_id,
          exportedAt: e.exported_at?.toISOString() ?? null,
        })),
      };
      output(ctx.io, json(), value, (v) => {
        const d = v.document;
        const head = [
          ['number', d.number],
          ['kind', d.kind],
          ['department', d.department],
          ['customer', d.customerNumber],
          ['invoice date', d.invoiceDate],
          ['due date', d.dueDate],
          ['currency', d.currency],
          ['credits', d.creditsNumber],
        ].map(([k, val]) => `${`${k}:`.padEnd(14)}${val ?? ''}`);
        const lines = v.amounts
          ? table(v.amounts.lines as unknown as Array<Record<string, unknown>>, [
              'lineNumber',
              'productCode',
              'quantity',
              'unitPrice',
              'discountPercent',
              'vatCode',
              'net',
              'vat',
            ])
          : table(d.lines as unknown as Array<Record<string, unknown>>, ['lineNumber', 'productCode', 'quantity', 'unitPrice', 'discountPercent', 'vatCode']);
        const totals = v.amounts
          ? `totals (${v.amounts.basis}): net ${v.amounts.totals.net}, VAT ${v.amounts.totals.vat}, gross ${v.amounts.totals.gross}`
          : '';
        const problems = v.problems.map((p) => `problem: ${p.line !== undefined ? `line ${p.line}: ` : ''}${p.reason}`);
        return [
          ...head,
          '',
          lines,
          totals,
          ...problems,
          '',
          'export:',
          table(v.exports, ['connection', 'status', 'xledgerIds', 'attempts', 'reason', 'lastRun']),
        ]
          .filter((l) => l !== '')
          .join('\n');
      });
    });

  invoices
    .command('retry')
    .description('send a failed document again with the next run (after its cause was fixed in Xledger or the source)')
    .argument('<number>')
    .option('--connection <name>', 'when the document is exported by more than one connection')
    .action(async (number: string, opts: { connection?: string }) => {
      const store = createInvoiceExportsStore(ctx.database());
      const rows = (await store.ofDocument(number)).filter((r) => !opts.connection || r.connection_name === opts.connection);
      if (rows.length === 0) throw new NotFoundError(`No export of document "${number}"${opts.connection ? ` by connection ${opts.connection}` : ''}`);
      if (rows.length > 1)
        throw new UsageError(`document ${number} is exported by ${rows.map((r) => r.connection_name).join(', ')}; say which with --connection`);
      const row = rows[0]!;
      if (row.status !== 'failed') {
        ctx.exitCode = 1;
        output(
          ctx.io,
          json(),
          { number, connection: row.connection_name, status: row.status, requeued: false },
          (v) => `Document ${v.number} is ${v.status}, not failed: nothing to retry.`,
        );
        return;
      }
      await store.requeue(row.connection_id, number);
      output(
        ctx.io,
        json(),
        { number, connection: row.connection_name, status: 'pending', requeued: true },
        (v) =>
          `Document ${v.number} is pending again; the next run of ${v.connection} sends it (or now: xsync sync start --connection ${v.connection} --kind invoice-export).`,
      );
    });
}
