import type { DocumentTotals, PricedLine, SourceDocument, SourceLine, SourceProduct } from './invoice-types';
import { divRoundHalfAway, formatOre, parseOre, parseScaled, sumOre } from './money';
import { vatOf, type VatRounding } from './vat';

const QTY_SCALE = 4;
const DISCOUNT_SCALE = 2;
/** quantity (10^4) × price (øre) × (100 % − discount) (10^4): divide by 10^8 once, then round. */
const LINE_DENOMINATOR = 10n ** 8n;

/** A line's net amount in øre: quantity × unit price × (1 − discount), rounded once to the øre. */
export function lineNetOre(line: Pick<SourceLine, 'quantity' | 'unitPrice' | 'discountPercent'>, sign: 1n | -1n = 1n): bigint {
  const qty = parseScaled(line.quantity, QTY_SCALE, 'quantity') * sign;
  const price = parseOre(line.unitPrice, 'unit price');
  const discount = parseScaled(line.discountPercent, DISCOUNT_SCALE, 'discount');
  return divRoundHalfAway(qty * price * (10_000n - discount), LINE_DENOMINATOR);
}

/** A credit note is exported with negated quantities, so its amounts mirror the invoice it credits. */
export const signOf = (doc: Pick<SourceDocument, 'kind'>): 1n | -1n => (doc.kind === 'credit_note' ? -1n : 1n);

export const negateQuantity = (quantity: string, sign: 1n | -1n): string =>
  sign === 1n ? quantity : quantity.startsWith('-') ? quantity.slice(1) : `-${quantity}`;

/**
 * Prices every line of a document and totals it. Per-line rounding: each line's VAT is rounded, the total is their sum.
 * Per-invoice rounding: VAT is rounded once per VAT code over the invoice, and the øre that rounding moves is put on
 * that code's largest line, so lines always add up to the total.
 */
export function priceDocument(
  doc: SourceDocument,
  products: ReadonlyMap<string, SourceProduct>,
  rates: ReadonlyMap<string, bigint>,
  rounding: VatRounding,
): { lines: PricedLine[]; totals: DocumentTotals } {
  const sign = signOf(doc);
  const priced = doc.lines.map((line) => {
    const product = products.get(line.productCode)!;
    const vatCode = line.vatCode ?? product.vatCode!;
    const net = lineNetOre(line, sign);
    return { line, product, vatCode, net, vat: vatOf(net, rates.get(vatCode)!) };
  });
  const codes = [...new Set(priced.map((p) => p.vatCode))].sort();
  const byVatCode = codes.map((vatCode) => {
    const mine = priced.filter((p) => p.vatCode === vatCode);
    const net = sumOre(mine.map((p) => p.net));
    if (rounding === 'per-invoice') {
      const vat = vatOf(net, rates.get(vatCode)!);
      const drift = vat - sumOre(mine.map((p) => p.vat));
      if (drift !== 0n) {
        const largest = mine.reduce((a, b) => (abs(b.net) > abs(a.net) ? b : a));
        largest.vat += drift;
      }
    }
    return { vatCode, net, vat: sumOre(mine.map((p) => p.vat)) };
  });
  const net = sumOre(byVatCode.map((c) => c.net));
  const vat = sumOre(byVatCode.map((c) => c.vat));
  return {
    lines: priced.map(({ line, product, vatCode, net: n, vat: v }) => ({
      lineNumber: line.lineNumber,
      productCode: line.productCode,
      text: line.text,
      quantity: negateQuantity(line.quantity, sign),
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      vatCode,
      debitAccount: product.debitAccount!,
      creditAccount: product.creditAccount!,
      dimensions: line.dimensions,
      net: formatOre(n),
      vat: formatOre(v),
    })),
    totals: {
      net: formatOre(net),
      vat: formatOre(vat),
      gross: formatOre(net + vat),
      byVatCode: byVatCode.map((c) => ({ vatCode: c.vatCode, net: formatOre(c.net), vat: formatOre(c.vat) })),
    },
  };
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n);
