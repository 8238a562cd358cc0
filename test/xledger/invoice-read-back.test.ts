import { XledgerError } from '../../xledger/client/errors';
import { invoiceExportClient } from '../../xledger/client/invoices';
import { startFakeXledger, type FakeXledger } from '../../xledger/fake/server';
import { clientFor, LIMITS_OFF } from './helpers';

/** Invoice basis nodes of one document under our key, as the export sends them. */
const nodes = (number: string, lines: number) =>
  Array.from({ length: lines }, (_, i) => ({
    clientId: `${number}#${i + 1}`,
    node: {
      subledger: { code: 'K-100' },
      product: { code: 'CONSULT' },
      lineNumber: i + 1,
      quantity: '1',
      unitPrice: '100.00',
      discountPercent: '0',
      headerInfo: `Invoice ${number}`,
      extIdentifier: `xsync:${number}`,
      extOrder: number,
      taxRule: { code: '2' },
      currency: { code: 'NOK' },
    },
  }));

describe('invoice read back by our key, and its fallback when Xledger refuses the key filter', () => {
  let fake: FakeXledger;
  beforeAll(async () => {
    fake = await startFakeXledger({ knobs: LIMITS_OFF });
  });
  afterAll(() => fake?.stop());
  beforeEach(() => fake.reset());

  async function sendMany(client: ReturnType<typeof invoiceExportClient>, prefix: string, docs: number) {
    for (let i = 0; i < docs; i += 100) {
      const inputs = Array.from({ length: Math.min(100, docs - i) }, (_, j) => nodes(`${prefix}-${i + j + 1}`, 2)).flat();
      await client.send('invoice-base-items', inputs);
    }
  }

  it('with the filter: one read finds every node of each sent document', async () => {
    const client = invoiceExportClient(clientFor(fake).client);
    await sendMany(client, 'A', 3);
    fake.resetStats();
    const found = await client.readBack('invoice-base-items', ['xsync:A-1', 'xsync:A-3', 'xsync:NOPE'], new Date());
    expect([...found.keys()].sort()).toEqual(['xsync:A-1', 'xsync:A-3']);
    expect(found.get('xsync:A-1')).toHaveLength(2);
    expect(fake.stats().requests).toBe(1);
  });

  it('filter refused: reads the newest items (last: 500) back to the oldest in-flight document and matches in memory', async () => {
    const client = invoiceExportClient(clientFor(fake).client);
    const since = new Date();
    await sendMany(client, 'B', 700); // 1,400 nodes: three pages of 500 back
    fake.setKnobs({ exportKeyFilters: false });
    fake.resetStats();
    const found = await client.readBack('invoice-base-items', ['xsync:B-1', 'xsync:B-350', 'xsync:B-700', 'xsync:NOPE'], since);
    expect(Object.fromEntries([...found].map(([k, ids]) => [k, ids.length]))).toEqual({ 'xsync:B-1': 2, 'xsync:B-350': 2, 'xsync:B-700': 2 });
    const byRow = new Map(fake.state.tables.invoiceBaseItems.rows.map((r) => [r.dbId, r.extIdentifier]));
    for (const [key, ids] of found) for (const id of ids) expect(byRow.get(id)).toBe(key);
    expect(fake.stats().byOperation).toMatchObject({ InvoiceBaseItemsByKey: 1, InvoiceRecentInvoiceBaseItems: 3 });

    // The refusal is remembered: the next read back goes straight to the newest items.
    fake.resetStats();
    await client.readBack('invoice-base-items', ['xsync:B-700'], since);
    expect(fake.stats().byOperation.InvoiceBaseItemsByKey).toBeUndefined();
  });

  it('stops paging at the oldest in-flight document (less the clock margin), not at the beginning', async () => {
    fake.setKnobs({ clockOffsetMs: -60 * 60_000 }); // the old items an hour back
    const client = invoiceExportClient(clientFor(fake).client);
    await sendMany(client, 'OLD', 1000);
    fake.setKnobs({ clockOffsetMs: 0, exportKeyFilters: false });
    const since = new Date();
    await sendMany(client, 'NEW', 10);
    fake.resetStats();
    const found = await client.readBack('invoice-base-items', ['xsync:NEW-1', 'xsync:OLD-1'], since);
    expect([...found.keys()]).toEqual(['xsync:NEW-1']);
    // Page 1 holds the 20 new nodes and 480 old ones, older than the margin: no second page of the 2,000 old nodes.
    expect(fake.stats().byOperation.InvoiceRecentInvoiceBaseItems).toBe(1);
  });

  it('other errors of the filtered read are not taken for a refused filter', async () => {
    const client = invoiceExportClient(clientFor(fake, 'fake-employee-read-only').client);
    await expect(client.readBack('invoice-base-items', ['xsync:A-1'], new Date())).rejects.toBeInstanceOf(XledgerError);
    expect(fake.stats().byOperation.InvoiceRecentInvoiceBaseItems).toBeUndefined();
  });
});
