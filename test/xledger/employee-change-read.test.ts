import { readEmployeeChanges } from '../../activities/employees/xledger-change-read';
import { ChangeSetClosure } from '../../domain/employees/change-set';
import { nextSince } from '../../domain/shared/modified-since';
import type { Employee } from '../../xledger/index';
import type { FakeXledger } from '../../xledger/fake/server';
import { startFakeXledger } from '../../xledger/fake/server';
import { LIMITS_OFF, clientFor } from './helpers';

const T0 = Date.parse('2026-12-07T08:00:00Z');
const code = (i: number) => `N${String(i).padStart(5, '0')}`;

describe('readEmployeeChanges against the fake over HTTP', () => {
  let fake: FakeXledger;
  let clock = T0;
  beforeAll(async () => {
    fake = await startFakeXledger({ knobs: LIMITS_OFF, now: () => clock });
  });
  afterAll(() => fake.stop());

  it('reads what changed since the bookmark and the counterparts of HR’s changes, nothing else', async () => {
    const { client } = clientFor(fake);
    await client.employees.add(
      Array.from({ length: 40 }, (_, k) => ({
        node: { code: code(k + 1), firstName: `Given${k + 1}`, lastName: `Family${k + 1}`, email: `n${k + 1}@example.com`, employmentFrom: '2024-01-01' },
      })),
    );
    const all = await client.employees.all();
    const dbIdOf = new Map(all.map((e) => [e.code!, e.dbId]));
    // The last run read at T0 + 1 h; then Xledger changed N00003 (linked) and N00033 (not linked, code = an HR number).
    const bookmark = new Date(T0 + 3_600_000);
    clock = T0 + 2 * 3_600_000;
    await client.employees.update([
      { node: { dbId: dbIdOf.get(code(3))!, trialTo: '2024-06-30' } },
      { node: { dbId: dbIdOf.get(code(33))!, trialTo: '2024-06-30' } },
    ]);

    // HR: everyone plus a newcomer N00041; the first 30 are linked. HR changed N00005 (linked) and N00041 (new).
    const hrKeys = [...Array.from({ length: 41 }, (_, k) => ({ employeeNumber: code(k + 1), workEmail: `n${k + 1}@example.com` }))];
    const links = Array.from({ length: 30 }, (_, k) => ({ hrEmployeeNumber: code(k + 1), xledgerDbId: dbIdOf.get(code(k + 1))! }));
    const closure = new ChangeSetClosure(hrKeys, links);
    closure.addHr([code(5), code(41)]);

    fake.resetStats();
    let requests = 0;
    const staged: Employee[] = [];
    for await (const page of readEmployeeChanges(client.employees, { closure, since: nextSince(bookmark), pageSize: 10_000, onRequest: () => requests++ }))
      staged.push(...page);

    expect(staged.map((e) => e.code).sort()).toEqual([code(3), code(5), code(33)]);
    expect(closure.employeeNumbers.sort()).toEqual([code(3), code(5), code(33), code(41)]);
    // modifiedAt_gte; dbId_in for N00005; N00033 is not linked: code_in (N00033, N00041); one email read each.
    expect(fake.stats().byRootField).toEqual({ employees: 5 });
    expect(requests).toBe(5);
    const changedBytes = fake.stats().responseBytes;

    fake.resetStats();
    await client.employees.all({ pageSize: 10_000 });
    expect(fake.stats().requests).toBe(1);
    expect(changedBytes).toBeLessThan(fake.stats().responseBytes);
  });

  it('a no-op reads one page: nothing modified since the bookmark, nothing changed in HR', async () => {
    const { client } = clientFor(fake);
    clock = T0 + 10 * 3_600_000;
    const closure = new ChangeSetClosure([{ employeeNumber: code(1), workEmail: 'n1@example.com' }], []);
    fake.resetStats();
    const pages: Employee[][] = [];
    for await (const page of readEmployeeChanges(client.employees, { closure, since: nextSince(new Date(T0 + 9 * 3_600_000)), pageSize: 10_000 }))
      pages.push(page);
    expect(pages).toEqual([]);
    expect(fake.stats().requests).toBe(1);
    expect(fake.stats().responseBytes).toBeLessThan(300);
  });
});
