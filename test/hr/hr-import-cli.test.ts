import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHrStore } from '../../hr/hr-store';
import { generateBadRecords, generateEmployees } from '../../scripts/lib/generate-employees';
import { cli, cliProcess } from '../support/cli-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const fixtures = path.join(__dirname, '..', 'fixtures', 'hr');
const csvFixture = path.join(fixtures, 'employees-mixed.csv');
const jsonFixture = path.join(fixtures, 'employees-mixed.json');

/** Every national id and account number in the fixtures, in every spelling used there: none may ever be printed. */
const SECRETS = [
  '14838500669',
  '14838500668',
  '02917227791',
  '029172 27791',
  '02917227792',
  '30869014652',
  '24926617865',
  '15039654420',
  '1503.96.54420',
  '15039654421',
  '32012175131',
  '3201 21 75131',
  '3201.21.75132',
  '32012175132',
  '18222928113',
  '12540073447',
];
function expectNoSecrets(text: string, extra: string[] = []) {
  for (const secret of [...SECRETS, ...extra]) expect(text).not.toContain(secret);
}

type Rejection = { line: number; employeeNumber: string | null; field: string; reason: string };

describe('xsync hr import / show / list (real Postgres)', () => {
  let t: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let tmp: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    env = { DATABASE_URL: t.url };
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xsync-hr-'));
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await t.drop();
  });
  beforeEach(async () => {
    await t.db('hr_employees').delete();
  });

  const numbersInStore = async () => (await t.db('hr_employees').orderBy('employee_number').pluck('employee_number')) as string[];

  it('imports the good CSV rows, reports each bad one by line, field and reason, exit code 1', async () => {
    const r = await cli(['--json', 'hr', 'import', csvFixture], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ imported: 3, created: 3, updated: 0, unchanged: 0, dryRun: false });
    const rejected: Rejection[] = out.rejected;
    expect(rejected.map((x) => [x.line, x.employeeNumber, x.field])).toEqual([
      [5, 'E1003', 'workEmail'],
      [6, 'E1004', 'nationalId'],
      [7, 'E1005', 'bankAccount'],
      [8, 'E1006', 'workEmail'],
      [9, 'E1007', 'workEmail'],
      [10, 'E1008', 'employeeNumber'],
      [11, 'E1009', 'lastName'],
      [12, 'E1008', 'employeeNumber'],
      [14, 'E1010', 'positions[1].startDate'],
      [16, null, 'employeeNumber'],
      [17, 'E1012', 'lastName'],
      [19, 'E1013', 'gender'],
    ]);
    const reason = (line: number) => rejected.find((x) => x.line === line)?.reason;
    expect(reason(5)).toMatch(/not a valid email address/);
    expect(reason(6)).toMatch(/wrong check digits/);
    expect(reason(7)).toMatch(/wrong check digit/);
    expect(reason(8)).toBe('Work email is used by more than one employee in this file (lines 8, 9)');
    expect(reason(10)).toBe('Employee number is used for more than one person in this file (lines 10, 12)');
    expect(reason(11)).toMatch(/Last name is required/);
    expect(reason(14)).toMatch(/Position 2: Start date is not a real calendar date/);
    expect(reason(16)).toMatch(/Employee number is required/);
    expect(reason(17)).toMatch(/control character/);
    expect(reason(19)).toMatch(/Gender must be/);
    expectNoSecrets(r.stdout + r.stderr);

    expect(await numbersInStore()).toEqual(['E1001', 'E1002', 'E1011']);
    const store = createHrStore(t.db);
    expect(await store.getEmployee('E1001')).toMatchObject({
      bankAccount: '15039654420',
      birthDate: '1985-03-14',
      positions: [
        { jobTitle: 'Regnskapsfører', startDate: '2010-01-04', endDate: '2015-12-31', probationEndDate: '2010-07-04', primary: false },
        { jobTitle: 'Controller', startDate: '2016-01-01', endDate: null, primary: true },
      ],
    });
    expect(await store.getEmployee('E1002')).toMatchObject({
      firstName: 'Bjørn "Bamse"',
      lastName: "O'Brien\\Ødegård 🌲",
      phone: '+4791234568',
      nationalId: '02917227791',
      gender: 'male',
      nationality: 'NO',
      address: { street: 'Kongens gate 2, 3. etg', postalCode: '7010', place: 'TRONDHEIM', country: 'NO' },
      positions: [{ jobTitle: 'Selger', primary: true }],
    });
    expect(await store.getEmployee('E1011')).toMatchObject({ lastName: 'Sæther, jr.', status: 'deactivated', gender: 'female' });

    const again = await cli(['--json', 'hr', 'import', csvFixture], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, unchanged: 3 });
  });

  it('gives the same line numbers for a CRLF file with a byte-order mark', async () => {
    const file = path.join(tmp, 'crlf.csv');
    fs.writeFileSync(file, `\uFEFF${fs.readFileSync(csvFixture, 'utf8').replace(/\n/g, '\r\n')}`);
    const r = await cli(['--json', 'hr', 'import', '--dry-run', file], env);
    const lines = (JSON.parse(r.stdout).rejected as Rejection[]).map((x) => x.line);
    expect(lines).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 17, 19]);
  });

  it('imports the good JSON items and reports the bad ones by array index', async () => {
    const r = await cli(['--json', 'hr', 'import', jsonFixture], env);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.imported).toBe(3);
    expect((out.rejected as Rejection[]).map((x) => [x.line, x.employeeNumber, x.field])).toEqual([
      [1, 'E2002', 'workEmail'],
      [2, 'E2003', 'nationalId'],
      [3, 'E2004', 'bankAccount'],
      [4, 'E2005', 'workEmail'],
      [6, 'E2007', 'workEmail'],
      [7, 'E2008', 'employeeNumber'],
      [8, 'E2008', 'employeeNumber'],
      [9, null, '(row)'],
      [10, 'E2010', 'positions[0].startDate'],
      [11, 'E2011', 'firstName'],
    ]);
    expect(out.rejected.find((x: Rejection) => x.line === 11).reason).toMatch(/too long: 10000 characters/);
    expectNoSecrets(r.stdout);
    expect(await numbersInStore()).toEqual(['E2001', 'E2006', 'E2012']);
    const store = createHrStore(t.db);
    expect(await store.getEmployee('E2006')).toMatchObject({ firstName: 'דנה', lastName: 'כהן' });
    expect(await store.getEmployee('E2012')).toMatchObject({ firstName: 'مريم 😀', lastName: 'Back\\slash "quoted" \'single\'' });
    expect((await store.getEmployee('E2001'))?.positions).toHaveLength(2);
  });

  it('prints a human summary and a table of rejected rows, without identity or account numbers', async () => {
    const r = await cli(['hr', 'import', csvFixture], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Imported 3 employee(s)');
    expect(r.stdout).toMatch(/line\s+employeeNumber\s+field\s+reason/);
    expect(r.stdout).toMatch(/6\s+E1004\s+nationalId\s+National identity number has wrong check digits/);
    expectNoSecrets(r.stdout + r.stderr);
  });

  it('--dry-run validates and counts but writes nothing', async () => {
    const r = await cli(['--json', 'hr', 'import', '--dry-run', csvFixture], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ dryRun: true, imported: 3, created: 3 });
    expect(await numbersInStore()).toEqual([]);
    const human = await cli(['hr', 'import', '--dry-run', csvFixture], env);
    expect(human.stdout).toContain('Dry run: nothing was written.');
    expect(await numbersInStore()).toEqual([]);
  });

  it('exits 0 when every row is imported, 2 for unreadable files and bad usage', async () => {
    const good = path.join(tmp, 'good.json');
    const employees = generateEmployees(25, { seed: 11 });
    fs.writeFileSync(good, JSON.stringify(employees));
    const ok = await cli(['--json', 'hr', 'import', good], env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ imported: 25, rejected: [] });
    expectNoSecrets(
      ok.stdout,
      employees.flatMap((e) => [e.nationalId!, e.bankAccount!]),
    );

    const cases: Array<[string[], RegExp]> = [
      [['hr', 'import', path.join(tmp, 'missing.csv')], /cannot read .*missing\.csv: ENOENT/],
      [['hr', 'import', good, '--format', 'xml'], /--format must be csv or json/],
      [['hr', 'import', path.join(tmp, 'x.txt')], /cannot tell the format/],
      [['hr', 'import', write('broken.json', '[{"employeeNumber": ')], /not valid JSON/],
      [['hr', 'import', write('object.json', '{"employeeNumber": "E1"}')], /must be an array/],
      [['hr', 'import', write('typo.csv', 'employeeNumber,workEmial\nE1,a@b.no\n')], /unknown column\(s\) "workEmial"/],
      [['hr', 'import', write('nokey.csv', 'workEmail\na@b.no\n')], /no employeeNumber column/],
      [['hr', 'import', write('quote.csv', 'employeeNumber,firstName\nE1,"Ola\n')], /not a readable CSV file/],
      [['hr', 'import'], /missing required argument/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args, env);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
    }
  });

  it('imports generated good and bad records: each bad one is rejected as annotated, hard-but-valid ones land', async () => {
    const good = generateEmployees(120, { seed: 21 });
    const bad = generateBadRecords(90, { seed: 21, against: good });
    const file = path.join(tmp, 'generated.json');
    const rows = [...good, ...bad.map((b) => b.raw)];
    fs.writeFileSync(file, JSON.stringify(rows));
    const r = await cli(['--json', 'hr', 'import', file], env);
    expect(r.code).toBe(1);
    const rejected: Rejection[] = JSON.parse(r.stdout).rejected;
    bad.forEach((record, i) => {
      const line = good.length + i;
      const mine = rejected.filter((x) => x.line === line);
      if (record.valid) {
        expect(mine).toEqual([]);
      } else {
        expect(mine.map((x) => x.field)).toEqual([record.field]);
        expect(mine[0].reason).toMatch(record.reason!);
      }
    });
    const spoiled = new Set(bad.filter((b) => b.duplicateOf).map((b) => b.duplicateOf));
    for (const [i, e] of good.entries()) {
      expect(rejected.some((x) => x.line === i)).toBe(spoiled.has(e.employeeNumber));
    }
    const expected = [
      ...good.filter((e) => !spoiled.has(e.employeeNumber)).map((e) => e.employeeNumber),
      ...bad.filter((b) => b.valid).map((b) => String(b.raw.employeeNumber)),
    ].sort();
    expect(await numbersInStore()).toEqual(expected);
    expectNoSecrets(
      r.stdout,
      rows.flatMap((x) => [String((x as { nationalId?: unknown }).nationalId), String((x as { bankAccount?: unknown }).bankAccount)]),
    );
  });

  it('shows one employee with national id and bank account masked, and lists by status and department', async () => {
    const employees = generateEmployees(30, { seed: 31 });
    await createHrStore(t.db).upsertEmployees(employees);
    const e = employees[0];
    const shown = await cli(['--json', 'hr', 'show', e.employeeNumber], env);
    expect(shown.code).toBe(0);
    const json = JSON.parse(shown.stdout);
    expect(json.nationalId).toBe('***********');
    expect(json.bankAccount).toBe(`*******${e.bankAccount!.slice(-4)}`);
    const human = await cli(['hr', 'show', e.employeeNumber], env);
    expect(human.stdout).toContain(`work email:      ${e.workEmail}`);
    for (const r of [shown, human]) expectNoSecrets(r.stdout, [e.nationalId!, e.bankAccount!]);

    const missing = await cli(['hr', 'show', 'NOPE'], env);
    expect(missing.code).toBe(2); // an argument naming no employee is bad usage, like an unknown connection
    expect(missing.stderr).toBe('error: No HR employee with number "NOPE"\n');

    const dept = e.department!;
    const list = await cli(['--json', 'hr', 'list', '--department', dept, '--status', 'active'], env);
    expect(JSON.parse(list.stdout).employees.map((x: { employeeNumber: string }) => x.employeeNumber)).toEqual(
      employees.filter((x) => x.department === dept && x.status === 'active').map((x) => x.employeeNumber),
    );
    const limited = await cli(['hr', 'list', '--limit', '5'], env);
    expect(limited.stdout).toContain('(first 5 shown; use --limit for more)');
    expect((await cli(['hr', 'list', '--status', 'gone'], env)).code).toBe(2);
  });

  it('works as the real binary', () => {
    const r = cliProcess(['--json', 'hr', 'import', '--dry-run', csvFixture], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).rejected).toHaveLength(12);
    expectNoSecrets(r.stdout + r.stderr);
  });

  function write(name: string, content: string): string {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, content);
    return file;
  }
});
