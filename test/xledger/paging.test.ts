import type { FakeXledger } from '../../xledger/fake/server';
import { startFakeXledger } from '../../xledger/fake/server';
import { LIMITS_OFF, clientFor, rawPost } from './helpers';

describe('paging through 25,000 employees over HTTP', () => {
  let fake: FakeXledger;
  beforeAll(async () => {
    fake = await startFakeXledger({ generateEmployees: 25_000, knobs: LIMITS_OFF });
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.resetStats());

  it('reads every employee exactly once in 3 pages of ≤ 10,000 (with contact and subledger)', async () => {
    const { client } = clientFor(fake);
    const seen = new Map<string, number>();
    const sizes: number[] = [];
    let last: { hasNextPage: boolean } | undefined;
    for await (const page of client.employees.pages({ pageSize: 10_000 })) {
      sizes.push(page.nodes.length);
      for (const e of page.nodes) {
        seen.set(e.code!, (seen.get(e.code!) ?? 0) + 1);
        expect(e.contact?.email).toBe(e.email);
        expect(e.subledger?.description).toBe(e.description);
      }
      last = page;
    }
    expect(sizes).toEqual([10_000, 10_000, 5_000]);
    expect(last?.hasNextPage).toBe(false);
    expect(seen.size).toBe(25_000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(seen.has('E000001') && seen.has('E025000')).toBe(true);
    expect(fake.stats().byOperation.ListEmployees).toBe(3);
  });

  it('pages with a smaller page size and resumes from a cursor', async () => {
    const { client } = clientFor(fake);
    let pages = 0;
    let count = 0;
    let cursor: string | undefined;
    for await (const page of client.employees.basic.pages({ pageSize: 1_000, maxPages: 7 })) {
      pages++;
      count += page.nodes.length;
      cursor = page.endCursor;
    }
    expect(pages).toBe(7);
    expect(count).toBe(7_000);
    const rest = await client.employees.basic.all({ pageSize: 5_000, after: cursor! });
    expect(rest).toHaveLength(18_000);
    expect(rest[0]!.code).toBe('E007001');
    expect(fake.stats().byOperation.ListEmployeesBasic).toBe(7 + 4);
  });

  it('refuses page sizes above 10,000 in the client and in the fake', async () => {
    const { client } = clientFor(fake);
    await expect(client.employees.all({ pageSize: 10_001 })).rejects.toThrow(RangeError);
    const res = await rawPost(fake.url, { query: 'query { employees(first: 10001) { edges { cursor } } }' }, { Authorization: 'token fake-full-access' });
    expect(res.json.errors?.[0]?.message).toMatch(/10000/);
  });
});
