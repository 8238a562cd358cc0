import { cliProcess } from '../support/cli-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { testSecretKey } from '../support/test-env';

describe('the CLI binary as an admin runs it', () => {
  let t: TestDatabase;
  const token = 'xl-TOKEN-0123456789-abcdef';
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('names a missing secret key in one line, no stack trace, exit code 2', () => {
    const r = cliProcess(['connections', 'list'], { DATABASE_URL: t.url });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: Invalid configuration: XSYNC_SECRET_KEY is not set (32 random bytes in base64, e.g. `openssl rand -base64 32`)\n');
    expect(r.stdout).toBe('');
  });

  it('names a malformed DATABASE_URL', () => {
    const r = cliProcess(['connections', 'list'], { DATABASE_URL: 'localhost/db', XSYNC_SECRET_KEY: testSecretKey() });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('DATABASE_URL must look like postgres://user@host:port/database');
  });

  it('adds a connection from stdin and never prints the token; a wrong secret key is refused by name', () => {
    const env = { DATABASE_URL: t.url, XSYNC_SECRET_KEY: testSecretKey('main') };
    const add = cliProcess(
      ['connections', 'add', 'acme', '--url', 'https://demo.xledger.net/graphql', '--owner-entity', '777', '--token-stdin', '--recipients', 'hr@acme.no'],
      env,
      `${token}\n`,
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Added connection "acme"');
    const show = cliProcess(['--json', 'connections', 'show', 'acme'], env);
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout);
    expect(shown).toMatchObject({ name: 'acme', ownerEntityId: 777, token: 'stored encrypted (key main)', settings: { recipients: ['hr@acme.no'] } });
    const list = cliProcess(['connections', 'list'], env);
    expect(list.stdout).toMatch(/acme\s+https:\/\/demo\.xledger\.net\/graphql\s+777/);
    for (const r of [add, show, list]) expect(r.stdout + r.stderr).not.toContain(token);

    const noToken = cliProcess(['connections', 'add', 'b', '--url', 'https://x.test/graphql', '--owner-entity', '1'], env);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('no token given');

    const missing = cliProcess(['connections', 'show', 'nope'], env);
    expect(missing.code).toBe(2); // an argument naming no connection is bad usage
    expect(missing.stderr).toBe('error: No connection named "nope"\n');
  });
});
