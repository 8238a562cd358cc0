import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHrStore } from '../../hr/hr-store';
import { MAX_IMPORT_BYTES } from '../../hr/import-decode';
import { cliProcess } from '../support/cli-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

/** What Norwegian HR systems and Excel write: Windows-1252 bytes (æ = 0xE6, ø = 0xF8, å = 0xE5), often `;`-separated. */
const NORWEGIAN = [
  'employeeNumber,workEmail,firstName,lastName,department',
  'E3001,ola.hansen@firma.no,Ola,Hansen,Salg',
  'E3002,kjersti.sorensen@firma.no,Kjærsti,Sørensen,Økonomi',
  'E3003,ase.dahl@firma.no,Åse,Dæhlie,Lønn',
].join('\n');
/** Text as Windows-1252 bytes: Latin-1 letters are their own byte; the two typographic marks used here are 0x96 and 0x92. */
const windows1252 = (text: string) =>
  Buffer.from(
    [...text].map((c) => {
      const byte = ({ '–': 0x96, '’': 0x92 } as Record<string, number>)[c] ?? c.charCodeAt(0);
      if (byte > 0xff) throw new Error(`not in this test's windows-1252: ${c}`);
      return byte;
    }),
  );

type Rejection = { line: number; employeeNumber: string | null; field: string; reason: string };

