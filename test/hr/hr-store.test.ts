// A time zone far from UTC: any date read through a JS Date in local time would shift by a day.
process.env.TZ = 'Pacific/Kiritimati';

import type { HrEmployee } from '../../domain';
import { createHrStore, HrStoreError, type HrStoreRecord } from '../../hr/hr-store';
import { generateEmployees } from '../../scripts/lib/generate-employees';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

/** What the store should give back for an employee it was given (the store owns updatedAt). */
function expectedRecord(e: HrEmployee): Omit<HrStoreRecord, 'updatedAt'> {
  const { updatedAt: _ignored, ...rest } = e;
  return { ...rest, positions: e.positions.map((p) => ({ endDate: null, probationEndDate: null, noticeDate: null, ...p })) };
}
const withoutUpdatedAt = ({ updatedAt: _ignored, ...rest }: HrStoreRecord) => rest;

describe('HR store (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    await t.db('hr_employees').delete();
  });

  const special: HrEmployee = {
    ...generateEmployees(1, { seed: 1 })[0],
    employeeNumber: 'X-1',
    firstName: 'Åse "Kalle" O\'Brien',
    lastName: 'Back\\slash Ødegård 🌲 مريم',
    birthDate: '1999-12-31',
    positions: [
      { jobTitle: 'Lærling', startDate: '2000-01-01', endDate: '2000-12-31', probationEndDate: '2000-06-30', noticeDate: '2000-11-30', primary: false },
      { jobTitle: null, startDate: '2001-01-01', endDate: null, probationEndDate: null, noticeDate: null, primary: true },
    ],
  };

  it('reads back exactly what was upserted: dates without a time-zone shift, positions in order, special characters', async () => {
    const store = createHrStore(t.db);
    const employees = [special, ...generateEmployees(20, { seed: 2 })];
    expect(await store.upsertEmployees(employees)).toEqual({ created: 21, updated: 0, unchanged: 0 });
    for (const e of employees) {
      const back = await store.getEmployee(e.employeeNumber);
      expect(back && withoutUpdatedAt(back)).toEqual(expectedRecord(e));
    }
    const raw = await t.db.raw(`SELECT to_char(birth_date, 'YYYY-MM-DD') AS d FROM hr_employees WHERE employee_number = 'X-1'`);
    expect(raw.rows[0].d).toBe('1999-12-31');
    expect(await store.getEmployee('nobody')).toBeNull();
  });

  it('does not bump updated_at for an unchanged upsert, and bumps it when a field or a position changes', async () => {
    const store = createHrStore(t.db);
    const [a, b] = generateEmployees(2, { seed: 3 });
    await store.upsertEmployees([a, b]);
    const stamp = async (n: string) => (await t.db('hr_employees').where('employee_number', n).first()).updated_at.getTime();
    const positionIds = async (n: string) => (await t.db('hr_positions').where('employee_number', n).orderBy('id')).map((p) => p.id);
    const [a0, b0, aPositions] = [await stamp(a.employeeNumber), await stamp(b.employeeNumber), await positionIds(a.employeeNumber)];

    expect(await store.upsertEmployees([a, b])).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await stamp(a.employeeNumber)).toBe(a0);
    expect(await positionIds(a.employeeNumber)).toEqual(aPositions);

    const changedB = { ...b, positions: [...b.positions.map((p) => ({ ...p, primary: false })), { jobTitle: 'Ny', startDate: '2025-12-01', primary: true }] };
    const changedA = { ...a, department: 'Ny avdeling' };
    expect(await store.upsertEmployees([changedA, changedB])).toEqual({ created: 0, updated: 2, unchanged: 0 });
    expect(await stamp(a.employeeNumber)).toBeGreaterThan(a0);
    expect(await stamp(b.employeeNumber)).toBeGreaterThan(b0);
    expect((await store.getEmployee(b.employeeNumber))?.positions).toHaveLength(b.positions.length + 1);
    expect((await store.getEmployee(a.employeeNumber))?.department).toBe('Ny avdeling');
  });

  it('refuses one employee number twice in a batch', async () => {
    const [a] = generateEmployees(1, { seed: 4 });
    await expect(createHrStore(t.db).upsertEmployees([a, a])).rejects.toThrow(HrStoreError);
  });

  it('filters by scope; an empty list does not filter', async () => {
    const store = createHrStore(t.db);
    const employees = generateEmployees(60, { seed: 5 });
    await store.upsertEmployees(employees);
    const numbers = (rows: HrStoreRecord[]) => rows.map((r) => r.employeeNumber);
    const expectNumbers = (pred: (e: HrEmployee) => boolean) =>
      employees
        .filter(pred)
        .map((e) => e.employeeNumber)
        .sort();

    expect(numbers(await store.listInScope({}))).toEqual(expectNumbers(() => true));
    expect(numbers(await store.listInScope({ departments: [] }))).toHaveLength(60);
    expect(numbers(await store.listInScope({ departments: ['IT', 'HR'] }))).toEqual(expectNumbers((e) => ['IT', 'HR'].includes(e.department ?? '')));
    expect(numbers(await store.listInScope({ legalEntities: ['Fjordlys AS'], employmentTypes: ['permanent'] }))).toEqual(
      expectNumbers((e) => e.legalEntity === 'Fjordlys AS' && e.employmentType === 'permanent'),
    );
    expect(numbers(await store.listInScope({ employeeNumbers: ['E00003', 'E00042', 'nope'] }))).toEqual(['E00003', 'E00042']);
    expect(numbers(await store.listInScope({ statuses: ['deactivated'] }))).toEqual(expectNumbers((e) => e.status === 'deactivated'));
    expect(await store.countByStatus()).toEqual({
      active: employees.filter((e) => e.status === 'active').length,
      deactivated: employees.filter((e) => e.status === 'deactivated').length,
      deleted: 0,
    });
  });

  it('finds keys by trimmed number or by work email compared trimmed and lower-cased, within the scope', async () => {
    await t.db('hr_employees').insert([
      { employee_number: ' E1\t', work_email: ' Kari.Nordmann@Fjordlys.no ', department: 'IT' },
      { employee_number: 'E2', work_email: 'kari.nordmann@fjordlys.no', department: 'HR' },
      { employee_number: 'E3', work_email: 'ola@fjordlys.no', department: 'IT' },
      { employee_number: 'E10', work_email: null, department: 'IT' },
    ]);
    const store = createHrStore(t.db);
    const sorted = (rows: Array<{ employeeNumber: string }>) => rows.map((r) => r.employeeNumber).sort();
    expect(sorted(await store.keysMatching({}, { numbers: ['E1'], emails: [] }))).toEqual([' E1\t']);
    expect(sorted(await store.keysMatching({}, { numbers: [], emails: ['kari.nordmann@fjordlys.no'] }))).toEqual([' E1\t', 'E2']);
    expect(sorted(await store.keysMatching({ departments: ['IT'] }, { numbers: ['E10'], emails: ['kari.nordmann@fjordlys.no'] }))).toEqual([' E1\t', 'E10']);
    expect(await store.keysMatching({}, { numbers: [], emails: [] })).toEqual([]);
    expect(await store.keysMatching({}, { numbers: ['E'], emails: ["x' OR 1=1 --"] })).toEqual([]);
  });

  it('returns rows an HR product stored directly as they are (invalid values included), for the run to validate', async () => {
    await t.db('hr_employees').insert({ employee_number: 'RAW1', work_email: 'not an email', birth_date: '2001-02-03', national_id: '123' });
    await t.db('hr_positions').insert({ employee_number: 'RAW1', job_title: 'x', start_date: null });
    const [row] = await createHrStore(t.db).listInScope({ employeeNumbers: ['RAW1'] });
    expect(row).toMatchObject({ workEmail: 'not an email', birthDate: '2001-02-03', nationalId: '123', address: null, status: 'active' });
    expect(row.positions).toEqual([{ jobTitle: 'x', startDate: null, endDate: null, probationEndDate: null, noticeDate: null, primary: false }]);
  });

  it('pages through 2,500 employees by employee number, each exactly once, with their positions', async () => {
    const store = createHrStore(t.db);
    const employees = generateEmployees(2500, { seed: 6 });
    await store.upsertEmployees(employees);
    const pages: HrStoreRecord[][] = [];
    for await (const page of store.pagesInScope({}, { pageSize: 1000 })) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([1000, 1000, 500]);
    const all = pages.flat();
    expect(all.map((r) => r.employeeNumber)).toEqual(employees.map((e) => e.employeeNumber));
    expect(all.map(withoutUpdatedAt)).toEqual(employees.map(expectedRecord));

    const first = await store.pageInScope({}, { limit: 1000 });
    const second = await store.pageInScope({}, { after: first.next, limit: 1000 });
    expect(second.rows[0].employeeNumber).toBe('E01001');
    const exact = await store.pageInScope({}, { after: 'E02000', limit: 500 });
    expect(exact.next).toBe('E02500');
    expect((await store.pageInScope({}, { after: exact.next, limit: 500 })).rows).toEqual([]);
  });

  it('applies patches and creates in one transaction; one failing row rolls back the whole batch', async () => {
    const store = createHrStore(t.db);
    const [a, b, c] = generateEmployees(3, { seed: 7 });
    await store.upsertEmployees([a, b]);
    const before = await store.getEmployee(a.employeeNumber);

    await expect(
      store.applyPatches([
        { employeeNumber: a.employeeNumber, set: { firstName: 'Endret', 'address.street': 'Ny gate 1', birthDate: '1970-01-01' } },
        { employeeNumber: 'MISSING', set: { firstName: 'x' } },
      ]),
    ).rejects.toThrow('No HR employee MISSING to patch');
    expect(await store.getEmployee(a.employeeNumber)).toEqual(before);

    await expect(
      t.db.transaction(async (trx) => {
        await store.applyPatches([{ employeeNumber: a.employeeNumber, set: { firstName: 'Endret' } }], trx);
        await store.createEmployees([c, b], trx);
      }),
    ).rejects.toThrow(`Employee number ${b.employeeNumber} already exists`);
    expect(await store.getEmployee(c.employeeNumber)).toBeNull();
    expect(await store.getEmployee(a.employeeNumber)).toEqual(before);

    await expect(store.applyPatches([{ employeeNumber: a.employeeNumber, set: { status: 'retired' } }])).rejects.toThrow();
    await expect(store.applyPatches([{ employeeNumber: a.employeeNumber, set: { positions: 'x' } as never }])).rejects.toThrow('cannot be patched');

    const result = await store.applyPatches([
      { employeeNumber: a.employeeNumber, set: { firstName: 'Endret', 'address.street': 'Ny gate 1', birthDate: '1970-01-01' } },
      { employeeNumber: b.employeeNumber, set: { firstName: b.firstName } },
    ]);
    expect(result).toEqual({ updated: 1, unchanged: 1 });
    const after = await store.getEmployee(a.employeeNumber);
    expect(after).toMatchObject({ firstName: 'Endret', birthDate: '1970-01-01', address: { ...a.address, street: 'Ny gate 1' } });
    expect(after?.updatedAt).not.toBe(before?.updatedAt);
    expect(await store.createEmployees([c])).toBe(1);
    expect(withoutUpdatedAt((await store.getEmployee(c.employeeNumber))!)).toEqual(expectedRecord(c));
  });
});
