import { divRoundHalfAway, formatOre, parseOre, parseScaled } from '../../../domain/invoices/money';
import { lineNetOre, priceDocument } from '../../../domain/invoices/pricing';
import { STANDARD_VAT_CODES, vatOf, vatTable } from '../../../domain/invoices/vat';
import { doc, line, products } from './fixtures';

const rates = vatTable(STANDARD_VAT_CODES);

describe('money in øre', () => {
  it('parses and formats exactly, refusing junk and hidden rounding', () => {
    expect(parseOre('12.5')).toBe(1250n);
    expect(parseOre('-0.05')).toBe(-5n);
    expect(parseOre('7')).toBe(700n);
    expect(parseOre('1.230')).toBe(123n); // trailing zeros are not decimals
    expect(formatOre(-5n)).toBe('-0.05');
    expect(formatOre(123456789012345678n)).toBe('1234567890123456.78');
    expect(() => parseOre('1.234')).toThrow(/more than 2 decimals/);
    expect(() => parseOre('1e3')).toThrow(/not a decimal/);
    expect(() => parseOre('12,50')).toThrow(/not a decimal/);
    expect(parseScaled('0.0001', 4)).toBe(1n);
  });

  it('rounds a half away from zero, so a credit note mirrors its invoice', () => {
    expect(divRoundHalfAway(5n, 10n)).toBe(1n);
    expect(divRoundHalfAway(4n, 10n)).toBe(0n);
    expect(divRoundHalfAway(-5n, 10n)).toBe(-1n);
    expect(divRoundHalfAway(-15n, 10n)).toBe(-2n);
    expect(divRoundHalfAway(15n, 10n)).toBe(2n);
  });

  it('prices a line once: quantity × price × (1 − discount), to the øre', () => {
    expect(lineNetOre({ quantity: '3', unitPrice: '33.33', discountPercent: '0' })).toBe(9999n);
    // 1.5 h × 1,250.00 less 12.5 % = 1,640.625 → 1,640.63 (half up)
    expect(lineNetOre({ quantity: '1.5', unitPrice: '1250.00', discountPercent: '12.5' })).toBe(164063n);
    expect(lineNetOre({ quantity: '1.5', unitPrice: '1250.00', discountPercent: '12.5' }, -1n)).toBe(-164063n);
    // 0.1 + 0.2 style traps: 0.1 × 0.30 = 0.03 exactly
    expect(lineNetOre({ quantity: '0.1', unitPrice: '0.30', discountPercent: '0' })).toBe(3n);
  });

  it('computes VAT per line or per invoice, and the lines always add up to the totals', () => {
    // Three lines of 0.10 at 25 %: per line 0.03 each (0.025 rounds up) = 0.09; per invoice 0.30 × 25 % = 0.08 (0.075 → 0.08)
    const d = doc({ lines: [line(1, { unitPrice: '0.10' }), line(2, { unitPrice: '0.10' }), line(3, { unitPrice: '0.10' })] });
    const perLine = priceDocument(d, products, rates, 'per-line');
    expect(perLine.totals).toMatchObject({ net: '0.30', vat: '0.09', gross: '0.39' });
    const perInvoice = priceDocument(d, products, rates, 'per-invoice');
    expect(perInvoice.totals).toMatchObject({ net: '0.30', vat: '0.08', gross: '0.38' });
    const lineVat = perInvoice.lines.reduce((s, l) => s + parseOre(l.vat), 0n);
    expect(formatOre(lineVat)).toBe('0.08');
  });

  it('totals per VAT code: 25 %, 15 % and 0 %', () => {
    const d = doc({
      lines: [
        line(1, { quantity: '2', unitPrice: '1250.00' }),
        line(2, { productCode: 'FOOD', unitPrice: '199.90' }),
        line(3, { productCode: 'EXPORT', unitPrice: '1000.00' }),
      ],
    });
    const { totals } = priceDocument(d, products, rates, 'per-line');
    expect(totals.byVatCode).toEqual([
      { vatCode: '2', net: '2500.00', vat: '625.00' },
      { vatCode: '21', net: '199.90', vat: '29.99' }, // 29.985 → 29.99
      { vatCode: '27', net: '1000.00', vat: '0.00' },
    ]);
    expect(totals).toMatchObject({ net: '3699.90', vat: '654.99', gross: '4354.89' });
  });

  it('sums 10,000 lines exactly (where binary floating point drifts)', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => line(i + 1, { quantity: '1', unitPrice: '0.10', productCode: i % 2 ? 'CONSULT' : 'FOOD' }));
    const { totals } = priceDocument(doc({ lines }), products, rates, 'per-line');
    expect(totals.net).toBe('1000.00');
    // per line: 25 % of 0.10 = 0.025 → 0.03 (5,000 lines), 15 % of 0.10 = 0.015 → 0.02 (5,000 lines)
    expect(totals.vat).toBe('250.00');
    expect(totals.gross).toBe('1250.00');
    let float = 0;
    for (let i = 0; i < 10_000; i++) float += 0.1;
    expect(float).not.toBe(1000); // what this module exists to avoid
    const perInvoice = priceDocument(doc({ lines }), products, rates, 'per-invoice');
    expect(perInvoice.totals).toMatchObject({ net: '1000.00', vat: '200.00', gross: '1200.00' }); // 500 × 25 % + 500 × 15 %
  });

  it('vatOf rounds to the øre', () => {
    expect(vatOf(1n, 2500n)).toBe(0n); // 0.0025 øre → 0
    expect(vatOf(2n, 2500n)).toBe(1n); // 0.5 → 1
    expect(vatOf(-2n, 2500n)).toBe(-1n);
  });
});