describe('xsync hr import: encodings, separators, size (real CLI process, real Postgres)', () => {
  let t: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let tmp: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    env = { DATABASE_URL: t.url };
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xsync-hr-enc-'));
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await t.drop();
  });
  beforeEach(async () => {
    await t.db('hr_employees').delete();
  });

  const write = (name: string, content: string | Buffer) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const numbersInStore = async () => (await t.db('hr_employees').orderBy('employee_number').pluck('employee_number')) as string[];
  const names = async () =>
    (await t.db('hr_employees').orderBy('employee_number').select('first_name', 'last_name', 'department')).map(
      (r: { first_name: string; last_name: string; department: string }) => `${r.first_name} ${r.last_name} (${r.department})`,
    );

  it('refuses a Windows-1252 file by default, naming the line and byte and the option; imports it intact with --encoding windows-1252', async () => {
    const file = write('ansatte-1252.csv', windows1252(NORWEGIAN));
    const lines = NORWEGIAN.split('\n');
    const offset = lines[0].length + 1 + lines[1].length + 1 + lines[2].indexOf('æ');
    expect(lines[2].indexOf('æ') + 1).toBe(35);

    const refused = cliProcess(['hr', 'import', file], env);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `error: ${file}: line 3 byte 35: not UTF-8 (0xE6 at file offset ${offset}); it looks like windows-1252 ` +
        '(Æ Ø Å as single bytes; this byte would be "æ"): run again with --encoding windows-1252\n',
    );
    const refusedJson = cliProcess(['--json', 'hr', 'import', '--dry-run', file], env);
    expect(refusedJson.code).toBe(2);
    expect(JSON.parse(refusedJson.stderr)).toEqual({ error: expect.stringContaining('line 3 byte 35: not UTF-8'), code: 'USAGE' });
    expect(refusedJson.stderr.trim().split('\n')).toHaveLength(1);
    expect(await numbersInStore()).toEqual([]);

    const imported = cliProcess(['--json', 'hr', 'import', '--encoding', 'windows-1252', file], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ encoding: 'windows-1252', separator: ',', imported: 3, created: 3, rejected: [] });
    expect(await names()).toEqual(['Ola Hansen (Salg)', 'Kjærsti Sørensen (Økonomi)', 'Åse Dæhlie (Lønn)']);
    expect(await createHrStore(t.db).getEmployee('E3002')).toMatchObject({ firstName: 'Kjærsti', lastName: 'Sørensen', department: 'Økonomi' });

    // latin1 reads the same bytes the same way; the data is unchanged.
    const again = cliProcess(['--json', 'hr', 'import', '--encoding', 'latin1', file], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ encoding: 'latin1', imported: 0, unchanged: 3 });
    const human = cliProcess(['hr', 'import', '--dry-run', '--encoding', 'windows-1252', file], env);
    expect(human.stdout).toContain(`from ${file} (read as windows-1252)`);
  });

  it('reads `;`-separated files (Norwegian Excel), with quoted separators, CRLF, Windows-1252; rows are reported by line as before', async () => {
    const text = [
      'employeeNumber;workEmail;firstName;lastName;department;jobTitle;positionStart',
      'E4001;per.ostby@firma.no;Per;Østby;Økonomi;"Leder; regnskap, lønn";2020-01-01',
      'E4002;not-an-email;Siv;Aas;Salg;Selger;2021-02-01',
      'E4003;ase.berg@firma.no;Åse;Berg;"Salg; nord";Selger – ’kunde’;2022-03-01',
    ].join('\r\n');
    const file = write('excel.csv', windows1252(text));
    const r = cliProcess(['--json', 'hr', 'import', '--encoding', 'windows-1252', file], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ separator: ';', imported: 2, created: 2 });
    expect((out.rejected as Rejection[]).map((x) => [x.line, x.employeeNumber, x.field])).toEqual([[3, 'E4002', 'workEmail']]);
    expect(await numbersInStore()).toEqual(['E4001', 'E4003']);
    const store = createHrStore(t.db);
    expect(await store.getEmployee('E4001')).toMatchObject({ lastName: 'Østby', positions: [{ jobTitle: 'Leder; regnskap, lønn' }] });
    expect(await store.getEmployee('E4003')).toMatchObject({ firstName: 'Åse', department: 'Salg; nord', positions: [{ jobTitle: 'Selger – ’kunde’' }] });

    // A typo in a `;` header is still named as an unknown column (the separator that finds known names wins).
    const typo = cliProcess(['hr', 'import', write('typo.csv', 'employeeNumber;workEmial\nE1;a@b.no\n')], env);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown column\(s\) "workEmial"/);
  });

  it('accepts and drops a UTF-8 byte-order mark (first column recognised), with either separator', async () => {
    const utf8 = NORWEGIAN.replace(/,/g, ';');
    const r = cliProcess(['--json', 'hr', 'import', write('bom.csv', `\uFEFF${utf8}\r\n`)], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ encoding: 'utf-8', separator: ';', imported: 3 });
    expect(await names()).toEqual(['Ola Hansen (Salg)', 'Kjærsti Sørensen (Økonomi)', 'Åse Dæhlie (Lønn)']);

    // A BOM says UTF-8: asking for windows-1252 would garble it, so it is refused.
    const wrong = cliProcess(['hr', 'import', '--encoding', 'windows-1252', write('bom2.csv', `\uFEFF${NORWEGIAN}`)], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/UTF-8 byte-order mark, so it is UTF-8, not windows-1252: run again without --encoding\n$/);
    const garble = cliProcess(['hr', 'import', '--encoding', 'windows-1252', write('utf8.csv', NORWEGIAN)], env);
    expect(garble.code).toBe(2);
    expect(garble.stderr).toMatch(/line 3 byte 35: the file is valid UTF-8 with multi-byte characters, which windows-1252 would garble/);
  });

  it('refuses invalid UTF-8 in the middle of a UTF-8 file, naming line and byte, without blaming windows-1252; nothing is written', async () => {
    const good = Buffer.from(`${NORWEGIAN}\n`, 'utf8');
    const broken = Buffer.concat([
      good,
      Buffer.from('E3004,lise@firma.no,Lise,Br'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('n,Salg\nE3005,x@firma.no,X,Y,Z\n'),
    ]);
    const file = write('broken.csv', broken);
    const r = cliProcess(['hr', 'import', file], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: ${file}: line 5 byte 28: not UTF-8 (0xC3 at file offset ${good.length + 27}); ` +
        'save the file as UTF-8, or name its encoding with --encoding windows-1252 or --encoding latin1\n',
    );
    expect(await numbersInStore()).toEqual([]);

    const json = cliProcess(['--json', 'hr', 'import', file], env);
    expect(JSON.parse(json.stderr)).toMatchObject({ code: 'USAGE' });
    expect(json.stdout).toBe('');

    const badOption = cliProcess(['hr', 'import', '--encoding', 'ebcdic', file], env);
    expect([badOption.code, badOption.stderr]).toEqual([2, 'error: --encoding: "ebcdic" is not one of utf-8, windows-1252, latin1\n']);
  });

  it('refuses a file over the size limit before reading it, saying the size and the limit', async () => {
    // A sparse file just over the default limit: refused from its size alone.
    const huge = path.join(tmp, 'huge.csv');
    fs.writeFileSync(huge, 'employeeNumber\n');
    fs.truncateSync(huge, MAX_IMPORT_BYTES + 1);
    const r = cliProcess(['hr', 'import', huge], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: ${huge} is ${MAX_IMPORT_BYTES + 1} bytes; the limit is ${MAX_IMPORT_BYTES} bytes (50 MB) (split the file, or raise the limit with --max-size)\n`,
    );

    const small = write('small.csv', `${NORWEGIAN}\n`);
    const limited = cliProcess(['--json', 'hr', 'import', '--max-size', '100', small], env);
    expect(limited.code).toBe(2);
    expect(JSON.parse(limited.stderr)).toEqual({
      error: `${small} is ${Buffer.byteLength(`${NORWEGIAN}\n`)} bytes; the limit is 100 bytes (split the file, or raise the limit with --max-size)`,
      code: 'USAGE',
    });
    const raised = cliProcess(['--json', 'hr', 'import', '--max-size', '1MB', small], env);
    expect(raised.code).toBe(0);
    const bad = cliProcess(['hr', 'import', '--max-size', 'lots', small], env);
    expect([bad.code, bad.stderr]).toEqual([2, 'error: --max-size: "lots" is not a size; use e.g. 50MB, 512KB or a number of bytes\n']);
  });
});
