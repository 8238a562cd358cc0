/**
 * Xledger value formats: naive Norwegian-local timestamps, ISO dates, decimal-string money.
 * Xledger's "CET" timestamps follow Europe/Oslo wall-clock time, so DST applies.
 */
export const XLEDGER_TIME_ZONE = 'Europe/Oslo';

const NAIVE_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONEY = /^-?\d+(\.\d+)?$/;

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: XLEDGER_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockInOslo(date: Date): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(date)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour!,
    minute: out.minute!,
    second: out.second!,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** UTC instant → `yyyy-MM-ddTHH:mm:ss` in Oslo time (milliseconds are truncated). */
export function toXledgerDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('toXledgerDateTime: invalid Date');
  const w = wallClockInOslo(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** Offset of Oslo from UTC at an instant, in ms (3_600_000 in winter, 7_200_000 in summer). */
export function osloOffsetMs(date: Date): number {
  const w = wallClockInOslo(date);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * Naive Oslo wall-clock string → UTC instant.
 * In the autumn repeated hour the earlier (summer-time) instant is returned; a time in the spring gap
 * (which never happened on a clock) is read with the winter offset, i.e. one hour later in wall time.
 */
export function fromXledgerDateTime(value: string): Date {
  const m = NAIVE_DATETIME.exec(value);
  if (!m) throw new RangeError(`Not an Xledger timestamp (yyyy-MM-ddTHH:mm:ss): ${JSON.stringify(value)}`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const naiveUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Candidates: wall time minus the summer or the winter offset. Keep those that map back to the same wall time.
  const candidates = [naiveUtc - 7_200_000, naiveUtc - 3_600_000].filter((t) => toXledgerDateTime(new Date(t)) === value.slice(0, 19));
  return new Date(candidates.length > 0 ? candidates[0]! : naiveUtc - 3_600_000);
}

/** Parse a timestamp that may be naive Oslo time or carry its own zone (`Z`, `+01:00`). */
export function parseXledgerInstant(value: string): Date | undefined {
  if (NAIVE_DATETIME.test(value)) return fromXledgerDateTime(value);
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : new Date(t);
  }
  return undefined;
}

export function isXledgerDate(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** A calendar date `YYYY-MM-DD`: the Oslo calendar day of a Date, or a validated string passed through. */
export function toXledgerDate(value: Date | string): string {
  if (typeof value === 'string') {
    const head = value.slice(0, 10);
    if (!isXledgerDate(head) || (value.length > 10 && value[10] !== 'T')) {
      throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(value)}`);
    }
    return head;
  }
  return toXledgerDateTime(value).slice(0, 10);
}

/**
 * Money as a decimal string with `decimals` places. Numbers are formatted with toFixed (fine for
 * amounts with ≤ 15 significant digits); strings and bigints (minor units are NOT implied) are exact.
 */
export function toMoneyString(value: number | string | bigint, decimals = 2): string {
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('toMoneyString: not a finite number');
    s = value.toFixed(decimals);
    return s === `-${(0).toFixed(decimals)}` ? (0).toFixed(decimals) : s;
  }
  s = typeof value === 'bigint' ? value.toString() : value.trim();
  if (!MONEY.test(s)) throw new RangeError(`Not a decimal amount: ${JSON.stringify(value)}`);
  const negative = s.startsWith('-');
  const [intPart, frac = ''] = (negative ? s.slice(1) : s).split('.') as [string, string?];
  if (frac.length > decimals && /[^0]/.test(frac.slice(decimals))) {
    throw new RangeError(`Amount ${s} has more than ${decimals} decimals`);
  }
  const fixedFrac = frac.slice(0, decimals).padEnd(decimals, '0');
  const normalizedInt = intPart.replace(/^0+(?=\d)/, '');
  const body = decimals > 0 ? `${normalizedInt}.${fixedFrac}` : normalizedInt;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Exact minor units (øre/cents) of a decimal-string amount, for arithmetic without floats. */
export function moneyToMinorUnits(value: string, decimals = 2): bigint {
  const s = toMoneyString(value, decimals);
  return BigInt(s.replace('.', ''));
}
