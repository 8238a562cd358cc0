import {
  XledgerAuthError,
  XledgerDeltaExpiredError,
  XledgerRecordError,
  XledgerScopeError,
  XledgerThrottleError,
  XledgerTransientError,
  bulkProgressOf,
} from '../../xledger/client/errors';
import { toXledgerDateTime } from '../../xledger/client/formats';
import type { AddEmployeeNode } from '../../xledger/client/inputs';
import { Ops } from '../../xledger/client/operations';
import type { FakeXledger } from '../../xledger/fake/server';
import { startFakeXledger } from '../../xledger/fake/server';
import { FULL, LIMITS_OFF, READ_ONLY, SUB, clientFor, rawPost } from './helpers';

const T0 = Date.parse('2025-06-02T08:00:00Z');

describe('client against the fake over HTTP', () => {
  let fake: FakeXledger;
  // Frozen at T0 for timestamp assertions; null = real time (tests of time windows).
  let clock: number | null = T0;
  beforeAll(async () => {
    fake = await startFakeXledger({ knobs: LIMITS_OFF, now: () => clock ?? Date.now() });
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    clock = T0;
    fake.reset();
  });

  const employee = (i: number, extra: Partial<AddEmployeeNode> = {}): AddEmployeeNode => ({
    code: `N${String(i).padStart(5, '0')}`,
    firstName: `Given${i}`,
    lastName: `Family${i}`,
    email: `n${i}@example.com`,
    employmentFrom: '2024-01-01',
    ...extra,
  });

  describe('bulk writes', () => {
    it('inserts 1,200 employees in exactly 3 mutations and maps results back by clientId', async () => {
      const { client } = clientFor(fake);
      const inputs = Array.from({ length: 1_200 }, (_, i) => ({ clientId: `hr-${i}`, node: employee(i) }));
      const results = await client.employees.add(inputs);
      expect(results).toHaveLength(1_200);
      results.forEach((r, i) => {
        expect(r.clientId).toBe(`hr-${i}`);
        expect(r.node.code).toBe(inputs[i]!.node.code);
        expect(r.node.contact?.firstName).toBe(`Given${i}`);
        expect(r.node.subledger?.email).toBe(`n${i}@example.com`);
      });
      expect(new Set(results.map((r) => r.node.dbId)).size).toBe(1_200);
      expect(fake.stats().byRootField.addEmployees).toBe(3);
      expect(fake.stats().mutationNodes.addEmployees).toBe(1_200);
      expect(fake.state.tables.employees.size).toBe(1_200);
      expect(fake.state.tables.contacts.size).toBe(1_200);
    });

    it('rejects more than 500 nodes in one mutation (fake limit)', async () => {
      const { client } = clientFor(fake);
      const inputs = Array.from({ length: 501 }, (_, i) => ({ clientId: String(i), node: employee(i) }));
      const err = await client.execute(Ops.addEmployees, { inputs }).catch((e: unknown) => e);
      expect(err).toMatchObject({ retryable: false });
      expect((err as Error).message).toMatch(/at most 500/);
      expect(fake.state.tables.employees.size).toBe(0);
    });

    it('round-trips quotes, backslashes, newlines, emoji and ÆØÅ exactly', async () => {
      const { client } = clientFor(fake);
      const tricky = {
        firstName: 'Åse "Bestemor" Ærlig',
        lastName: 'Øvre\\Nedre\nLinje 2 😀 {$x} \u0000end',
        jobTitle: 'Sjef for "alt" \\ ingenting\r\n\t😀',
        code: 'E"1\\ø',
      };
      const [created] = await client.employees.add([{ node: employee(1, tricky) }]);
      expect(created!.node.code).toBe(tricky.code);
      const [read] = await client.employees.all({ filter: { code: tricky.code } });
      expect(read!.contact?.firstName).toBe(tricky.firstName);
      expect(read!.contact?.lastName).toBe(tricky.lastName);
      expect(read!.contact?.jobTitle).toBe(tricky.jobTitle);
      expect(read!.description).toBe(`${tricky.firstName} ${tricky.lastName}`);

      const renamed = 'Kari «Æ» Nordmann – "quoted" \\ 👩‍💻';
      await client.employees.update([{ node: { dbId: read!.dbId, lastName: renamed } }]);
      const [again] = await client.employees.all({ filter: { dbId: read!.dbId } });
      expect(again!.contact?.lastName).toBe(renamed);
      expect(fake.state.tables.contacts.get(again!.contact!.dbId)!.lastName).toBe(renamed);
    });

    it('surfaces a permanent per-record error with the record and field, and writes nothing', async () => {
      const { client, sleeps } = clientFor(fake);
      await client.employees.add([{ clientId: 'first', node: employee(1) }]);
      const batch = [
        { clientId: 'ok', node: employee(2) },
        { clientId: 'dup', node: employee(1) },
        { clientId: 'mail', node: employee(3, { email: 'not an email' }) },
        { clientId: 'country', node: employee(4, { address: { streetAddress: 'Gate 1', country: { code: 'XX' } } }) },
      ];
      const err = (await client.employees.add(batch).catch((e: unknown) => e)) as XledgerRecordError;
      expect(err).toBeInstanceOf(XledgerRecordError);
      expect(err.retryable).toBe(false);
      expect(sleeps).toEqual([]);
      expect(err.issues.map((i) => [i.clientId, i.code, i.field])).toEqual([
        ['dup', 'N00001', 'code'],
        ['mail', 'N00003', 'email'],
        ['country', 'N00004', 'address.country'],
      ]);
      expect(err.issues[2]!.type).toBe('lookup');
      expect(err.issues[2]!.exampleValidInputs?.map((x) => x.code)).toContain('NO');
      expect(err.message).toContain('N00001');
      expect(fake.state.tables.employees.size).toBe(1);
    });

    it('reports bulk progress when a later chunk fails', async () => {
      const { client } = clientFor(fake);
      const inputs = Array.from({ length: 600 }, (_, i) => ({ clientId: `c${i}`, node: employee(i) }));
      inputs[550] = { clientId: 'c550', node: employee(3) }; // duplicates c3 (already committed in chunk 1)
      const err = await client.employees.add(inputs).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(XledgerRecordError);
      const progress = bulkProgressOf(err)!;
      expect(progress.completed).toHaveLength(500);
      expect(progress.failedClientIds).toHaveLength(100);
      expect(progress.notSent).toEqual([]);
      expect((err as XledgerRecordError).issues[0]).toMatchObject({ clientId: 'c550', field: 'code' });
      expect(fake.state.tables.employees.size).toBe(500);
    });

    it('keeps employee codes unique per owner, not across owners', async () => {
      const { client } = clientFor(fake);
      const { client: sub } = clientFor(fake, SUB);
      await client.employees.add([{ node: employee(1) }]);
      const [s] = await sub.employees.add([{ node: employee(1) }]);
      expect(s!.node.ownerDbId).toBe(1001);
      await expect(sub.employees.add([{ node: employee(1) }])).rejects.toBeInstanceOf(XledgerRecordError);
    });
  });

  describe('throttling and faults', () => {
    it('retries forced burst and concurrency throttles to success with the official waits', async () => {
      const { client, sleeps } = clientFor(fake);
      fake.setKnobs({
        forcedErrors: [
          { code: 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED', count: 2 },
          { code: 'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED', count: 1 },
        ],
      });
      const countries = await client.countries.all();
      expect(countries.map((c) => c.code)).toContain('NO');
      expect(sleeps).toEqual([5_000, 5_000, 1_000]);
      expect(fake.stats().throttled).toEqual({
        'BAD_REQUEST.BURST_RATE_LIMIT_REACHED': 2,
        'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED': 1,
      });
    });

    it('retries a throttled ADD safely (rejected before execution: no duplicates)', async () => {
      const { client, sleeps } = clientFor(fake);
      fake.setKnobs({ forcedErrors: [{ code: 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED', count: 1, operation: 'AddEmployees' }] });
      await client.employees.add([{ node: employee(1) }]);
      expect(sleeps).toEqual([5_000]);
      expect(fake.state.tables.employees.size).toBe(1);
    });

    it('hits the real burst window of the fake and recovers after waiting', async () => {
      clock = null;
      fake.setKnobs({ burstLimit: { enabled: true, max: 3, windowMs: 400 } });
      // Real sleeps, scaled down: the advised 5 s becomes 500 ms, longer than the 400 ms window.
      const { client } = clientFor(fake, FULL, { sleep: (ms) => new Promise((r) => setTimeout(r, ms / 10)) });
      for (let i = 0; i < 8; i++) await client.currencies.all();
      expect(fake.stats().throttled['BAD_REQUEST.BURST_RATE_LIMIT_REACHED']).toBeGreaterThan(0);
      expect(fake.stats().byOperation.ListCurrencies).toBe(8);
    });

    it('the client-side limiter keeps a token under the burst limit', async () => {
      clock = null;
      fake.setKnobs({ burstLimit: { enabled: true, max: 3, windowMs: 400 } });
      const { client } = clientFor(fake, FULL, { limiter: { max: 3, windowMs: 450 }, realSleep: true });
      await Promise.all(Array.from({ length: 8 }, () => client.currencies.all()));
      expect(fake.stats().throttled).toEqual({});
      expect(fake.stats().byOperation.ListCurrencies).toBe(8);
    });

    it('waits for extensions.resetAt on INSUFFICIENT_CREDITS', async () => {
      clock = null;
      const { client, sleeps } = clientFor(fake, FULL, { retry: { maxDelayMs: 10 * 60_000 } });
      fake.setKnobs({ forcedErrors: [{ code: 'BAD_REQUEST.INSUFFICIENT_CREDITS', count: 1, resetInMs: 180_000 }] });
      await client.accounts.all();
      // resetAt has one-second resolution; the client adds a second of margin.
      expect(sleeps).toHaveLength(1);
      expect(sleeps[0]).toBeGreaterThanOrEqual(180_000);
      expect(sleeps[0]).toBeLessThanOrEqual(181_000);

      // With the default in-process cap (2 min) the wait is handed to the caller instead.
      fake.setKnobs({ forcedErrors: [{ code: 'BAD_REQUEST.INSUFFICIENT_CREDITS', count: 1, resetInMs: 180_000 }] });
      const { client: capped } = clientFor(fake);
      const err = (await capped.accounts.all().catch((e: unknown) => e)) as XledgerThrottleError;
      expect(err).toBeInstanceOf(XledgerThrottleError);
      expect(err.kind).toBe('insufficient-credits');
      expect(Math.abs(err.resetAt!.getTime() - (Date.now() + 180_000))).toBeLessThan(2_000);
      expect(err.retryAfterMs).toBeGreaterThan(120_000);
    });

    it('runs out of credits for real and resumes after the reset time', async () => {
      fake.setKnobs({ credits: { enabled: true, perWindow: 2, windowMs: 1_500 } });
      clock = null;
      const { client } = clientFor(fake, FULL, { realSleep: true });
      const started = Date.now();
      for (let i = 0; i < 3; i++) await client.currencies.all();
      expect(fake.stats().throttled['BAD_REQUEST.INSUFFICIENT_CREDITS']).toBe(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(fake.stats().byOperation.ListCurrencies).toBe(3);
    });

    it('retries random 5xx on reads (seeded faults)', async () => {
      fake.setKnobs({ http5xxRate: 0.3, rngSeed: 7 });
      const { client, sleeps } = clientFor(fake);
      for (let i = 0; i < 15; i++) expect((await client.currencies.all()).length).toBe(6);
      expect(fake.stats().http5xx).toBeGreaterThan(0);
      expect(sleeps.length).toBe(fake.stats().http5xx);
    });

    it('crash-after-writes: the write is applied, the answer is lost, adds are not re-sent', async () => {
      fake.setKnobs({ crashAfterWrites: 3 });
      const { client, sleeps } = clientFor(fake);
      const err = (await client.employees.add([1, 2, 3, 4, 5].map((i) => ({ node: employee(i) }))).catch((e: unknown) => e)) as XledgerTransientError;
      expect(err).toBeInstanceOf(XledgerTransientError);
      expect(err.httpStatus).toBe(503);
      expect(err.maybeCommitted).toBe(true);
      expect(sleeps).toEqual([]);
      expect(fake.crashed()).toBe(true);
      await expect(client.countries.all()).rejects.toBeInstanceOf(XledgerTransientError);
      fake.recover();
      expect(await client.employees.all()).toHaveLength(5);
    });
  });

  describe('auth, scopes and owners', () => {
    it('returns the real bad-token text with HTTP 200', async () => {
      const res = await rawPost(fake.url, { query: '{ countries { edges { cursor } } }' });
      expect(res.status).toBe(200);
      expect(res.json.errors?.[0]?.message).toBe('Bad format for API Token. Expected header: "Authorization: token <your-token>"');
      const bearer = await rawPost(fake.url, { query: '{ countries { edges { cursor } } }' }, { Authorization: 'Bearer fake-full-access' });
      expect(bearer.json.errors?.[0]?.message).toMatch(/^Bad format for API Token/);

      const { client } = clientFor(fake, 'has spaces in it');
      const err = (await client.countries.all().catch((e: unknown) => e)) as XledgerAuthError;
      expect(err).toBeInstanceOf(XledgerAuthError);
      expect(err.message).toMatch(/Bad format for API Token/);
      expect(err.message).not.toContain('has spaces in it');

      const { client: unknown } = clientFor(fake, 'not-a-configured-token');
      const err2 = (await unknown.countries.all().catch((e: unknown) => e)) as Error;
      expect(err2).toBeInstanceOf(XledgerAuthError);
      expect(err2.message).not.toContain('not-a-configured-token');
    });

    it('names the missing scope', async () => {
      const { client } = clientFor(fake, READ_ONLY);
      expect(await client.employees.basic.all()).toEqual([]);
      const write = (await client.employees.add([{ node: employee(1) }]).catch((e: unknown) => e)) as XledgerScopeError;
      expect(write).toBeInstanceOf(XledgerScopeError);
      expect(write).toMatchObject({ scope: 'Human Resources Employee', access: 'write', retryable: false });
      const contacts = (await client.contacts.all().catch((e: unknown) => e)) as XledgerScopeError;
      expect(contacts).toMatchObject({ scope: 'Common Contact', access: 'read' });
    });

    it('reports a nested scope (contact inside employee) by name', async () => {
      await clientFor(fake).client.employees.add([{ node: employee(1) }]);
      const { client } = clientFor(fake, READ_ONLY);
      const err = (await client.employees.all().catch((e: unknown) => e)) as XledgerScopeError;
      expect(err).toBeInstanceOf(XledgerScopeError);
      expect(['Common Contact', 'Common Subledger']).toContain(err.scope);
    });

    it('scopes reads to the owner entity, with ownerSet to widen', async () => {
      const { client } = clientFor(fake);
      const { client: sub } = clientFor(fake, SUB);
      expect((await client.suppliers.all()).map((s) => s.code).sort()).toEqual(['S-100', 'S-200']);
      expect((await client.suppliers.all({ ownerSet: 'LOWER' })).map((s) => s.code).sort()).toEqual(['S-100', 'S-200', 'S-900']);
      expect((await sub.suppliers.all()).map((s) => s.code)).toEqual(['S-900']);
      expect((await sub.suppliers.all({ ownerSet: 'UPPER' })).map((s) => s.code).sort()).toEqual(['S-100', 'S-200', 'S-900']);
      const entities = await sub.entities.all();
      expect(entities.map((e) => e.dbId).sort()).toEqual([1000, 1001]);
    });
  });

  describe('reads', () => {
    it('returns edges: null for an empty connection and the client yields one empty page', async () => {
      const res = await rawPost(
        fake.url,
        { query: 'query { employees(first: 10) { edges { cursor } pageInfo { hasNextPage hasPreviousPage } } }' },
        { Authorization: `token ${FULL}` },
      );
      expect(res.json.data).toEqual({ employees: { edges: null, pageInfo: { hasNextPage: false, hasPreviousPage: false } } });
      const { client } = clientFor(fake);
      const pages = [];
      for await (const p of client.employees.pages()) pages.push(p);
      expect(pages).toEqual([{ nodes: [], endCursor: undefined, hasNextPage: false, pageNumber: 1 }]);
    });

    it('filters with equality, null equality, ranges and _in', async () => {
      const { client } = clientFor(fake);
      await client.employees.add([1, 2, 3, 4].map((i) => ({ node: employee(i, i === 4 ? { employmentTo: '2025-01-31' } : {}) })));
      clock = T0 + 3_600_000;
      const [third] = await client.employees.all({ filter: { code: 'N00003' } });
      await client.employees.update([{ node: { dbId: third!.dbId, trialTo: '2024-06-30' } }]);

      expect((await client.employees.all({ filter: { code_in: ['N00001', 'N00004', 'nope'] } })).map((e) => e.code)).toEqual(['N00001', 'N00004']);
      expect((await client.employees.all({ filter: { employmentTo: null } })).map((e) => e.code)).toEqual(['N00001', 'N00002', 'N00003']);
      const since = toXledgerDateTime(new Date(T0 + 1_000));
      expect((await client.employees.all({ filter: { modifiedAt_gte: since } })).map((e) => e.code)).toEqual(['N00003']);
      expect((await client.employees.all({ filter: { code_gt: 'N00002', code_lte: 'N00004' } })).length).toBe(2);
      const vat = await client.objectValues.all({ filter: { objectKindDbId: 14 } });
      expect(vat.map((v) => v.code)).toEqual(['2', '20', '21', '22', '27', '29']);
      expect(vat[0]!.code2?.name).toBe('HIGH_LEVEL');
    });

    it('maintains createdAt/modifiedAt as naive Oslo time on writes', async () => {
      const { client } = clientFor(fake);
      const [e] = await client.employees.add([{ node: employee(1) }]);
      expect(e!.node.createdAt).toBe('2025-06-02T10:00:00'); // 08:00Z in summer time
      clock = Date.parse('2025-12-01T08:00:00Z');
      const [u] = await client.employees.update([{ node: { dbId: e!.node.dbId, phone: '+4799999999' } }]);
      expect(u!.node.modifiedAt).toBe('2025-12-01T09:00:00');
      expect(u!.node.createdAt).toBe('2025-06-02T10:00:00');
      expect(u!.node.contact?.modifiedAt).toBe('2025-12-01T09:00:00');
      // An update that changes nothing leaves modifiedAt alone (assumed behaviour).
      clock = Date.parse('2025-12-01T08:01:00Z');
      const [same] = await client.employees.update([{ node: { dbId: e!.node.dbId, phone: '+4799999999' } }]);
      expect(same!.node.modifiedAt).toBe('2025-12-01T09:00:00');
    });

    it('reads master data: currencies, countries, accounts, assets, absence codes, products, companies', async () => {
      const { client } = clientFor(fake);
      expect((await client.currencies.all()).map((c) => c.code)).toContain('NOK');
      expect((await client.countries.all({ filter: { code: 'NO' } }))[0]?.currency?.code).toBe('NOK');
      expect((await client.accounts.all({ filter: { code_gte: '3000' } })).map((a) => a.code)).toEqual(['3000', '5000', '6300']);
      expect((await client.assets.all())[0]?.assetGroup?.code).toBe('IT');
      expect((await client.absenceCodes.all()).map((a) => a.code)).toEqual(['V', 'CS', 'SWN', 'PL']);
      expect((await client.products.all())[0]?.taxRule?.code).toBe('2');
      expect((await client.companies.all())[0]?.companyNumber).toBe('987654321');
      expect((await client.objectKinds.all()).map((k) => k.name)).toContain('TAX_RULE');
    });
  });

  describe('deltas', () => {
    it('lists ADDED/UPDATED/DELETED from a cursor and expires cursors after 3 days', async () => {
      const { client } = clientFor(fake);
      const start = await client.employeeDeltas.latestCursor();
      expect(start).toBeUndefined();
      const [a, b] = await client.employees.add([{ node: employee(1) }, { node: employee(2) }]);
      const cursor = await client.employeeDeltas.latestCursor();
      await client.employees.update([{ node: { dbId: a!.node.dbId, noticeDate: '2025-07-01' } }]);
      await client.employees.remove([b!.node.dbId, 999_999_999]).then((r) => {
        expect(r).toEqual({ numAffected: 1, skippedDbIds: [999_999_999] });
      });
      const deltas = await client.employeeDeltas.all({ after: cursor! });
      expect(deltas.map((d) => [d.dbId, d.mutationType])).toEqual([
        [a!.node.dbId, 'UPDATED'],
        [b!.node.dbId, 'DELETED'],
      ]);
      expect(deltas[0]!.code).toBe('N00001');

      fake.setKnobs({ clockOffsetMs: 4 * 24 * 3_600_000 });
      await client.employees.update([{ node: { dbId: a!.node.dbId, noticeDate: '2025-08-01' } }]);
      await expect(client.employeeDeltas.all({ after: cursor! })).rejects.toBeInstanceOf(XledgerDeltaExpiredError);
      expect(await client.employeeDeltas.all()).toHaveLength(1);
    });
  });

  describe('other writes', () => {
    it('updates contacts and subledgers (employee bank account, address)', async () => {
      const { client } = clientFor(fake);
      const [e] = await client.employees.add([
        { node: employee(1, { address: { streetAddress: 'Gate 1', zipCode: '0150', place: 'Oslo', country: { code: 'NO' } } }) },
      ]);
      const contactId = e!.node.contact!.dbId;
      const subledgerId = e!.node.subledger!.dbId;
      expect(e!.node.contact?.address?.country?.code).toBe('NO');
      await client.contacts.update([{ node: { dbId: contactId, birthday: '1990-05-17', gender: { code: 'FEMALE' }, socialSec: '17059012345' } }]);
      await client.subledgers.update([{ node: { dbId: subledgerId, bankAccount: '12345678903', address: { place: 'Bergen', country: { code: 'NO' } } } }]);
      const [read] = await client.employees.all();
      expect(read!.contact).toMatchObject({ birthday: '1990-05-17', socialSec: '17059012345', gender: { code: 'FEMALE' } });
      expect(read!.subledger).toMatchObject({ bankAccount: '12345678903' });
      expect(read!.subledger?.address).toMatchObject({ streetAddress: 'Gate 1', place: 'Bergen' });
      // Null does not unset the address (Huma: "can't unset this field's value in Xledger").
      await client.subledgers.update([{ node: { dbId: subledgerId, address: null } }]);
      expect((await client.subledgers.all({ filter: { dbId: subledgerId } }))[0]?.address?.place).toBe('Bergen');
      await expect(client.contacts.update([{ node: { dbId: contactId, socialSec: '123' } }])).rejects.toMatchObject({
        issues: [expect.objectContaining({ field: 'socialSec' })],
      });
    });

    it('adds and updates suppliers', async () => {
      const { client } = clientFor(fake);
      const [s] = await client.suppliers.add([
        {
          clientId: 's1',
          node: { code: 'S-300', description: 'Rørlegger Ås AS', currency: { code: 'NOK' }, address: { place: 'Ås', country: { code: 'NO' } } },
        },
      ]);
      expect(s!.node).toMatchObject({ code: 'S-300', description: 'Rørlegger Ås AS', currency: { code: 'NOK' } });
      await client.suppliers.update([{ node: { dbId: s!.node.dbId, email: 'faktura@ror.example' } }]);
      expect((await client.suppliers.all({ filter: { code: 'S-300' } }))[0]?.email).toBe('faktura@ror.example');
      const err = (await client.suppliers
        .add([{ clientId: 'x', node: { code: 'S-301', description: 'X', currency: { code: 'ZZZ' } } }])
        .catch((e: unknown) => e)) as XledgerRecordError;
      expect(err.issues[0]).toMatchObject({ clientId: 'x', code: 'S-301', field: 'currency', type: 'lookup' });
    });

    it('adds, updates and removes absences (assumed mutation names)', async () => {
      const { client } = clientFor(fake);
      const [e] = await client.employees.add([{ node: employee(1) }]);
      const [a] = await client.absences.add([
        {
          clientId: 'abs-1',
          node: { employee: { code: 'N00001' }, absenceCode: { code: 'V' }, fromDate: '2025-07-01', toDate: '2025-07-14', comment: 'temporary comment' },
        },
      ]);
      expect(a!.node).toMatchObject({ leavePercent: '100', absenceCode: { code: 'V' }, employee: { dbId: e!.node.dbId } });
      await client.absences.update([{ node: { dbId: a!.node.dbId, leavePercent: '50', absenceCode: { code: 'SWN' } } }]);
      const listed = await client.absences.all({ filter: { employeeDbId: e!.node.dbId } });
      expect(listed[0]).toMatchObject({ leavePercent: '50', absenceCode: { code: 'SWN' } });
      const bad = (await client.absences
        .add([{ clientId: 'abs-2', node: { employee: { code: 'N00001' }, absenceCode: { code: 'NOPE' }, fromDate: '2025-08-01', toDate: '2025-07-01' } }])
        .catch((x: unknown) => x)) as XledgerRecordError;
      expect(bad.issues.map((i) => i.field).sort()).toEqual(['absenceCode', 'toDate']);
      expect(bad.issues.find((i) => i.field === 'absenceCode')?.exampleValidInputs?.map((x) => x.code)).toEqual(['V', 'CS', 'SWN', 'PL']);
      expect(await client.absences.remove([a!.node.dbId])).toEqual({ numAffected: 1, skippedDbIds: [] });
      expect(await client.absences.all()).toEqual([]);
    });

    it('adds invoice base items and sales orders with exact decimal amounts', async () => {
      const { client } = clientFor(fake);
      const [item] = await client.invoiceBaseItems.add([
        {
          clientId: 'inv-1',
          node: { subledger: { code: 'K-100' }, product: { code: 'CONSULT' }, quantity: '7.5', glObject1: { code: '200' }, text: 'Uke 23' },
        },
      ]);
      expect(item!.node).toMatchObject({ amount: '9375.00', unitPrice: '1250.00', taxRule: { code: '2' }, glObject1: { code: '200' } });
      const [order] = await client.salesOrders.add([
        {
          clientId: 'so-1',
          node: {
            subledger: { code: 'K-100' },
            orderDate: '2025-06-01',
            details: [
              { product: { code: 'CONSULT' }, quantity: '3', unitPrice: '0.10' },
              { product: { code: 'EXPORT' }, quantity: '1', unitPrice: '0.20' },
            ],
          },
        },
      ]);
      expect(order!.node.amount).toBe('0.50');
      expect(order!.node.details?.map((d) => d.taxRule?.code)).toEqual(['2', '27']);
      expect((await client.salesOrders.all()).length).toBe(1);
      expect((await client.invoiceBaseItems.all({ filter: { subledgerDbId: 964 } })).length).toBe(1);
    });
  });
});
