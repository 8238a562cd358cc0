import { visibleOwners, authenticate, hasScope } from '../../xledger/fake/auth';
import { matchesFilter, paginateRows, parseFilterKey } from '../../xledger/fake/connection';
import { defaultTokens } from '../../xledger/fake/knobs';
import { TokenLimits } from '../../xledger/fake/limits';
import { resolveLookup } from '../../xledger/fake/lookups';
import { multiplyMoney, sumMoney } from '../../xledger/fake/resolvers/bulk';
import { defaultKnobs, mergeKnobs } from '../../xledger/fake/knobs';
import { createRng } from '../../xledger/fake/rng';

const rows = Array.from({ length: 10 }, (_, i) => ({ dbId: (i + 1) * 10 }));
const page = (args: Parameters<typeof paginateRows>[2]) =>
  paginateRows(
    rows,
    (r) => r.dbId,
    args,
    (r) => r.dbId,
  );

describe('fake connection paging', () => {
  it('walks first/after and reports pageInfo', () => {
    const p1 = page({ first: 4 });
    expect(p1.edges!.map((e) => e.node)).toEqual([10, 20, 30, 40]);
    expect(p1.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
    const p3 = page({ first: 4, after: '80' });
    expect(p3.edges!.map((e) => e.cursor)).toEqual(['90', '100']);
    expect(p3.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  it('walks last/before newest→oldest', () => {
    const p = page({ last: 3 });
    expect(p.edges!.map((e) => e.node)).toEqual([80, 90, 100]);
    expect(p.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    expect(page({ last: 2, before: '30' }).edges!.map((e) => e.node)).toEqual([10, 20]);
  });

  it('returns edges: null when empty and rejects sizes over 10,000 or bad cursors', () => {
    expect(page({ first: 5, after: '100' }).edges).toBeNull();
    expect(() => page({ first: 10_001 })).toThrow(/10000/);
    expect(() => page({ first: 1, after: 'abc' })).toThrow(/cursor/);
  });
});

describe('fake filters', () => {
  const row = { code: 'E10', modifiedAt: '2025-03-01T10:00:00', employmentTo: null, dbId: 5 };
  it('parses flat field_op keys', () => {
    expect(parseFilterKey('modifiedAt_gte')).toEqual({ field: 'modifiedAt', op: 'gte' });
    expect(parseFilterKey('dbId_in')).toEqual({ field: 'dbId', op: 'in' });
    expect(parseFilterKey('code')).toEqual({ field: 'code', op: 'eq' });
  });
  it('applies equality, null equality, ranges and _in', () => {
    expect(matchesFilter(row, { code: 'E10' })).toBe(true);
    expect(matchesFilter(row, { code: 'E1' })).toBe(false);
    expect(matchesFilter(row, { employmentTo: null })).toBe(true);
    expect(matchesFilter(row, { code: null })).toBe(false);
    expect(matchesFilter(row, { modifiedAt_gt: '2025-03-01T09:59:59' })).toBe(true);
    expect(matchesFilter(row, { modifiedAt_gt: '2025-03-01T10:00:00' })).toBe(false);
    expect(matchesFilter(row, { modifiedAt_gte: '2025-03-01T10:00:00', modifiedAt_lt: '2025-03-02T00:00:00' })).toBe(true);
    expect(matchesFilter(row, { dbId_in: [1, 5] })).toBe(true);
    expect(matchesFilter(row, { dbId_in: [] })).toBe(false);
    expect(matchesFilter(row, { dbId_lte: 4 })).toBe(false);
  });
});

describe('fake lookups', () => {
  const countries = [
    { dbId: 21, code: 'NO', description: 'Norway', ownerDbId: 1 },
    { dbId: 22, code: 'SE', description: 'Sweden', ownerDbId: 1 },
  ];
  it('resolves by dbId, code or description', () => {
    expect(resolveLookup(countries, { code: 'SE' }, 'country', 'country')).toEqual({ row: countries[1] });
    expect(resolveLookup(countries, { dbId: 21 }, 'country', 'country')).toEqual({ row: countries[0] });
    expect(resolveLookup(countries, { description: 'Norway' }, 'country', 'country')).toEqual({ row: countries[0] });
  });
  it('fails unknown lookups with exampleValidInputs', () => {
    const r = resolveLookup(countries, { code: 'XX' }, 'address.country', 'country');
    expect('issue' in r && r.issue).toMatchObject({ field: 'address.country', code: 'LOOKUP_FAILED' });
    expect('issue' in r && r.issue.exampleValidInputs).toEqual([
      { code: 'NO', dbId: 21, ownerDbId: 1, text: 'Norway' },
      { code: 'SE', dbId: 22, ownerDbId: 1, text: 'Sweden' },
    ]);
  });
});

describe('fake auth and owners', () => {
  const tokens = defaultTokens();
  it('checks the header format and the token', () => {
    expect(authenticate(undefined, tokens)).toMatchObject({ ok: false, message: expect.stringMatching(/^Bad format for API Token/) });
    expect(authenticate('Bearer fake-full-access', tokens).ok).toBe(false);
    expect(authenticate('token nope', tokens)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(authenticate('token fake-full-access', tokens).ok).toBe(true);
  });
  it('grants per area and access', () => {
    const ro = tokens.find((t) => t.token === 'fake-employee-read-only')!;
    expect(hasScope(ro, 'Human Resources Employee', 'read')).toBe(true);
    expect(hasScope(ro, 'Human Resources Employee', 'write')).toBe(false);
    expect(hasScope(ro, 'Common Contact', 'read')).toBe(false);
  });
  it('resolves ownerSet over the entity tree', () => {
    const entities = [
      { dbId: 1, parentDbId: null, code: 'a', description: 'A', currencyDbId: null },
      { dbId: 2, parentDbId: 1, code: 'b', description: 'B', currencyDbId: null },
      { dbId: 3, parentDbId: 2, code: 'c', description: 'C', currencyDbId: null },
    ];
    expect([...visibleOwners(2, undefined, entities)]).toEqual([2]);
    expect([...visibleOwners(2, 'LOWER', entities)].sort()).toEqual([2, 3]);
    expect([...visibleOwners(2, 'UPPER', entities)].sort()).toEqual([1, 2]);
    expect([...visibleOwners(2, 'ALL', entities)].sort()).toEqual([1, 2, 3]);
  });
});

describe('fake limits', () => {
  it('enforces burst, concurrency and credits per token with an injected clock', () => {
    let t = 0;
    const limits = new TokenLimits(() => t);
    const knobs = mergeKnobs(defaultKnobs(), { burstLimit: { max: 3, windowMs: 1_000 }, concurrencyLimit: { max: 2 } });
    const a = limits.admit('tok', knobs);
    const b = limits.admit('tok', knobs);
    expect(limits.admit('tok', knobs)).toMatchObject({ ok: false, code: 'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED' });
    expect(limits.admit('other', knobs).ok).toBe(true);
    if (a.ok) a.release();
    if (b.ok) b.release();
    const c = limits.admit('tok', knobs);
    expect(c.ok).toBe(true);
    if (c.ok) c.release();
    expect(limits.admit('tok', knobs)).toMatchObject({ ok: false, code: 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED' });
    t = 1_000;
    expect(limits.admit('tok', knobs).ok).toBe(true);

    const credits = mergeKnobs(defaultKnobs(), { burstLimit: { enabled: false }, credits: { enabled: true, perWindow: 1, windowMs: 60_000 } });
    const l2 = new TokenLimits(() => t);
    const ok = l2.admit('x', credits);
    if (ok.ok) ok.release();
    expect(l2.admit('x', credits)).toEqual({
      ok: false,
      code: 'BAD_REQUEST.INSUFFICIENT_CREDITS',
      message: expect.any(String),
      resetAtMs: 61_000,
    });
  });
});

describe('fake helpers', () => {
  it('multiplies and sums money exactly', () => {
    expect(multiplyMoney('3', '1250.00')).toBe('3750.00');
    expect(multiplyMoney('1.5', '0.333')).toBe('0.50');
    expect(multiplyMoney('-2', '0.125')).toBe('-0.25');
    expect(sumMoney(['0.10', '0.20', '-0.05'])).toBe('0.25');
  });
  it('has a deterministic RNG', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(new Set(xs).size).toBe(3);
  });
});
