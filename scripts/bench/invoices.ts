/**
 * `npm run bench -- --kind invoice-export [--invoices 2000] [--lines 5] [--latency 50] [--json]`: one invoice export of N invoices
 * (N × lines lines) against the fake Xledger, next to a plain non-durable script doing the same work on the same data,
 * then an empty run. Figures: Xledger requests against the minimum, wall time, Temporal history, worker memory.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { parseArgs } from 'node:util';
import { newRunId } from '../../client/run-id';
import { createConnectionsStore } from '../../db/connections-store';
import { createInvoiceExportsStore } from '../../db/invoices/exports-store';
import { createInvoiceSourceStore, type NewDocument } from '../../db/invoices/source-store';
import { parseKeyring } from '../../db/secrets/keyring';
import { usedValues, validateDocument } from '../../domain/invoices/validate';
import { vatTable, STANDARD_VAT_CODES } from '../../domain/invoices/vat';
import { packBatches, toExportNodes } from '../../domain/invoices/xledger-mapping';
import { invoiceExport } from '../../workflows/invoices/invoice-export';
import type { InvoiceRunResult } from '../../workflows/invoices/types';
import { connectionKey, runKindKey, statusKey, triggerKey } from '../../workflows/shared/search-attributes';
import { createXledgerClient } from '../../xledger';
import { invoiceExportClient } from '../../xledger/client/invoices';
import { startFakeXledger, type FakeXledger } from '../../xledger/fake/server';
import { Cleanup, createBenchDatabase, resolveAdminUrl, startBenchTemporal, startBenchWorker, writeWorkflowBundle } from './environment';
import { historyFigures } from './history';

const OWNER = 1000;
const TOKEN = 'fake-full-access';
const CONNECTION = 'bench';
const NAMESPACE = 'xsync-bench';
const TASK_QUEUE = 'xsync-bench-invoices';
const PRODUCTS = [
  { code: 'CONSULT', description: 'Consulting hour', debitAccount: '1500', creditAccount: '3000', vatCode: '2' },
  { code: 'EXPORT', description: 'Export service', debitAccount: '1500', creditAccount: '3000', vatCode: '27' },
];
const CUSTOMERS = [
  { number: 'K-100', name: 'Acme AS', orgNumber: '987654321', streetAddress: null, zipCode: null, place: null, countryCode: 'NO', email: null },
];

function generate(invoices: number, lines: number, prefix: string): NewDocument[] {
  return Array.from({ length: invoices }, (_, i) => ({
    number: `${prefix}-${String(i + 1).padStart(6, '0')}`,
    kind: 'invoice' as const,
    department: 'OSLO',
    customerNumber: 'K-100',
    invoiceDate: '2026-12-01',
    dueDate: '2026-12-15',
    deliveryDate: null,
    currency: 'NOK',
    creditsNumber: null,
    yourReference: null,
    text: null,
    totalNet: null,
    totalVat: null,
    totalGross: null,
    lines: Array.from({ length: lines }, (_, j) => ({
      lineNumber: j + 1,
      productCode: j % 3 === 2 ? 'EXPORT' : 'CONSULT',
      text: null,
      quantity: String(1 + ((i + j) % 4)),
      unitPrice: `${100 + ((i * 7 + j) % 900)}.${String((i + j) % 100).padStart(2, '0')}`,
      discountPercent: j % 4 === 3 ? '12.5' : '0',
      vatCode: null,
      dimensions: [null, null, null] as [null, null, null],
    })),
  }));
}

/** The same work without Temporal: read, validate, look up, send in batches of whole documents, record. */
async function plainScript(db: Knex, fake: FakeXledger, connectionId: number, numbers: string[]): Promise<number> {
  const t0 = performance.now();
  const source = createInvoiceSourceStore(db);
  const docs = await source.documents(numbers);
  const products = await source.products(PRODUCTS.map((p) => p.code));
  const client = invoiceExportClient(createXledgerClient({ url: fake.url, token: TOKEN, limiter: false }));
  const values = usedValues(docs, products, () => true);
  const accounts = await client.knownAccounts(values.accounts);
  const ov = await client.knownObjectValues(values.vatCodes, values.dimensions);
  const currencies = await client.knownCurrencies(values.currencies);
  const knownProducts = await client.knownProducts(values.products);
  await client.customersByCode(['K-100']);
  const rates = vatTable(STANDARD_VAT_CODES);
  const ctx = {
    products,
    customers: new Set(['K-100']),
    rates,
    creditedInvoice: () => 'exported' as const,
    nodesOf: (d: { lines: unknown[] }) => d.lines.length,
    sendsProducts: () => true,
  };
  const known = { accounts, vatCodes: ov.vatCodes, dimensions: ov.dimensions, currencies, products: knownProducts };
  const writes = docs.map((d) => {
    const r = validateDocument(d, ctx, known, 'per-line');
    if (!r.ok) throw new Error(`bench data invalid: ${JSON.stringify(r.issues)}`);
    const out = toExportNodes({ document: d, ...r.priced }, 'invoice-base-items');
    return { number: d.number, inputs: (out.nodes as unknown[]).map((node, i) => ({ clientId: `${d.number}#${i + 1}`, node })) };
  });
  const exportsStore = createInvoiceExportsStore(db);
  for (const batch of packBatches(writes, (w) => w.inputs.length, 500)) {
    const edges = await client.send(
      'invoice-base-items',
      batch.flatMap((w) => w.inputs),
    );
    const ids = new Map(edges.map((e) => [e.clientId, e.dbId]));
    await exportsStore.markPending(
      connectionId,
      'plain',
      batch.map((w) => ({ number: w.number, updatedAt: new Date() })),
    );
    await exportsStore.markExported(
      connectionId,
      'plain',
      batch.map((w) => ({ number: w.number, dbIds: w.inputs.map((i) => ids.get(i.clientId)!) })),
    );
  }
  return performance.now() - t0;
}

