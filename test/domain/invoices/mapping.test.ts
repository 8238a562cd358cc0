import { priceDocument } from '../../../domain/invoices/pricing';
import { STANDARD_VAT_CODES, vatTable } from '../../../domain/invoices/vat';
import { exportKey, nodeCount, packBatches, toExportNodes } from '../../../domain/invoices/xledger-mapping';
import { parseOre } from '../../../domain/invoices/money';
import { doc, line, products } from './fixtures';

const rates = vatTable(STANDARD_VAT_CODES);
const priced = (d: ReturnType<typeof doc>) => ({ document: d, ...priceDocument(d, products, rates, 'per-line') });

describe('mapping to Xledger inputs per transfer method', () => {
  const d = doc({ lines: [line(1, { quantity: '2', dimensions: ['100', null, null] }), line(2, { productCode: 'FOOD', discountPercent: '10' })] });

  it('an order is one sales order with its lines as details and our key in extOrder', () => {
    const out = toExportNodes(priced({ ...d, number: 'ORD-7', kind: 'order' }), 'invoice-base-items');
    expect(out.mutation).toBe('sales-orders');
    expect(out.nodes).toHaveLength(1);
    const order = out.nodes[0] as Extract<typeof out, { mutation: 'sales-orders' }>['nodes'][number];
    expect(order.extOrder).toBe(exportKey('ORD-7'));
    expect(order.details.map((x) => [x.lineNumber, x.product.code, x.quantity, x.taxRule.code, x.glObject1?.code])).toEqual([
      [1, 'CONSULT', '2', '2', '100'],
      [2, 'FOOD', '1', '21', undefined],
    ]);
  });

  it('an invoice is one invoice basis item per line, each carrying extIdentifier', () => {
    const out = toExportNodes(priced(d), 'invoice-base-items');
    expect(out.mutation).toBe('invoice-base-items');
    expect(out.nodes.map((n) => ('extIdentifier' in n ? n.extIdentifier : null))).toEqual(['xsync:INV-1', 'xsync:INV-1']);
  });

  it('a credit note has negated quantities', () => {
    const out = toExportNodes(priced({ ...d, number: 'CN-1', kind: 'credit_note', creditsNumber: 'INV-1' }), 'invoice-base-items');
    expect(out.nodes.map((n) => (n as { quantity: string }).quantity)).toEqual(['-2', '-1']);
  });

  it('a GL voucher balances to the øre: credits net and VAT per line, one debit for the gross', () => {
    const out = toExportNodes(priced(d), 'gl-import');
    expect(out.mutation).toBe('gl-import');
    const nodes = out.nodes as Array<{ amount: string; taxAmount?: string; account: { code: string } }>;
    const sum = nodes.reduce((s, n) => s + parseOre(n.amount) + (n.taxAmount ? parseOre(n.taxAmount) : 0n), 0n);
    expect(sum).toBe(0n);
    expect(nodes.map((n) => [n.account.code, n.amount, n.taxAmount])).toEqual([
      ['3000', '-200.00', '-50.00'],
      ['3000', '-90.00', '-13.50'],
      ['1500', '353.50', undefined],
    ]);
    expect(nodeCount(d, products, 'gl-import')).toBe(3);
  });

  it('packs whole documents into batches of at most 500 nodes', () => {
    const sizes = [200, 200, 200, 500, 1, 499];
    expect(packBatches(sizes, (n) => n, 500)).toEqual([[200, 200], [200], [500], [1, 499]]);
  });
});
