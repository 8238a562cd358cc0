import type { FakeXledger } from '../../xledger/fake/server';
import { startFakeXledger } from '../../xledger/fake/server';
import { probeConnection } from '../../xledger/probe';
import { FULL, HUMA, LIMITS_OFF, READ_ONLY, SUB, clientFor } from './helpers';

describe('probeConnection', () => {
  let fake: FakeXledger;
  beforeAll(async () => {
    fake = await startFakeXledger({ knobs: LIMITS_OFF, generateEmployees: 3 });
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('reports a full-access token as ok with its owner entity, without changing data', async () => {
    const before = JSON.stringify(fake.state.snapshot());
    const report = await probeConnection(clientFor(fake, FULL).client);
    expect(report.ok).toBe(true);
    expect(report.ownerDbId).toBe(1000);
    expect(report.missing).toEqual([]);
    const employees = report.areas.find((a) => a.area === 'Human Resources Employee')!;
    expect(employees).toMatchObject({ read: 'ok', write: 'ok' });
    expect(report.areas.find((a) => a.area === 'Common Address')).toMatchObject({ read: 'ok', write: 'not-needed' });
    expect(JSON.stringify(fake.state.snapshot())).toBe(before);
    expect(fake.stats().writtenNodes).toBe(0);
  });

  it("names what Huma's documented scope list lacks for the whole integration", async () => {
    const report = await probeConnection(clientFor(fake, HUMA).client);
    expect(report.ok).toBe(false);
    expect(report.missing).toEqual([
      'General Ledger: read',
      'Common Currency: read',
      'Fixed Assets: read',
      'Human Resources Absence: read/write',
      'Accounts Receivable: read/write',
      'Logistics Product: read',
    ]);
    expect(report.areas.find((a) => a.area === 'Common Contact')).toMatchObject({ read: 'ok', write: 'ok' });
    expect(report.areas.find((a) => a.area === 'General Ledger Bank')).toMatchObject({ read: 'ok' });
  });

  it('names missing scopes for a read-only employee token, marking nested checks it cannot make', async () => {
    const report = await probeConnection(clientFor(fake, READ_ONLY).client);
    expect(report.ok).toBe(false);
    expect(report.ownerDbId).toBe(1000);
    expect(report.missing).toContain('Human Resources Employee: write');
    expect(report.missing).toContain('Common Contact: read/write');
    expect(report.missing).toContain('Common Country: read');
    expect(report.areas.find((a) => a.area === 'Common Address')).toMatchObject({ read: 'unverified' });
    expect(report.missing.some((m) => m.startsWith('Common Address'))).toBe(false);
  });

  it('reports a bad token without probing areas', async () => {
    const report = await probeConnection(clientFor(fake, 'not a token').client);
    expect(report).toEqual({ ok: false, authError: expect.stringMatching(/Bad format for API Token/), areas: [], missing: [] });
    expect(report.authError).not.toContain('not a token');
  });

  it('finds the owner of a sub-entity token', async () => {
    const report = await probeConnection(clientFor(fake, SUB).client, {
      requirements: [{ area: 'Common Supplier', read: true, write: true, part: 'master-data', usedFor: 'suppliers' }],
    });
    expect(report).toMatchObject({ ok: true, ownerDbId: 1001, missing: [] });
    expect(report.areas).toHaveLength(1);
  });
});
