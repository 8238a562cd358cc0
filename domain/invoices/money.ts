/**
 * Exact money arithmetic in integer minor units (øre) with BigInt: no binary floating point anywhere. Decimal
 * strings are parsed to scaled integers, multiplied exactly, and rounded once, half away from zero.
 *
 * Why half away from zero: Norwegian practice rounds amounts to the nearest øre with a half rounded up
 * ("vanlig avrunding"); away from zero makes a credit note (negative amounts) the exact mirror of its invoice.
 */

/** Largest absolute amount accepted, in øre: 10^15 kr keeps every sum of 10^6 lines far inside BigInt and numeric(18,2). */
export const MAX_ABS_ORE = 10n ** 17n;

export class MoneyFormatError extends RangeError {
  override name = 'MoneyFormatError';
}

/** "12.5" at scale 2 → 1250n. Refuses more decimals than the scale (no silent rounding of input), exponents and junk. */
export function parseScaled(value: string, scale: number, what = 'amount'): bigint {
  const s = value.trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new MoneyFormatError(`${what} ${JSON.stringify(value)} is not a decimal number`);
  const [, sign, whole, frac = ''] = m;
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > scale) throw new MoneyFormatError(`${what} ${JSON.stringify(value)} has more than ${scale} decimals`);
  const n = BigInt(whole! + trimmed.padEnd(scale, '0'));
  return sign ? -n : n;
}

/** 1250n at scale 2 → "12.50"; -5n → "-0.05". */
export function formatScaled(n: bigint, scale: number): string {
  const neg = n < 0n;
  const abs = (neg ? -n : n).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? abs : `${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
  return neg ? `-${text}` : text;
}

export const parseOre = (value: string, what = 'amount'): bigint => parseScaled(value, 2, what);
export const formatOre = (ore: bigint): string => formatScaled(ore, 2);

/** numerator / denominator rounded to the nearest integer, a half away from zero. denominator > 0. */
export function divRoundHalfAway(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const neg = numerator < 0n;
  const abs = neg ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (denominator * 2n);
  return neg ? -q : q;
}

export const sumOre = (values: Iterable<bigint>): bigint => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};

/** Throws when an amount is beyond what the product accepts (MAX_ABS_ORE). */
export function checkBounds(ore: bigint, what: string): bigint {
  if (ore > MAX_ABS_ORE || ore < -MAX_ABS_ORE) throw new MoneyFormatError(`${what} is beyond ±${formatOre(MAX_ABS_ORE)}`);
  return ore;
}

/** "2.0000" → "2", "1.50" → "1.5": a stored numeric as people write it (exact; no rounding). */
export function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
