import { RunRefusedError } from '../../client/start-run';
import { ConfigError } from '../../config/config';
import { ConnectionNotFoundError, InvalidConnectionError } from '../../db/connections-store';
import { errorCodeOf, exitCodeOf, NotFoundError, RefusedError, UsageError } from '../../client/io';
import { parseCount, parsePositiveNumber } from '../../client/options';
import { cliProcess, type CliResult } from '../support/cli-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { testSecretKey } from '../support/test-env';

/** One line on stderr, JSON, and nothing on stdout. */
function jsonError(r: CliResult): { error: string; code: string } {
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  return JSON.parse(r.stderr);
}

describe('CLI rules: JSON errors, numeric options, one exit-code rule (real CLI process)', () => {
  let t: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const token = 'xl-RULES-TOKEN-0123456789';
  beforeAll(async () => {
    t = await createTestDatabase();
    env = { DATABASE_URL: t.url, XSYNC_SECRET_KEY: testSecretKey('main') };
    const add = cliProcess(['connections', 'add', 'acme', '--url', 'https://demo.xledger.net/graphql', '--owner-entity', '777', '--token-stdin'], env, token);
    expect([add.code, add.stderr]).toEqual([0, '']);
  });
  afterAll(() => t.drop());

  it('prints errors as one JSON line on stderr with --json, with the same exit codes as without', () => {
    const cases: Array<[string[], NodeJS.ProcessEnv, string, string, number]> = [
      [['connections', 'show', 'nope'], env, 'No connection named "nope"', 'NOT_FOUND', 2],
      [['connections', 'list'], { DATABASE_URL: t.url }, 'Invalid configuration: XSYNC_SECRET_KEY is not set', 'CONFIG', 2],
      [['runs', 'list', '--bogus'], env, "unknown option '--bogus'", 'USAGE', 2],
      [['nosuch'], env, "unknown command 'nosuch'", 'USAGE', 2],
      [['connections', 'show'], env, "missing required argument 'name'", 'USAGE', 2],
      [['runs', 'list', '--limit', 'abc'], env, '--limit: "abc" is not a whole number', 'USAGE', 2],
    ];
    for (const [args, e, message, code, exit] of cases) {
      const text = cliProcess(args, e);
      expect({ args, code: text.code, stdout: text.stdout }).toEqual({ args, code: exit, stdout: '' });
      expect(text.stderr.startsWith(`error: ${message}`)).toBe(true);
      expect(text.stderr.trimEnd().split('\n')).toHaveLength(1);

      // --json before or after the command: the same exit code, the error as JSON.
      for (const json of [
        ['--json', ...args],
        [...args, '--json'],
      ]) {
        const r = cliProcess(json, e);
        expect({ json, code: r.code }).toEqual({ json, code: exit });
        const parsed = jsonError(r);
        expect(parsed.code).toBe(code);
        expect(parsed.error.startsWith(message)).toBe(true);
        expect(Object.keys(parsed).sort()).toEqual(['code', 'error']);
      }
    }
    // A command group without its subcommand: help (text) without --json, a JSON error with it.
    const group = cliProcess(['--json', 'hr'], env);
    expect(group.code).toBe(2);
    expect(jsonError(group)).toEqual({ error: 'a subcommand is required (see --help)', code: 'USAGE' });
    // XSYNC_DEBUG=1 adds the stack, still in the one JSON line.
    const debug = cliProcess(['--json', 'connections', 'show', 'nope'], { ...env, XSYNC_DEBUG: '1' });
    expect(jsonError(debug)).toMatchObject({ code: 'NOT_FOUND', stack: expect.stringContaining('ConnectionNotFoundError') });
  });

  it.each([
    [['runs', 'list', '--limit', 'abc'], 'error: --limit: "abc" is not a whole number'],
    [['runs', 'list', '--limit', '0'], 'error: --limit: 0 is out of range; use 1 to 10000'],
    [['runs', 'list', '--limit', '2.5'], 'error: --limit: "2.5" is not a whole number'],
    [['runs', 'list', '--limit', '-1'], 'error: --limit: -1 is out of range; use 1 to 10000'],
    [['hr', 'list', '--limit', '1e3'], 'error: --limit: "1e3" is not a whole number'],
    [['hr', 'list', '--limit', '0'], 'error: --limit: 0 is out of range; use 1 to 10000'],
    [['doctor', '--timeout', 'soon'], 'error: --timeout: "soon" is not a number'],
    [['doctor', '--timeout', '0'], 'error: --timeout: 0 is out of range; use a number above 0 and at most 3600'],
  ])('a bad number %j exits 2 in one line naming the option, before anything runs', (args, stderr) => {
    const r = cliProcess(args, env);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, `${stderr}\n`, '']);
  });

  it('a good --limit works', () => {
    const r = cliProcess(['--json', 'hr', 'list', '--limit', '3'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ employees: [], more: false });
  });

  it('an unknown connection or employee named as an argument is bad usage (exit 2, NOT_FOUND), on every command', () => {
    const cases: string[][] = [
      ['connections', 'show', 'nope'],
      ['connections', 'remove', 'nope'],
      ['connections', 'update', 'nope', '--recipients', 'a@acme.no'],
      ['connections', 'test', 'nope'],
      ['sync', 'start', '--connection', 'nope'],
      ['hr', 'show', 'E404'],
    ];
    for (const args of cases) {
      const r = cliProcess(['--json', ...args], env);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(jsonError(r)).toEqual({ error: expect.stringMatching(/^No (connection named "nope"|HR employee with number "E404")$/), code: 'NOT_FOUND' });
    }
  });

  it('an Xledger URL must be https://; plain http:// only for a loopback host (the fake Xledger)', () => {
    const update = (url: string) => cliProcess(['--json', 'connections', 'update', 'acme', '--url', url], env);
    const plain = update('http://demo.xledger.net/graphql');
    expect(plain.code).toBe(2);
    expect(jsonError(plain)).toEqual({
      error: '--url: xledgerUrl must use https:// (plain http:// only for 127.0.0.1, ::1 or localhost, e.g. the fake Xledger)',
      code: 'USAGE',
    });
    expect(jsonError(update('javascript:alert(1)')).error).toBe('--url: xledgerUrl must use https://, not javascript:');
    const fake = update('http://127.0.0.1:4000/graphql');
    expect(fake.code).toBe(0);
    expect(JSON.parse(fake.stdout).connection.xledgerUrl).toBe('http://127.0.0.1:4000/graphql');
    expect(update('https://demo.xledger.net/graphql').code).toBe(0);

    const add = cliProcess(['connections', 'add', 'plain', '--url', 'http://demo.xledger.net/graphql', '--owner-entity', '1', '--token-stdin'], env, token);
    expect(add.code).toBe(2);
    expect(add.stderr).toContain('xledgerUrl must use https://');
    const list = cliProcess(['--json', 'connections', 'list'], env);
    expect((JSON.parse(list.stdout) as Array<{ name: string }>).map((c) => c.name)).toEqual(['acme']);
  });

  it('help states the exit-code rule', () => {
    const r = cliProcess(['--help'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes: 0 ok; 1 the command ran but failed, was refused or found problems; 2 bad usage or configuration.');
  });
});

