import { describeIssues, validateDocument, type KnownInXledger, type LocalCheckContext } from '../../../domain/invoices/validate';
import { STANDARD_VAT_CODES, vatTable } from '../../../domain/invoices/vat';
import { doc, line, products } from './fixtures';

const ctx = (over: Partial<LocalCheckContext> = {}): LocalCheckContext => ({
  products,
  customers: new Set(['K1']),
  rates: vatTable(STANDARD_VAT_CODES),
  creditedInvoice: (n) => (n === 'INV-1' ? 'exported' : n === 'ORD-1' ? 'not-an-invoice' : n === 'INV-9' ? 'not-exported' : 'missing'),
  nodesOf: (d) => d.lines.length,
  sendsProducts: () => true,
  ...over,
});
const known: KnownInXledger = {
  accounts: new Set(['1500', '3000']),
  vatCodes: new Set(['2', '21', '27']),
  dimensions: new Set(['100', 'P-1']),
  currencies: new Set(['NOK', 'EUR']),
  products: new Set(products.keys()),
};
const refusals = (d: ReturnType<typeof doc>, c = ctx(), k = known) => {
  const r = validateDocument(d, c, k, 'per-line');
  return r.ok ? [] : r.issues;
};

describe('invoice validation: each refusal names document, line and reason', () => {
  it('passes a good invoice and prices it', () => {
    const r = validateDocument(doc({ totalNet: '100.00', totalVat: '25.00', totalGross: '125.00' }), ctx(), known, 'per-line');
    expect(r.ok && r.priced.totals.gross).toBe('125.00');
  });

  it('refuses a product without accounts or VAT code', () => {
    expect(refusals(doc({ lines: [line(1, { productCode: 'NOACC' })] }))).toEqual([
      { document: 'INV-1', line: 1, reason: 'product NOACC has no debit account, credit account' },
    ]);
    expect(refusals(doc({ lines: [line(1, { productCode: 'GHOST' })] }))).toEqual([
      { document: 'INV-1', line: 1, reason: 'product GHOST is not in invoice_products' },
    ]);
  });

  it('refuses an account, VAT code or dimension unknown in Xledger', () => {
    const k = { ...known, accounts: new Set(['1500']) };
    expect(refusals(doc(), ctx(), k)).toEqual([{ document: 'INV-1', line: 1, reason: 'account 3000 (product CONSULT) is unknown in Xledger' }]);
    expect(refusals(doc({ lines: [line(1, { vatCode: '22' })] }))).toEqual([{ document: 'INV-1', line: 1, reason: 'VAT code 22 is unknown in Xledger' }]);
    expect(refusals(doc({ lines: [line(1, { vatCode: 'X9' })] }))).toEqual([
      { document: 'INV-1', line: 1, reason: 'VAT code X9 is not in the VAT table (settings.invoices.vatCodes)' },
    ]);
    expect(refusals(doc({ lines: [line(1, { dimensions: ['100', '999', null] })] }))).toEqual([
      { document: 'INV-1', line: 1, reason: 'dimension 999 (glObject2) is unknown in Xledger' },
    ]);
  });

  it('refuses a product unknown in Xledger when the mutation names products, not on a GL voucher', () => {
    const k = { ...known, products: new Set<string>() };
    expect(refusals(doc({ lines: [line(1), line(2)] }), ctx(), k)).toEqual([
      { document: 'INV-1', line: 1, reason: 'product CONSULT is unknown in Xledger' },
      { document: 'INV-1', line: 2, reason: 'product CONSULT is unknown in Xledger' },
    ]);
    expect(refusals(doc(), ctx({ sendsProducts: () => false }), k)).toEqual([]);
  });

  it('refuses header totals that disagree with the lines, to the øre', () => {
    const issues = refusals(doc({ totalNet: '100.00', totalVat: '25.01', totalGross: '125.00' }));
    expect(describeIssues(issues)).toBe("header VAT total 25.01 disagrees with the lines' 25.00");
  });

  it('refuses a credit note without its invoice, and accepts one whose invoice is exported (either sign of totals)', () => {
    expect(refusals(doc({ number: 'CN-1', kind: 'credit_note' }))[0]?.reason).toBe('credit note without the invoice it credits (credits_number is empty)');
    expect(refusals(doc({ number: 'CN-1', kind: 'credit_note', creditsNumber: 'INV-404' }))[0]?.reason).toBe(
      'credit note for invoice INV-404, which does not exist',
    );
    expect(refusals(doc({ number: 'CN-1', kind: 'credit_note', creditsNumber: 'ORD-1' }))[0]?.reason).toBe('credit note for ORD-1, which is not an invoice');
    expect(refusals(doc({ number: 'CN-1', kind: 'credit_note', creditsNumber: 'INV-9' }))[0]?.reason).toBe(
      'credit note for invoice INV-9, which is not exported yet',
    );
    const ok = validateDocument(doc({ number: 'CN-1', kind: 'credit_note', creditsNumber: 'INV-1', totalGross: '125.00' }), ctx(), known, 'per-line');
    expect(ok.ok && ok.priced.totals).toMatchObject({ net: '-100.00', vat: '-25.00', gross: '-125.00' });
  });

  it('refuses an unknown currency, by format and by Xledger', () => {
    expect(refusals(doc({ currency: 'kr' }))[0]?.reason).toBe('currency "kr" is not a three-letter ISO 4217 code');
    expect(refusals(doc({ currency: 'SEK' }))).toEqual([{ document: 'INV-1', reason: 'currency SEK is unknown in Xledger' }]);
  });

  it('refuses a customer missing from the source, bad numbers and a document too big for one request', () => {
    expect(refusals(doc({ customerNumber: 'K404' }))[0]?.reason).toBe('customer K404 is not in invoice_customers');
    expect(refusals(doc({ lines: [line(1, { quantity: '1.00001' })] }))[0]?.reason).toMatch(/more than 4 decimals/);
    expect(refusals(doc({ lines: [line(1, { discountPercent: '120' })] }))[0]?.reason).toBe('discount 120 % is outside 0–100 %');
    expect(refusals(doc(), ctx({ nodesOf: () => 501 }))[0]?.reason).toMatch(/501 Xledger nodes: more than the 500/);
  });
});
