import { isXledgerDate } from '../../client/formats';
import type { ScopeArea } from '../../scopes';
import type { RequestContext } from '../context';
import type { Issue } from '../errors';
import { FakeError, FakeErrors, issueToError } from '../errors';
import type { LookupArg } from '../lookups';
import { resolveLookup } from '../lookups';
import type { AddressRow } from '../types';

export { MAX_BULK_NODES } from '../../../domain/shared/xledger-limits';
import { MAX_BULK_NODES } from '../../../domain/shared/xledger-limits';

export interface BulkInputArg<N> {
  clientId?: string | null;
  node: N;
}

export type IssueSink = (issue: Omit<Issue, 'index' | 'clientId'>) => void;

/**
 * Xledger-style mass mutation: ≤ 500 nodes, all validated before any is applied (a batch with an
 * invalid record changes nothing — assumed), one error per invalid record naming clientId, index and field.
 */
export function runBulk<N, P>(
  ctx: RequestContext,
  root: string,
  area: ScopeArea,
  inputs: ReadonlyArray<BulkInputArg<N>>,
  prepare: (node: N, report: IssueSink) => P,
  apply: (node: N, plan: P) => unknown,
): { edges: Array<{ clientId: string | null; node: unknown }> | null } {
  ctx.require(area, 'write');
  if (inputs.length > MAX_BULK_NODES) {
    throw new FakeError(`${root}: ${inputs.length} inputs sent; a mutation accepts at most ${MAX_BULK_NODES} nodes.`, {
      extensions: { code: 'MAX_INPUTS_EXCEEDED', max: MAX_BULK_NODES, received: inputs.length },
    });
  }
  if (inputs.length === 0) return { edges: null };
  const issues: Issue[] = [];
  const plans = inputs.map((input, index) => prepare(input.node, (i) => issues.push({ ...i, index, clientId: input.clientId ?? null })));
  if (issues.length > 0) throw new FakeErrors(issues.map((i) => issueToError(root, i)));
  const edges = inputs.map((input, i) => ({ clientId: input.clientId ?? null, node: apply(input.node, plans[i]!) }));
  ctx.written += inputs.length;
  return { edges };
}

// ---- field validators: each reports an issue and returns whether the value is usable

export function checkDate(report: IssueSink, field: string, value: string | null | undefined): void {
  if (value != null && !isXledgerDate(value)) {
    report({ field, code: 'INVALID_VALUE', message: `Invalid date ${JSON.stringify(value)}; expected YYYY-MM-DD` });
  }
}

export function checkEmail(report: IssueSink, field: string, value: string | null | undefined): void {
  if (value != null && value !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    report({ field, code: 'INVALID_VALUE', message: `Invalid email address ${JSON.stringify(value)}` });
  }
}

export function checkDecimal(report: IssueSink, field: string, value: string | null | undefined): void {
  if (value != null && !/^-?\d+(\.\d+)?$/.test(value)) {
    report({ field, code: 'INVALID_VALUE', message: `Invalid decimal ${JSON.stringify(value)}` });
  }
}

export function checkTime(report: IssueSink, field: string, value: string | null | undefined): void {
  if (value != null && !/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(value)) {
    report({ field, code: 'INVALID_VALUE', message: `Invalid time ${JSON.stringify(value)}; expected HH:mm` });
  }
}

/** Only Norwegian national identity numbers are supported (Huma's note); checked for 11 digits only. */
export function checkSocialSec(report: IssueSink, field: string, value: string | null | undefined): void {
  if (value != null && value !== '' && !/^\d{11}$/.test(value)) {
    report({ field, code: 'INVALID_VALUE', message: 'Only Norwegian national identity numbers (11 digits) are supported' });
  }
}

export function checkRequired(report: IssueSink, field: string, value: string | null | undefined): void {
  if (value == null || value.trim() === '') report({ field, code: 'INVALID_VALUE', message: `${field} is required` });
}

/** Resolve an optional lookup; undefined when absent, null when invalid (issue reported). */
export function lookupId<T extends { dbId: number; code?: string | null; description?: string | null }>(
  report: IssueSink,
  rows: readonly T[],
  lookup: LookupArg | null | undefined,
  field: string,
  label: string,
): number | undefined | null {
  if (lookup == null) return undefined;
  const r = resolveLookup(rows, lookup, field, label);
  if ('row' in r) return r.row.dbId;
  report(r.issue);
  return null;
}

export interface AddressArg {
  streetAddress?: string | null;
  zipCode?: string | null;
  place?: string | null;
  state?: string | null;
  country?: LookupArg | null;
}

/**
 * New address value from an input merged over the current one. `null` input leaves the address as it is
 * (Huma: "the integration can't unset this field's value in Xledger"; assumed to be Xledger's behaviour).
 */
export function mergeAddress(
  ctx: RequestContext,
  current: AddressRow | null,
  input: AddressArg | null | undefined,
  countryDbId: number | null | undefined,
): AddressRow | null {
  if (input == null) return current;
  const base: AddressRow = current
    ? { ...current }
    : { dbId: ctx.state.allocId(), streetAddress: null, zipCode: null, place: null, state: null, countryDbId: null };
  if (input.streetAddress !== undefined) base.streetAddress = input.streetAddress;
  if (input.zipCode !== undefined) base.zipCode = input.zipCode;
  if (input.place !== undefined) base.place = input.place;
  if (input.state !== undefined) base.state = input.state;
  if (countryDbId !== undefined && countryDbId !== null) base.countryDbId = countryDbId;
  return base;
}

/** Copy defined fields of `patch` onto `row`; returns whether anything changed. */
export function assign<T extends object>(row: T, patch: Partial<T>): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const key = k as keyof T;
    if (JSON.stringify(row[key]) !== JSON.stringify(v)) {
      row[key] = v as T[keyof T];
      changed = true;
    }
  }
  return changed;
}

/** Exact decimal product rounded half-up to 2 places. */
export function multiplyMoney(a: string, b: string): string {
  const scale = (s: string) => {
    const neg = s.startsWith('-');
    const [i, f = ''] = (neg ? s.slice(1) : s).split('.') as [string, string?];
    return { n: BigInt(i + f) * (neg ? -1n : 1n), d: f.length };
  };
  const x = scale(a);
  const y = scale(b);
  let n = x.n * y.n;
  const d = x.d + y.d;
  if (d > 2) {
    const div = 10n ** BigInt(d - 2);
    const half = div / 2n;
    n = n >= 0n ? (n + half) / div : -((-n + half) / div);
  } else n = n * 10n ** BigInt(2 - d);
  return formatMinor(n);
}

function formatMinor(n: bigint): string {
  const neg = n < 0n;
  const abs = (neg ? -n : n).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

export function sumMoney(values: readonly string[]): string {
  return formatMinor(values.reduce((acc, v) => acc + BigInt(multiplyMoney(v, '1').replace('.', '')), 0n));
}
