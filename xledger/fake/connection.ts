import { FakeError } from './errors';

import { MAX_PAGE_SIZE } from '../../domain/shared/xledger-limits';

export const MAX_PAGE = MAX_PAGE_SIZE;

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface ConnectionResult<T> {
  edges: Array<{ cursor: string; node: T }> | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
}

function parseCursor(c: string | null | undefined, arg: string): number | undefined {
  if (c === null || c === undefined || c === '') return undefined;
  if (!/^\d+$/.test(c)) throw new FakeError(`Invalid cursor for '${arg}': ${c}`, { extensions: { code: 'INVALID_VALUE' } });
  return Number(c);
}

function checkSize(n: number | null | undefined, arg: string): void {
  if (n === null || n === undefined) return;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE) {
    throw new FakeError(`Argument '${arg}' must be between 0 and ${MAX_PAGE} (limit of ${MAX_PAGE} records per query)`, {
      extensions: { code: 'INVALID_VALUE' },
    });
  }
}

/**
 * Relay-style window over rows already filtered and sorted by key ascending. Cursor = key as a string.
 * `first` walks oldest→newest, `last` newest→oldest; empty → `edges: null`. Pure.
 */
export function paginateRows<T, N>(rows: readonly T[], keyOf: (row: T) => number, args: PageArgs, toNode: (row: T) => N): ConnectionResult<N> {
  checkSize(args.first, 'first');
  checkSize(args.last, 'last');
  const after = parseCursor(args.after, 'after');
  const before = parseCursor(args.before, 'before');
  let lo = 0;
  let hi = rows.length; // window [lo, hi)
  if (after !== undefined) {
    while (lo < hi && keyOf(rows[lo]!) <= after) lo++;
  }
  if (before !== undefined) {
    while (hi > lo && keyOf(rows[hi - 1]!) >= before) hi--;
  }
  let start = lo;
  let end = hi;
  if (args.first !== null && args.first !== undefined) end = Math.min(hi, start + args.first);
  else if (args.last === null || args.last === undefined) end = Math.min(hi, start + MAX_PAGE);
  if (args.last !== null && args.last !== undefined) start = Math.max(start, end - args.last);
  const slice = rows.slice(start, end);
  return {
    edges: slice.length === 0 ? null : slice.map((r) => ({ cursor: String(keyOf(r)), node: toNode(r) })),
    pageInfo: { hasNextPage: end < rows.length, hasPreviousPage: start > 0 },
  };
}

const OPS = ['gt', 'gte', 'lt', 'lte', 'in'] as const;
type Op = (typeof OPS)[number] | 'eq';

export function parseFilterKey(key: string): { field: string; op: Op } {
  const i = key.lastIndexOf('_');
  if (i > 0) {
    const suffix = key.slice(i + 1);
    if ((OPS as readonly string[]).includes(suffix)) return { field: key.slice(0, i), op: suffix as Op };
  }
  return { field: key, op: 'eq' };
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Flat `field_op` filters: equality (`null` matches missing values), `_gt _gte _lt _lte _in`.
 * Comparisons on naive timestamps and ISO dates are lexicographic, which orders them correctly. Pure.
 */
export function matchesFilter(
  row: unknown,
  filter: Record<string, unknown> | null | undefined,
  get: (row: unknown, field: string) => unknown = (r, f) => (r as Record<string, unknown>)[f],
): boolean {
  if (!filter) return true;
  for (const [key, expected] of Object.entries(filter)) {
    if (expected === undefined) continue;
    const { field, op } = parseFilterKey(key);
    const actual = get(row, field);
    switch (op) {
      case 'eq':
        if (expected === null) {
          if (actual !== null && actual !== undefined) return false;
        } else if (actual === null || actual === undefined || compare(actual, expected) !== 0) return false;
        break;
      case 'in':
        if (!Array.isArray(expected) || !expected.some((e) => actual !== null && actual !== undefined && compare(actual, e) === 0)) {
          return false;
        }
        break;
      default: {
        if (actual === null || actual === undefined || expected === null) return false;
        const c = compare(actual, expected);
        if ((op === 'gt' && !(c > 0)) || (op === 'gte' && !(c >= 0)) || (op === 'lt' && !(c < 0)) || (op === 'lte' && !(c <= 0))) {
          return false;
        }
      }
    }
  }
  return true;
}