export async function benchInvoices(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      invoices: { type: 'string', default: '2000' },
      lines: { type: 'string', default: '5' },
      latency: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
    },
  });
  const invoices = Number(values.invoices);
  const lines = Number(values.lines);
  const latency = Number(values.latency);
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const cleanup = new Cleanup();
  try {
    const adminUrl = await resolveAdminUrl(log);
    const [database, temporal, bundle, fake] = await Promise.all([
      createBenchDatabase(adminUrl, cleanup),
      startBenchTemporal(NAMESPACE, log, cleanup),
      writeWorkflowBundle(cleanup),
      startFakeXledger({
        port: 0,
        knobs: { latencyMs: latency, burstLimit: { enabled: false }, concurrencyLimit: { enabled: false }, credits: { enabled: false } },
      }),
    ]);
    cleanup.add('stop the fake Xledger', () => fake.stop());
    const secretKey = `bench:${randomBytes(32).toString('base64')}`;
    const connections = createConnectionsStore(database.db, parseKeyring(secretKey));
    const connection = await connections.add({
      name: CONNECTION,
      xledgerUrl: fake.url,
      ownerEntityId: OWNER,
      token: TOKEN,
      settings: { recipients: [], invoices: {} },
    });
    const source = createInvoiceSourceStore(database.db);
    await source.upsert({ customers: CUSTOMERS, products: PRODUCTS, documents: generate(invoices, lines, 'INV') });
    log(`${invoices} invoices with ${invoices * lines} lines seeded; ${latency} ms per Xledger request`);

    const { worker, client } = await startBenchWorker({
      databaseUrl: database.url,
      temporalAddress: temporal.address,
      namespace: NAMESPACE,
      taskQueue: TASK_QUEUE,
      secretKey,
      bundle,
      cleanup,
    });

    const run = async (scenario: string) => {
      fake.resetStats();
      await worker.ask({ type: 'peak-reset' }, 'peak');
      const workflowId = newRunId(`bench-${scenario}`, CONNECTION);
      const t0 = performance.now();
      const handle = await client.workflow.start(invoiceExport, {
        taskQueue: TASK_QUEUE,
        workflowId,
        args: [{ runId: workflowId, connectionName: CONNECTION, trigger: 'manual' }],
        typedSearchAttributes: [
          { key: connectionKey, value: CONNECTION },
          { key: runKindKey, value: 'invoice-export' },
          { key: triggerKey, value: 'manual' },
          { key: statusKey, value: 'starting' },
        ],
      });
      const result: InvoiceRunResult = await handle.result();
      const wallMs = performance.now() - t0;
      const history = historyFigures(await handle.fetchHistory());
      const peak = await worker.ask({ type: 'peak' }, 'peak');
      return {
        scenario,
        result,
        wallMs,
        requests: fake.stats().requests,
        byRootField: fake.stats().byRootField,
        history,
        peakRss: (peak as { peakRss: number }).peakRss,
      };
    };

    const exportRun = await run('export');
    const emptyRun = await run('empty');
    // Minimum: accounts, objectKinds, objectValues, currencies, products, customers (one read each) + one mutation per 500 lines.
    const minimum = 6 + Math.ceil((invoices * lines) / 500);

    // The plain script on fresh documents (same sizes), same fake, same latency.
    await source.upsert({ documents: generate(invoices, lines, 'PLAIN') });
    fake.resetStats();
    const plainMs = await plainScript(
      database.db,
      fake,
      connection.id,
      generate(invoices, lines, 'PLAIN').map((d) => d.number),
    );
    const plainRequests = fake.stats().requests;

    const report = {
      invoices,
      lines: invoices * lines,
      latencyMs: latency,
      export: {
        status: exportRun.result.status,
        counts: exportRun.result.counts,
        requests: exportRun.requests,
        minimumRequests: minimum,
        byRootField: exportRun.byRootField,
        wallSeconds: +(exportRun.wallMs / 1000).toFixed(1),
        plainScriptSeconds: +(plainMs / 1000).toFixed(1),
        plainScriptRequests: plainRequests,
        timeRatio: +(exportRun.wallMs / plainMs).toFixed(2),
        historyEvents: exportRun.history.events,
        largestPayloadBytes: exportRun.history.largestPayload.bytes,
        workerPeakRssMb: Math.round(exportRun.peakRss / 1024 ** 2),
      },
      empty: {
        status: emptyRun.result.status,
        requests: emptyRun.requests,
        wallSeconds: +(emptyRun.wallMs / 1000).toFixed(2),
        historyEvents: emptyRun.history.events,
      },
    };
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else
      process.stdout.write(
        [
          `invoice export: ${invoices} invoices, ${invoices * lines} lines, ${latency} ms per Xledger request`,
          `  export run   ${report.export.status}: exported ${report.export.counts.exported}; Xledger requests ${report.export.requests} (minimum ${minimum})`,
          `               ${report.export.wallSeconds} s durable vs ${report.export.plainScriptSeconds} s plain script (${report.export.timeRatio}×; plain made ${plainRequests} requests)`,
          `               history ${report.export.historyEvents} events, largest payload ${report.export.largestPayloadBytes} B; worker peak RSS ${report.export.workerPeakRssMb} MB`,
          `  empty run    ${report.empty.status}: ${report.empty.requests} Xledger requests, ${report.empty.wallSeconds} s, ${report.empty.historyEvents} events`,
          '',
        ].join('\n'),
      );
    return report.export.requests === minimum && report.empty.requests === 0 ? 0 : 3;
  } finally {
    await cleanup.runAll(log);
  }
}
