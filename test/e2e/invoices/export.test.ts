import { createInvoiceExportsStore } from '../../../db/invoices/exports-store';
import { createInvoiceSourceStore } from '../../../db/invoices/source-store';
import type { InvoiceRunResult } from '../../../workflows/invoices/types';
import { maybeRecordHistory } from '../../support/record-history';
import { CONNECTION, startSyncHarness, type SyncHarness } from '../../support/sync-harness';
import { CUSTOMERS, document, line, PRODUCTS } from '../../support/invoice-data';

const KIND = 'invoice-export';

describe('invoice export end to end: CLI → Temporal → Postgres → fake Xledger → SMTP', () => {
  let h: SyncHarness;
  const start = (...extra: string[]) => h.cliJson<InvoiceRunResult>('sync', 'start', '--connection', CONNECTION, '--kind', KIND, '--wait', ...extra);
  const source = () => createInvoiceSourceStore(h.t.db);
  const exportsOf = async () => {
    const connection = await h.deps.connections.get(CONNECTION);
    const numbers = (await h.t.db('invoice_documents').select('number')).map((r: { number: string }) => r.number);
    return createInvoiceExportsStore(h.t.db).byDocuments(connection.id, numbers);
  };
  const settings = (invoices: Record<string, unknown>) => h.deps.connections.updateSettings(CONNECTION, { recipients: ['finance@acme.test'], invoices });
  const itemsOf = (extIdentifier: string) => h.fake.state.tables.invoiceBaseItems.rows.filter((r) => r.extIdentifier === extIdentifier);

  beforeAll(async () => {
    h = await startSyncHarness();
    await settings({});
    await source().upsert({ customers: CUSTOMERS, products: PRODUCTS });
  });
  afterAll(() => h?.stop());

  it('a run with nothing to send makes no Xledger request and sends no email', async () => {
    h.fake.resetStats();
    const result = await start();
    expect(result).toMatchObject({ status: 'OK', documents: 0, emailed: false });
    expect(h.fake.stats().requests).toBe(0);
    await maybeRecordHistory(h.temporal.client.workflow.getHandle(result.runId), 'invoice-export-empty-2026-12', h.temporal.secretKey);
  });

  it('exports invoices as invoice basis items with exact amounts and VAT per code, creating a missing customer once', async () => {
    await source().upsert({
      documents: [
        document('INV-1001', {
          totalNet: '3600.00',
          totalVat: '850.00',
          totalGross: '4450.00',
          lines: [
            line(1, { quantity: '2', unitPrice: '1250.00', dimensions: ['100', null, null] }),
            line(2, { productCode: 'PLACEMENT', unitPrice: '1000.00', discountPercent: '10' }),
            line(3, { productCode: 'EXPORT', unitPrice: '200.00' }),
          ],
        }),
        document('INV-1002', { customerNumber: 'K-200', lines: [line(1, { quantity: '1.5', unitPrice: '999.99' })] }),
        document('INV-1003', { customerNumber: 'K-200', lines: [line(1, { quantity: '0.25', unitPrice: '0.10' })] }),
      ],
    });
    h.fake.resetStats();
    const result = await start();
    expect(result.status).toBe('OK');
    expect(result.counts).toMatchObject({ exported: 3, invalid: 0, failed: 0, customersCreated: 1 });
    await maybeRecordHistory(h.temporal.client.workflow.getHandle(result.runId), 'invoice-export-first-export-2026-12', h.temporal.secretKey);
    const stats = h.fake.stats();
    // One lookup per kind of master data (products included), one customer lookup, company + customer created, one mutation for 5 lines.
    expect(stats.byRootField.addInvoiceBaseItems).toBe(1);
    expect(stats.mutationNodes.addInvoiceBaseItems).toBe(5);
    expect(stats.byRootField.addCustomers).toBe(1);
    expect(stats.byRootField.addCompanies).toBe(1);
    expect(stats.requests).toBe(10);

    const inv = itemsOf('xsync:INV-1001');
    expect(inv.map((r) => [r.lineNumber, r.amount, h.fake.state.tables.objectValues.get(r.taxRuleDbId!)?.code])).toEqual([
      [1, '2500.00', '2'],
      [2, '900.00', '2'],
      [3, '200.00', '27'],
    ]);
    expect(itemsOf('xsync:INV-1002').map((r) => r.amount)).toEqual(['1499.99']); // 1,499.985 → 1,499.99
    expect(itemsOf('xsync:INV-1003').map((r) => r.amount)).toEqual(['0.03']); // 0.025 → 0.03
    const k200 = h.fake.state.tables.subledgers.rows.filter((s) => s.code === 'K-200');
    expect(k200).toHaveLength(1);
    expect(h.fake.state.tables.companies.rows.find((c) => c.dbId === k200[0]!.companyDbId)).toMatchObject({ code: 'K-200', companyNumber: '912345678' });

    const exp = await exportsOf();
    expect(exp.get('INV-1001')).toMatchObject({ status: 'exported', xledger_db_ids: inv.map((r) => r.dbId) });
    const shown = await h.cliJson<{ amounts: { totals: { byVatCode: unknown[] } } }>('invoices', 'show', 'INV-1001');
    expect(shown.amounts.totals.byVatCode).toEqual([
      { vatCode: '2', net: '3400.00', vat: '850.00' },
      { vatCode: '27', net: '200.00', vat: '0.00' },
    ]);
    expect(h.smtp.messages).toHaveLength(0); // nothing failed: no email

    // The next run has nothing to send: zero requests, nothing sent twice, K-200 not created again.
    h.fake.resetStats();
    expect(await start()).toMatchObject({ status: 'OK', documents: 0 });
    expect(h.fake.stats().requests).toBe(0);
  });

  it('a credit note goes out with negated quantities once its invoice is in Xledger', async () => {
    await source().upsert({
      documents: [document('CN-1', { kind: 'credit_note', creditsNumber: 'INV-1001', totalGross: '3125.00', lines: [line(1, { quantity: '2' })] })],
    });
    const result = await start();
    expect(result.counts).toMatchObject({ exported: 1, invalid: 0 });
    const cn = itemsOf('xsync:CN-1');
    expect(cn.map((r) => [r.quantity, r.amount, r.headerInfo])).toEqual([['-2', '-2500.00', 'Credit note CN-1 for invoice INV-1001']]);
  });

  it('refuses every invalid document before sending anything, with document, line and reason, and emails the failures', async () => {
    await source().upsert({
      products: [
        { code: 'NOACC', description: 'No accounts', debitAccount: null, creditAccount: null, vatCode: '2' },
        { code: 'BADACC', description: null, debitAccount: '1500', creditAccount: '9999', vatCode: '2' },
        { code: 'NOTINXL', description: 'Not in Xledger', debitAccount: '1500', creditAccount: '3000', vatCode: '2' },
      ],
      documents: [
        document('BAD-1', { lines: [line(1), line(2, { productCode: 'NOACC' })] }),
        document('BAD-2', { lines: [line(1, { productCode: 'BADACC' })] }),
        document('BAD-3', { lines: [line(1, { vatCode: '2N' })] }),
        document('BAD-4', { lines: [line(1, { dimensions: ['100', '404', null] })] }),
        document('BAD-5', { totalVat: '312.51', lines: [line(1)] }),
        document('BAD-6', { kind: 'credit_note', creditsNumber: null }),
        document('BAD-7', { kind: 'credit_note', creditsNumber: 'INV-404' }),
        document('BAD-8', { currency: 'XAU' }),
        document('BAD-9', { lines: [line(1), line(2, { productCode: 'NOTINXL' })] }),
        document('GOOD-1'),
      ],
    });
    h.smtp.clear();
    h.fake.resetStats();
    const result = await start();
    expect(result).toMatchObject({ status: 'PARTIAL', emailed: true });
    expect(result.counts).toMatchObject({ exported: 1, invalid: 9 });
    expect(h.fake.stats().mutationNodes.addInvoiceBaseItems).toBe(1); // only GOOD-1
    const failed = await h.cliJson<{ documents: Array<{ number: string; reason: string }> }>('invoices', 'list', '--status', 'failed');
    const reasons = Object.fromEntries(failed.documents.map((d) => [d.number, d.reason]));
    expect(reasons).toEqual({
      'BAD-1': 'line 2: product NOACC has no debit account, credit account',
      'BAD-2': 'line 1: product BADACC is unknown in Xledger; line 1: account 9999 (product BADACC) is unknown in Xledger',
      'BAD-3': 'line 1: VAT code 2N is unknown in Xledger',
      'BAD-4': 'line 1: dimension 404 (glObject2) is unknown in Xledger',
      'BAD-5': "header VAT total 312.51 disagrees with the lines' 312.50",
      'BAD-6': 'credit note without the invoice it credits (credits_number is empty)',
      'BAD-7': 'credit note for invoice INV-404, which does not exist',
      'BAD-8': 'currency XAU is unknown in Xledger',
      'BAD-9': 'line 2: product NOTINXL is unknown in Xledger',
    });
    const [mail] = await h.smtp.waitForMessages(1);
    expect(mail!.subject).toMatch(/^\[PARTIAL\] acme – invoice export \d{4}-\d{2}-\d{2}$/);
    expect(mail!.text).toMatch(/^PARTIAL: the invoice export of acme finished, but some documents failed\.\n/);
    expect(mail!.text).toMatch(/Refused by validation:\s+9\n/);
    expect(mail!.text).toContain('  - BAD-9: line 2: product NOTINXL is unknown in Xledger\n');
    expect(mail!.text).not.toMatch(/employee/i);
    expect(mail!.html).toMatch(/<th[^>]*>Document no\.<\/th>/);

    // Unchanged failures are not retried every 5 minutes; a fix (a newer source row) or `invoices retry` sends again.
    h.fake.resetStats();
    expect(await start()).toMatchObject({ documents: 0 });
    expect(h.fake.stats().requests).toBe(0);
    await source().upsert({ documents: [document('BAD-5', { totalVat: '312.50', lines: [line(1)] })] });
    const retried = await h.cli('invoices', 'retry', 'BAD-3');
    expect(retried.code).toBe(0);
    const after = await start();
    expect(after.counts).toMatchObject({ exported: 1, invalid: 1 }); // BAD-5 fixed; BAD-3 still unknown in Xledger
  });

  it('exports orders as sales orders (transfer method by department) with details and our key in extOrder', async () => {
    await settings({ transferMethodByDepartment: { BERGEN: 'orders' } });
    await source().upsert({
      documents: [
        document('ORD-1', {
          kind: 'order',
          department: 'BERGEN',
          lines: [line(1, { quantity: '3', unitPrice: '33.33' }), line(2, { productCode: 'EXPORT', unitPrice: '10.00' })],
        }),
        document('INV-B1', { department: 'BERGEN' }),
      ],
    });
    const result = await start();
    expect(result.counts).toMatchObject({ exported: 1, invalid: 1 });
    const order = h.fake.state.tables.salesOrders.rows.find((o) => o.extOrder === 'xsync:ORD-1')!;
    expect(order.amount).toBe('109.99');
    expect(order.details.map((d) => [d.lineNumber, d.amount])).toEqual([
      [1, '99.99'],
      [2, '10.00'],
    ]);
    expect((await exportsOf()).get('INV-B1')?.reason).toBe('department BERGEN exports orders; a invoice is not exported that way');
  });

  it('a dry run validates and plans, sends nothing and changes no export state', async () => {
    await source().upsert({ documents: [document('DRY-1'), document('DRY-2', { totalNet: '1.00' })] });
    h.fake.resetStats();
    const result = await start('--dry-run');
    expect(result).toMatchObject({ status: 'DRY_RUN', documents: 2 });
    expect(Object.keys(h.fake.stats().mutationNodes)).toEqual([]);
    const exp = await exportsOf();
    expect([exp.get('DRY-1'), exp.get('DRY-2')]).toEqual([undefined, undefined]);
    await h.t.db('invoice_documents').whereIn('number', ['DRY-1', 'DRY-2']).delete();
  });

  it('the next run settles documents an ended run left in flight: found in Xledger → recorded, not found → sent once', async () => {
    await settings({});
    await source().upsert({ documents: [document('FLIGHT-1'), document('FLIGHT-2')] });
    expect((await start()).counts).toMatchObject({ exported: 2 });
    // As if a run died after sending FLIGHT-1 and before recording it, and before sending FLIGHT-2.
    h.fake.state.tables.invoiceBaseItems.rows
      .filter((r) => r.extIdentifier === 'xsync:FLIGHT-2')
      .forEach((r) => h.fake.state.tables.invoiceBaseItems.remove(r.dbId));
    await h.t.db('invoice_exports').whereIn('document_number', ['FLIGHT-1', 'FLIGHT-2']).update({ status: 'sending', xledger_db_ids: null });
    h.fake.resetStats();
    const result = await start();
    expect(result.counts).toMatchObject({ alreadyInXledger: 1, exported: 1 });
    expect(h.fake.stats().mutationNodes.addInvoiceBaseItems).toBe(1); // FLIGHT-2 only
    expect(itemsOf('xsync:FLIGHT-1')).toHaveLength(1);
    expect(itemsOf('xsync:FLIGHT-2')).toHaveLength(1);
    const exp = await exportsOf();
    expect([exp.get('FLIGHT-1')?.status, exp.get('FLIGHT-1')?.xledger_db_ids]).toEqual(['exported', itemsOf('xsync:FLIGHT-1').map((r) => r.dbId)]);
  });

  it('is scheduled every 5 minutes by default (SEMINE)', async () => {
    const set = await h.cliJson<{ scheduleId: string; spec: string }>('schedules', 'set', CONNECTION, '--kind', KIND);
    expect(set).toMatchObject({ scheduleId: `xsync.${CONNECTION}.${KIND}`, spec: 'every 5m' });
    expect((await h.cli('schedules', 'remove', CONNECTION, '--kind', KIND)).code).toBe(0);
  });

  it('exports invoices as GL import items: vouchers that balance to the øre, with VAT per line', async () => {
    await settings({ invoicesAs: 'gl-import', transferMethodByDepartment: { BERGEN: 'orders' } });
    await source().upsert({
      documents: [document('GL-1', { lines: [line(1, { quantity: '3', unitPrice: '33.33' }), line(2, { productCode: 'EXPORT', unitPrice: '10.00' })] })],
    });
    const result = await start();
    expect(result.counts).toMatchObject({ exported: 1 });
    const rows = h.fake.state.tables.glImportItems.rows.filter((r) => r.extIdentifier === 'xsync:GL-1');
    expect(rows.map((r) => [h.fake.state.tables.accounts.get(r.accountDbId)?.code, r.amount, r.taxAmount])).toEqual([
      ['3000', '-99.99', '-25.00'],
      ['3000', '-10.00', '0.00'],
      ['1500', '134.99', null],
    ]);
  });
});
