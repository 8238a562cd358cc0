import { UsageError } from './io';

export interface CountBounds {
  /** Smallest allowed value (default 0). */
  min?: number;
  /** Largest allowed value (default Number.MAX_SAFE_INTEGER). */
  max?: number;
}

/**
 * A whole-number option (`--limit 20`, `--offset 0`): digits only, within [min, max]; anything else is a UsageError
 * (exit 2) in one line naming the option, e.g. `--limit: "abc" is not a whole number`.
 */
export function parseCount(value: unknown, option: string, bounds: CountBounds = {}): number {
  const min = bounds.min ?? 0;
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
  const text = String(value ?? '').trim();
  if (!/^[+-]?\d+$/.test(text)) throw new UsageError(`${option}: "${String(value ?? '')}" is not a whole number`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${option}: ${text} is out of range; use ${max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min} to ${max}`}`);
  }
  return n;
}

export interface NumberBounds {
  /** The value must be greater than this (default 0: positive). */
  above?: number;
  max?: number;
}

/** A positive decimal option such as `--timeout 30` (seconds) or `--timeout 2.5`; otherwise a UsageError naming it. */
export function parsePositiveNumber(value: unknown, option: string, bounds: NumberBounds = {}): number {
  const above = bounds.above ?? 0;
  const text = String(value ?? '').trim();
  if (!/^\+?(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new UsageError(`${option}: "${String(value ?? '')}" is not a number`);
  const n = Number(text);
  if (!(n > above) || (bounds.max !== undefined && n > bounds.max)) {
    throw new UsageError(`${option}: ${text} is out of range; use a number above ${above}${bounds.max !== undefined ? ` and at most ${bounds.max}` : ''}`);
  }
  return n;
}

/** `--max-size 50MB` / `10mb` / `512k` / `1048576` → bytes; a UsageError naming the option otherwise. */
export function parseByteSize(value: unknown, option: string): number {
  const text = String(value ?? '').trim();
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?$/i.exec(text);
  if (!m) throw new UsageError(`${option}: "${text}" is not a size; use e.g. 50MB, 512KB or a number of bytes`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const bytes = Math.floor(Number(m[1]) * { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit as 'b' | 'k' | 'm' | 'g']);
  if (bytes < 1) throw new UsageError(`${option}: ${text} is too small`);
  return bytes;
}