describe('the error codes and the shared option parsers', () => {
  it('map every kind of error to one code and its exit code', () => {
    const cases: Array<[Error, string, number]> = [
      [new UsageError('x'), 'USAGE', 2],
      [new ConfigError('x'), 'CONFIG', 2],
      [new InvalidConnectionError('xledgerUrl', 'x'), 'USAGE', 2],
      [new NotFoundError('x'), 'NOT_FOUND', 2],
      [new ConnectionNotFoundError('x'), 'NOT_FOUND', 2],
      [new RefusedError('x'), 'REFUSED', 1],
      [new RunRefusedError('x'), 'REFUSED', 1],
      [new Error('x'), 'FAILED', 1],
    ];
    for (const [err, code, exit] of cases) {
      expect([err.name, errorCodeOf(err), exitCodeOf(errorCodeOf(err))]).toEqual([err.name, code, exit]);
    }
    expect(errorCodeOf('a string')).toBe('FAILED');
  });

  it('parse counts and positive numbers, naming the option', () => {
    expect(parseCount('0', '--offset')).toBe(0);
    expect(parseCount(' 50 ', '--limit', { min: 1, max: 1000 })).toBe(50);
    expect(() => parseCount('-1', '--offset')).toThrow('--offset: -1 is out of range; use 0 or more');
    expect(() => parseCount('1001', '--limit', { min: 1, max: 1000 })).toThrow('--limit: 1001 is out of range; use 1 to 1000');
    expect(() => parseCount('', '--limit')).toThrow('--limit: "" is not a whole number');
    expect(() => parseCount('99999999999999999999', '--limit')).toThrow('is out of range');
    expect(parsePositiveNumber('2.5', '--timeout')).toBe(2.5);
    expect(() => parsePositiveNumber('-3', '--timeout')).toThrow('--timeout: "-3" is not a number');
    expect(() => parsePositiveNumber('Infinity', '--timeout')).toThrow('is not a number');
  });
});
