import { createInvoiceExportsStore } from '../../../db/invoices/exports-store';
import { createInvoiceSourceStore, type NewDocument } from '../../../db/invoices/source-store';
import type { InvoiceRunProgress, InvoiceRunResult } from '../../../workflows/invoices/types';
import { CUSTOMERS, document, line, PRODUCTS } from '../../support/invoice-data';
import { CONNECTION, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';
import { spawnWorkerProcess, stopProcess } from '../../support/worker-process';

const KIND = 'invoice-export';

/** n invoices of two lines each (and every 10th an order), numbered from `from`. */
function documents(prefix: string, n: number): NewDocument[] {
  return Array.from({ length: n }, (_, i) =>
    document(`${prefix}-${String(i + 1).padStart(4, '0')}`, {
      customerNumber: i % 2 ? 'K-100' : 'K-200',
      lines: [
        line(1, { quantity: String(1 + (i % 7)), unitPrice: `${100 + i}.${String(i % 100).padStart(2, '0')}` }),
        line(2, { productCode: 'EXPORT', unitPrice: '10.00' }),
      ],
    }),
  );
}

/**
 * Every document exactly once in Xledger, compared document by document: its two lines under its key, with the
 * amounts of its lines, and the Xledger ids the export recorded being exactly those.
 */
async function expectEachExactlyOnce(h: SyncHarness, docs: readonly NewDocument[]) {
  const connection = await h.deps.connections.get(CONNECTION);
  const exports = await createInvoiceExportsStore(h.t.db).byDocuments(
    connection.id,
    docs.map((d) => d.number),
  );
  const byKey = new Map<string, typeof h.fake.state.tables.invoiceBaseItems.rows>();
  for (const r of h.fake.state.tables.invoiceBaseItems.rows) byKey.set(r.extIdentifier!, [...(byKey.get(r.extIdentifier!) ?? []), r]);
  for (const d of docs) {
    const rows = byKey.get(`xsync:${d.number}`) ?? [];
    expect([d.number, rows.map((r) => r.lineNumber)]).toEqual([d.number, [1, 2]]);
    expect(rows[0]!.quantity).toBe(d.lines[0]!.quantity);
    const e = exports.get(d.number)!;
    expect([d.number, e.status, e.xledger_db_ids]).toEqual([d.number, 'exported', rows.map((r) => r.dbId)]);
  }
  const ours = [...byKey.keys()].filter((k) => docs.some((d) => `xsync:${d.number}` === k));
  expect(ours).toHaveLength(docs.length);
}

describe('invoice export under faults: every document exactly once in Xledger', () => {
  let h: SyncHarness;
  const start = () => h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION, '--kind', KIND);
  const result = (runId: string) =>
    waitFor(
      () => h.cliJson<InvoiceRunResult | InvoiceRunProgress>('sync', 'status', runId),
      (r) => 'counts' in r,
      240000,
    ) as Promise<InvoiceRunResult>;

  beforeAll(async () => {
    h = await startSyncHarness({}, { inProcessWorker: false });
    await h.deps.connections.updateSettings(CONNECTION, { recipients: [], invoices: {} });
    await createInvoiceSourceStore(h.t.db).upsert({ customers: CUSTOMERS, products: PRODUCTS });
  });
  afterAll(() => h?.stop());

  it('a worker SIGKILLed while a batch is in flight: the new worker reads back, records, and sends the rest once', async () => {
    const docs = documents('KILL', 600); // 1,200 lines: 3 batches of ≤ 500 nodes
    await createInvoiceSourceStore(h.t.db).upsert({ documents: docs });
    h.fake.setKnobs({ latencyMs: 1500 });
    let worker = spawnWorkerProcess(h.env);
    try {
      const { runId } = await start();
      await waitFor(
        async () => h.fake.stats().byRootField.addInvoiceBaseItems ?? 0,
        (adds) => adds >= 1,
        120000,
      );
      await stopProcess(worker, 'SIGKILL'); // the first batch is in flight: Xledger applies it, nobody hears the answer
      h.fake.setKnobs({ latencyMs: 0 });
      worker = spawnWorkerProcess(h.env);
      const r = await result(runId);
      expect(r.status).toBe('OK');
      expect(r.counts.exported + r.counts.alreadyInXledger).toBe(600);
      expect(r.counts.alreadyInXledger).toBeGreaterThan(0); // the in-flight batch was found, not sent again
      expect(h.fake.stats().byRootField.addInvoiceBaseItems).toBe(3);
    } finally {
      await stopProcess(worker);
    }
    await expectEachExactlyOnce(h, docs);
  });

  it('10 % random 5xx and 10 % answers lost after the write: every document exactly once', async () => {
    const docs = documents('FLAKY', 400);
    await createInvoiceSourceStore(h.t.db).upsert({ documents: docs });
    h.fake.resetStats();
    h.fake.setKnobs({ http5xxRate: 0.1, http5xxAfterWriteRate: 0.1, rngSeed: 5 });
    const worker = spawnWorkerProcess(h.env);
    try {
      const { runId } = await start();
      const r = await result(runId);
      expect(r.status).toBe('OK');
      expect(r.counts.exported + r.counts.alreadyInXledger).toBe(400);
      expect(h.fake.stats().http5xx).toBeGreaterThan(0); // the faults did happen
    } finally {
      h.fake.setKnobs({ http5xxRate: 0, http5xxAfterWriteRate: 0 });
      await stopProcess(worker);
    }
    await expectEachExactlyOnce(h, docs);
  });

  it('Xledger refuses the key filter: the read back falls back to the newest items, and every document is still exactly once', async () => {
    const docs = documents('NOFILTER', 300);
    await createInvoiceSourceStore(h.t.db).upsert({ documents: docs });
    h.fake.resetStats();
    // Every write's answer is lost: each batch lands, and only the fallback read back can tell.
    h.fake.setKnobs({ exportKeyFilters: false, http5xxAfterWriteRate: 1 });
    const worker = spawnWorkerProcess(h.env);
    try {
      const { runId } = await start();
      const r = await result(runId);
      expect(r.status).toBe('OK');
      expect(r.counts).toMatchObject({ exported: 0, alreadyInXledger: 300, failed: 0 });
      const stats = h.fake.stats();
      expect(stats.byRootField.addInvoiceBaseItems).toBe(2); // 600 nodes, two batches, each sent once
      expect(stats.byOperation.InvoiceRecentInvoiceBaseItems).toBeGreaterThan(0);
    } finally {
      h.fake.setKnobs({ exportKeyFilters: true, http5xxAfterWriteRate: 0 });
      await stopProcess(worker);
    }
    await expectEachExactlyOnce(h, docs);
  });
});
