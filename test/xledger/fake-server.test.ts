import type { FakeXledger } from '../../xledger/fake/server';
import { startFakeXledger } from '../../xledger/fake/server';
import { FULL, LIMITS_OFF, clientFor, rawPost } from './helpers';

const adminGet = async (fake: FakeXledger, route: string) => (await fetch(`${fake.adminUrl}/${route}`)).json() as Promise<Record<string, unknown>>;
const adminPost = async (fake: FakeXledger, route: string, body?: unknown) =>
  (await fetch(`${fake.adminUrl}/${route}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) })).json() as Promise<
    Record<string, unknown>
  >;

describe('fake Xledger server', () => {
  let fake: FakeXledger;
  beforeAll(async () => {
    fake = await startFakeXledger({ knobs: LIMITS_OFF });
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('exposes knobs, stats, state, seed and reset over the admin endpoint', async () => {
    const knobs = await adminPost(fake, 'knobs', { latencyMs: 5, burstLimit: { enabled: true, max: 99 } });
    expect(knobs).toMatchObject({ latencyMs: 5, burstLimit: { enabled: true, max: 99, windowMs: 5_000 } });
    const { client } = clientFor(fake);
    await client.countries.all();
    await client.employees.add([{ node: { code: 'A1', description: 'Admin Test' } }]);
    const stats = await adminGet(fake, 'stats');
    expect(stats).toMatchObject({ requests: 2, byOperation: { ListCountries: 1, AddEmployees: 1 }, writtenNodes: 1, mutationNodes: { addEmployees: 1 } });
    const state = (await adminGet(fake, 'state')) as { counts: Record<string, number> };
    expect(state.counts.employees).toBe(1);

    await adminPost(fake, 'seed', {
      entities: [{ dbId: 1000, code: 'X', description: 'Only', parentDbId: null, currencyDbId: null }],
      countries: [{ code: 'IS', description: 'Iceland' }],
    });
    expect((await client.countries.all()).map((c) => c.code)).toEqual(['IS']);
    expect(await client.employees.all()).toEqual([]);

    await adminPost(fake, 'reset');
    expect((await adminGet(fake, 'knobs')).latencyMs).toBe(0);
    expect((await client.countries.all()).length).toBe(249); // every ISO 3166 country, as in a real Xledger
  });

  it('answers CONCURRENCY_LIMIT_REACHED above the in-flight limit; the client retries to success', async () => {
    fake.setKnobs({ latencyMs: 80, concurrencyLimit: { enabled: true, max: 2 } });
    const { client } = clientFor(fake, FULL, { maxInFlight: 6, sleep: (ms) => new Promise((r) => setTimeout(r, ms / 20)) });
    const results = await Promise.all(Array.from({ length: 6 }, () => client.currencies.all()));
    expect(results.every((r) => r.length === 6)).toBe(true);
    expect(fake.stats().throttled['BAD_REQUEST.CONCURRENCY_LIMIT_REACHED']).toBeGreaterThan(0);
    expect(fake.stats().maxInFlight).toBeLessThanOrEqual(2);

    fake.resetStats();
    const { client: polite } = clientFor(fake, FULL, { maxInFlight: 2 });
    await Promise.all(Array.from({ length: 6 }, () => polite.currencies.all()));
    expect(fake.stats().throttled).toEqual({});
  });

  it('reports parse errors the way Xledger words them and validation errors with backticks', async () => {
    const auth = { Authorization: `token ${FULL}` };
    const parseErr = await rawPost(fake.url, { query: '{ employees(filter: {code: "unterminated}) { edges { cursor } } }' }, auth);
    expect(parseErr.json.errors?.[0]?.message).toMatch(/^Error parsing query: Unterminated string/);
    const invalid = await rawPost(fake.url, { query: '{ foo }' }, auth);
    expect(invalid.json.errors?.[0]?.message).toBe('Cannot query field `foo` on type `Query`.');
  });

  it('puts throttle codes at the top level of the error object', async () => {
    fake.setKnobs({ forcedErrors: [{ code: 'BAD_REQUEST.INSUFFICIENT_CREDITS', count: 1, resetInMs: 60_000 }] });
    const res = await rawPost(fake.url, { query: '{ countries { edges { cursor } } }' }, { Authorization: `token ${FULL}` });
    const err = res.json.errors![0]!;
    expect(err.code).toBe('BAD_REQUEST.INSUFFICIENT_CREDITS');
    expect((err.extensions as { resetAt: string }).resetAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect((err.extensions as { code?: string }).code).toBeUndefined();
  });

  it('is deterministic for the same RNG seed', async () => {
    const run = async () => {
      fake.reset();
      fake.setKnobs({ http5xxRate: 0.5, rngSeed: 1234 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await fetch(fake.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `token ${FULL}` },
          body: JSON.stringify({ query: '{ currencies { edges { cursor } } }' }),
        });
        await r.text();
        statuses.push(r.status);
      }
      return statuses;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(a.some((s) => s >= 500)).toBe(true);
    expect(a.some((s) => s === 200)).toBe(true);
  });
});
