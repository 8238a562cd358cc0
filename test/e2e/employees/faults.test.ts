import type { HrEmployee } from '../../../domain/index';
import { generateEmployees, SeededRandom, syntheticBankAccount } from '../../../scripts/lib/generate-employees';
import type { RunProgress, RunResult } from '../../../workflows/employees/types';
import { diffStates, duplicateCodes, expectedXledgerState, readXledgerState } from '../../support/expected-state';
import { CONNECTION, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';

/**
 * Issue #5, part 3: Xledger misbehaving (random 5xx, throttling bursts, a crash after N writes) must never change
 * what the sync leaves behind. Every test ends by comparing the fake's whole employee table, field by field, with
 * the state worked out from the HR data, and by checking that a clean re-run writes nothing.
 */

const TODAY = '2026-11-23';
const BURST = 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED';
const CONCURRENCY = 'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED';
const NO_FAULTS = { http5xxRate: 0, forcedErrors: [], crashAfterWrites: null };

/** Europe/Oslo calendar date: the day the worker plans with (employment dates and job titles depend on it). */
const osloToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());

async function expectExactState(h: SyncHarness, hr: readonly HrEmployee[]): Promise<void> {
  h.fake.setKnobs(NO_FAULTS);
  const actual = await readXledgerState(h.xledger);
  const expected = expectedXledgerState(hr, osloToday());
  expect(duplicateCodes(actual)).toEqual([]);
  expect(actual).toHaveLength(expected.length);
  expect(diffStates(expected, actual)).toEqual([]);
  expect(actual).toEqual(expected); // the whole table, once more, as one value
}

async function expectNoOpRerun(h: SyncHarness, activeCount: number): Promise<void> {
  h.fake.setKnobs(NO_FAULTS);
  const before = h.fake.stats();
  const writtenBefore = before.writtenNodes;
  const mutationsBefore = Object.values(before.mutationNodes).reduce((a, b) => a + b, 0);
  const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
  expect(result.status).toBe('OK');
  expect(result.counts).toMatchObject({ created: 0, updated: 0, failed: 0, unchanged: activeCount });
  const after = h.fake.stats();
  expect(after.writtenNodes).toBe(writtenBefore);
  expect(Object.values(after.mutationNodes).reduce((a, b) => a + b, 0)).toBe(mutationsBefore);
}

describe('employee sync against a flaky, throttling Xledger (10% random 5xx, BURST and CONCURRENCY throttles)', () => {
  let h: SyncHarness;
  // 420 generated; the first 360 are the initial load, the last 60 join HR before the update run.
  const all = generateEmployees(420, { seed: 505, today: TODAY });
  const initial = all.slice(0, 360);
  let hr: HrEmployee[] = initial;

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto' });
    await h.seedHr(initial);
  });
  afterAll(() => h?.stop());

  const faults = (writes: string[]) => {
    h.fake.resetStats();
    h.fake.setKnobs({
      http5xxRate: 0.1,
      rngSeed: 9001,
      // Xledger's real limits on (the harness starts with them off), plus forced bursts where it hurts most.
      burstLimit: { enabled: true, max: 20, windowMs: 5000 },
      concurrencyLimit: { enabled: true, max: 5 },
      forcedErrors: [
        { code: 'HTTP_503', count: 1, operation: writes[0] },
        { code: BURST, count: 2, operation: writes[0] },
        { code: CONCURRENCY, count: 3, operation: writes[writes.length - 1] },
        { code: CONCURRENCY, count: 2, operation: 'employees' }, // the snapshot read
        { code: BURST, count: 1, operation: 'employees' },
      ],
    });
  };
  const expectFaultsHappened = () => {
    const s = h.fake.stats();
    expect(s.http5xx).toBeGreaterThanOrEqual(1);
    expect(s.throttled[BURST] ?? 0).toBeGreaterThanOrEqual(3);
    expect(s.throttled[CONCURRENCY] ?? 0).toBeGreaterThanOrEqual(5);
    expect(h.fake.knobs().forcedErrors.every((f) => f.count === 0)).toBe(true); // every forced fault was served
  };

  it('initial load: the run completes OK and Xledger holds exactly the HR employees', async () => {
    faults(['addEmployees', 'addEmployees']);
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    expectFaultsHappened();
    const active = hr.filter((e) => e.status === 'active');
    expect(result.status).toBe('OK');
    expect(result.counts).toMatchObject({ created: active.length, failed: 0, locked: hr.length - active.length, invalid: 0 });
    await expectExactState(h, hr);
  });

  it('initial load: a second run without faults writes nothing', async () => {
    await expectNoOpRerun(h, hr.filter((e) => e.status === 'active').length);
  });

  it('update run (changed people and new hires): completes OK and Xledger again holds exactly the HR state', async () => {
    const rnd = new SeededRandom(77);
    const changed = new Set<string>();
    hr = hr.map((e, i) => {
      if (e.status !== 'active' || i % 4 !== 0) return e;
      changed.add(e.employeeNumber);
      switch ((i / 4) % 5) {
        case 0:
          return { ...e, phone: `+4799${String(100000 + i).slice(-6)}` };
        case 1:
          return { ...e, lastName: `${e.lastName}-Ødegård`, workEmail: `ny.${e.employeeNumber.toLowerCase()}@fjordlys.no` };
        case 2:
          return { ...e, bankAccount: syntheticBankAccount(rnd) };
        case 3:
          return { ...e, address: { ...e.address!, street: `Ærfuglveien ${i}`, postalCode: '9008', place: 'TROMSØ' } };
        default:
          return { ...e, firstName: `${e.firstName} Åse`, nationality: e.nationality === 'SE' ? 'DK' : 'SE' };
      }
    });
    const hires = all.slice(360);
    hr = [...hr, ...hires];
    await h.seedHr(hr);

    faults(['updateContacts', 'updateSubledgers', 'updateEmployees']);
    h.fake.setKnobs({ forcedErrors: [...h.fake.knobs().forcedErrors, { code: 'HTTP_502', count: 1, operation: 'addEmployees' }] });
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    expectFaultsHappened();
    expect(result.status).toBe('OK');
    expect(result.counts).toMatchObject({
      updated: changed.size,
      created: hires.filter((e) => e.status === 'active').length,
      failed: 0,
      invalid: 0,
    });
    await expectExactState(h, hr);
  });

  it('update run: a second run without faults writes nothing', async () => {
    await expectNoOpRerun(h, hr.filter((e) => e.status === 'active').length);
  });
});

