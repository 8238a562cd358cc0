import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnectionsStore } from '../../db/connections-store';
import { parseKeyring } from '../../db/secrets/keyring';
import { cliProcess, type CliResult } from '../support/cli-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { testSecretKey } from '../support/test-env';

interface ShownConnection {
  name: string;
  xledgerUrl: string;
  ownerEntityId: number;
  token: string;
  settings: { recipients: string[]; employees: Record<string, unknown> };
  updatedAt: string;
}

describe('xsync connections update, as an admin runs it (real CLI process, real Postgres)', () => {
  let t: TestDatabase;
  let dir: string;
  const secret = testSecretKey('main');
  const oldToken = 'xl-OLD-TOKEN-0123456789-abcdef';
  const newToken = 'xl-NEW-TOKEN-9876543210-fedcba';
  const envToken = 'xl-ENV-TOKEN-5555555555-aaaaaa';
  let env: NodeJS.ProcessEnv;
  const outputs: CliResult[] = [];

  const run = (args: string[], stdin = '', extraEnv: NodeJS.ProcessEnv = {}): CliResult => {
    const r = cliProcess(args, { ...env, ...extraEnv }, stdin);
    outputs.push(r);
    return r;
  };
  const show = (): ShownConnection => JSON.parse(run(['--json', 'connections', 'show', 'acme']).stdout);
  const file = (name: string, content: unknown): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
    return p;
  };
  const repo = () => createConnectionsStore(t.db, parseKeyring(secret));

  beforeAll(async () => {
    t = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xsync-update-'));
    env = { DATABASE_URL: t.url, XSYNC_SECRET_KEY: secret };
    const add = run(
      [
        'connections',
        'add',
        'acme',
        '--url',
        'https://demo.xledger.net/graphql',
        '--owner-entity',
        '777',
        '--token-stdin',
        '--settings-file',
        file('add.json', { recipients: ['hr@acme.no'], employees: { createInHr: 'never' } }),
      ],
      `${oldToken}\n`,
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t?.drop();
  });

  it('a partial settings file changes only the keys it holds, and says what changed', () => {
    const before = show();
    const r = run(['connections', 'update', 'acme', '--settings-file', file('one.json', { employees: { createInXledger: 'auto' } })]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Updated connection "acme":\n  settings.employees.createInXledger: "ask" → "auto"\n');
    const after = show();
    expect(after.settings).toEqual({ ...before.settings, employees: { ...before.settings.employees, createInXledger: 'auto' } });
    expect(after.settings.employees.createInHr).toBe('never');
    expect(after.settings.recipients).toEqual(['hr@acme.no']);
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
  });

  it('--json lists every change; --url, --owner-entity and --recipients change only those', () => {
    const r = run([
      '--json',
      'connections',
      'update',
      'acme',
      '--url',
      'https://www.xledger.net/graphql',
      '--owner-entity',
      '778',
      '--recipients',
      'a@acme.no, b@acme.no',
      '--settings-file',
      file('two.json', { employees: { scope: { departments: ['D1'] }, decisionTimeout: '3 days' } }),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.changed).toEqual([
      { what: 'xledgerUrl', from: 'https://demo.xledger.net/graphql', to: 'https://www.xledger.net/graphql' },
      { what: 'ownerEntityId', from: 777, to: 778 },
      { what: 'settings.recipients', from: ['hr@acme.no'], to: ['a@acme.no', 'b@acme.no'] },
      { what: 'settings.employees.scope.departments', to: ['D1'] },
      { what: 'settings.employees.decisionTimeout', from: '7 days', to: '3 days' },
    ]);
    expect(out.connection).toMatchObject({
      name: 'acme',
      xledgerUrl: 'https://www.xledger.net/graphql',
      ownerEntityId: 778,
      token: 'stored encrypted (key main)',
    });
    expect(show().settings.employees).toMatchObject({
      createInXledger: 'auto',
      createInHr: 'never',
      scope: { departments: ['D1'] },
      decisionTimeout: '3 days',
    });

    const again = run(['connections', 'update', 'acme', '--owner-entity', '778']);
    expect([again.code, again.stdout]).toEqual([0, 'Connection "acme": nothing changed.\n']);
  });

  it('replaces the token from stdin or an env variable; it decrypts to the new value and is printed nowhere', async () => {
    const r = run(['connections', 'update', 'acme', '--token-stdin'], `${newToken}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Updated connection "acme":\n  token replaced (key main)\n');
    expect(await repo().revealToken('acme')).toBe(newToken);
    const row = JSON.stringify((await t.db.raw('SELECT * FROM connections')).rows);
    expect(row).not.toContain(newToken);
    expect(row).not.toContain(oldToken);

    const viaEnv = run(['--json', 'connections', 'update', 'acme', '--token-env', 'NEW_XLEDGER_TOKEN'], '', { NEW_XLEDGER_TOKEN: envToken });
    expect(viaEnv.code).toBe(0);
    expect(JSON.parse(viaEnv.stdout).changed).toEqual([{ what: 'token', to: 'replaced (key main)' }]);
    expect(await repo().revealToken('acme')).toBe(envToken);

    const short = run(['connections', 'update', 'acme', '--token-stdin'], 'abc\n');
    expect([short.code, short.stderr]).toEqual([2, 'error: --token-stdin: token looks too short for an Xledger API token\n']);
    const unset = run(['connections', 'update', 'acme', '--token-env', 'NOT_SET_ANYWHERE']);
    expect([unset.code, unset.stderr]).toEqual([2, 'error: the environment variable NOT_SET_ANYWHERE named by --token-env is not set\n']);
    expect(await repo().revealToken('acme')).toBe(envToken);
  });

  it('refuses a bad settings file with exit 2 and one line naming the key, changing nothing', () => {
    const before = show();
    const bad = run(['connections', 'update', 'acme', '--settings-file', file('bad.json', { employees: { createInXledger: 'sometimes' } })]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `error: --settings-file ${path.join(dir, 'bad.json')}: Invalid connection settings: settings.employees.createInXledger: Invalid option: expected one of "auto"|"ask"|"never"\n`,
    );
    expect(bad.stdout).toBe('');

    const flat = run(['connections', 'update', 'acme', '--settings-file', file('flat.json', { createInXledger: 'never' })]);
    expect(flat.code).toBe(2);
    expect(flat.stderr).toContain('settings.createInXledger: moved — put it under "employees"');
    expect(flat.stderr.trim().split('\n')).toHaveLength(1);

    const notJson = run(['connections', 'update', 'acme', '--settings-file', file('broken.json', '{"employees": ')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^error: the settings file .*broken\.json is not valid JSON/);
    const array = run(['connections', 'update', 'acme', '--settings-file', file('array.json', [1])]);
    expect([array.code, array.stderr]).toEqual([
      2,
      `error: --settings-file: ${path.join(dir, 'array.json')} must hold a JSON object such as {"employees":{"createInXledger":"auto"}}\n`,
    ]);
    expect(show()).toEqual(before);
  });

  it('names the bad argument of every other misuse (exit 2), and an unknown connection (exit 2, NOT_FOUND)', () => {
    const cases: Array<[string[], string]> = [
      [['--url', 'not a url'], 'error: --url: xledgerUrl must be a URL such as https://www.xledger.net/graphql\n'],
      [['--owner-entity', '-4'], 'error: --owner-entity: ownerEntityId must be positive\n'],
      [['--recipients', 'hr@acme.no,nope'], 'error: --recipients: "nope" must be an email address\n'],
      [['--token-stdin', '--token-env', 'X'], 'error: --token-stdin and --token-env: give only one\n'],
      [[], 'error: nothing to change: give --url, --owner-entity, --token-stdin or --token-env, --settings-file or --recipients\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = run(['connections', 'update', 'acme', ...args]);
      expect([args, r.code, r.stderr, r.stdout]).toEqual([args, 2, stderr, '']);
    }
    const missing = run(['connections', 'update', 'nope', '--url', 'https://x.test/graphql']);
    expect([missing.code, missing.stderr, missing.stdout]).toEqual([2, 'error: No connection named "nope"\n', '']);
    const missingJson = run(['--json', 'connections', 'update', 'nope', '--recipients', 'a@acme.no']);
    expect([missingJson.code, missingJson.stderr]).toEqual([2, '{"error":"No connection named \\"nope\\"","code":"NOT_FOUND"}\n']);
  });

  it('the help says how a partial settings file is merged', () => {
    const help = run(['connections', 'update', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('objects merge key by key');
    expect(help.stdout).toContain('arrays and');
    expect(help.stdout).toContain('--token-stdin');
  });

  afterAll(() => {
    for (const r of outputs) for (const token of [oldToken, newToken, envToken]) expect(r.stdout + r.stderr).not.toContain(token);
  });
});
