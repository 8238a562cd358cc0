import { divRoundHalfAway, parseScaled } from './money';

/** One VAT code and its rate in percent (a decimal string, e.g. "25" or "11.11"). */
export interface VatCode {
  code: string;
  ratePercent: string;
  description: string;
}

/** RecMan's standard VAT table (seed 004): the default of settings.invoices.vatCodes, editable per connection. */
export const STANDARD_VAT_CODES: readonly VatCode[] = [
  { code: '2', ratePercent: '25', description: 'The amount is with VAT' },
  { code: '2N', ratePercent: '25', description: 'The amount is with VAT (contact support)' },
  { code: '20', ratePercent: '0', description: 'VAT exempt' },
  { code: '27', ratePercent: '0', description: 'Foreign customers' },
  { code: '29', ratePercent: '0', description: 'Outside the tax area' },
  { code: '21', ratePercent: '15', description: 'Medium rate' },
  { code: '22', ratePercent: '12', description: 'Low rate' },
];

/** VAT rounded per line (each line's VAT rounded, then summed) or per invoice (per VAT code over the invoice's lines). */
export type VatRounding = 'per-line' | 'per-invoice';

/** Rate in hundredths of a percent: "25" → 2500n. */
export const rateBasisPoints = (ratePercent: string): bigint => parseScaled(ratePercent, 2, 'VAT rate');

/** VAT of a net amount in øre at a rate in hundredths of a percent, rounded to the øre, half away from zero. */
export const vatOf = (netOre: bigint, rateBp: bigint): bigint => divRoundHalfAway(netOre * rateBp, 10_000n);

export function vatTable(codes: readonly VatCode[]): ReadonlyMap<string, bigint> {
  return new Map(codes.map((c) => [c.code, rateBasisPoints(c.ratePercent)]));
}