describe('employee sync against an Xledger that crashes after N writes and comes back', () => {
  let h: SyncHarness;
  // 700 people: two addEmployees batches (500 + the rest), so the run crashes in the first and again in the second.
  const hr = generateEmployees(700, { seed: 606, today: TODAY });
  const active = hr.filter((e) => e.status === 'active');

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto' });
    await h.seedHr(hr);
  });
  afterAll(() => h?.stop());

  it('finishes the initial load once Xledger is back: exact state, no duplicates, status OK', async () => {
    // The write that crosses 50 nodes is applied but answered 503, and Xledger stays down: the answer is lost.
    h.fake.setKnobs({ crashAfterWrites: 50 });
    const { runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION);

    const employeesBefore = h.fake.state.tables.employees.size;
    await waitFor(
      async () => h.fake.crashed(),
      (c) => c,
      60000,
    );
    const afterFirstCrash = h.fake.state.tables.employees.size - employeesBefore;
    expect(afterFirstCrash).toBeGreaterThan(0); // the crashing write did land
    expect(afterFirstCrash).toBeLessThan(active.length); // … and the load is not finished
    // Down for a while: at least one retry of the activity is refused too (Temporal retries it after ~5 s).
    const down1 = h.fake.stats().http5xx;
    await waitFor(
      async () => h.fake.stats().http5xx,
      (n) => n > down1,
      30000,
    );
    // Back up; crashes again on the very next write (the second batch), with that answer lost too.
    h.fake.setKnobs({ crashAfterWrites: h.fake.stats().writtenNodes + 1 });
    h.fake.recover();

    await waitFor(
      async () => h.fake.crashed(),
      (c) => c,
      60000,
    );
    expect(h.fake.state.tables.employees.size - employeesBefore).toBeGreaterThan(afterFirstCrash);
    const down2 = h.fake.stats().http5xx;
    await waitFor(
      async () => h.fake.stats().http5xx,
      (n) => n > down2,
      30000,
    );
    h.fake.setKnobs({ crashAfterWrites: null });
    h.fake.recover();

    const result = (await waitFor(
      () => h.cliJson<RunResult | RunProgress>('sync', 'status', runId),
      (r) => 'counts' in r,
      120000,
    )) as RunResult;
    expect(result.status).toBe('OK');
    expect(result.counts).toMatchObject({ created: active.length, failed: 0, locked: hr.length - active.length });
    await expectExactState(h, hr);
  });

  it('a second run writes nothing', async () => {
    await expectNoOpRerun(h, active.length);
  });
});
