import { randomBytes } from 'node:crypto';
import { createConnectionsStore } from '../../db/connections-store';
import { migrateLatest, migrateRollback, pendingMigrations } from '../../db/knex';
import { parseKeyring } from '../../db/secrets/keyring';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { testSecretKey } from '../support/test-env';

describe('connections repository (real Postgres)', () => {
  let t: TestDatabase;
  const keyring = parseKeyring(testSecretKey('k1'));
  const token = `xl_${randomBytes(24).toString('base64url')}`;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('stores the token encrypted: the raw row holds no plaintext, and only revealToken decrypts it', async () => {
    const repo = createConnectionsStore(t.db, keyring);
    const added = await repo.add({
      name: 'acme',
      xledgerUrl: 'https://demo.xledger.net/graphql',
      ownerEntityId: 12345,
      token,
      settings: { recipients: ['hr@acme.no'] },
    });
    expect(added.settings.recipients).toEqual(['hr@acme.no']);
    expect(added.settings.employees.decisionTimeout).toBe('7 days');
    const raw = await t.db.raw('SELECT * FROM connections WHERE name = ?', ['acme']);
    const rowText = JSON.stringify(raw.rows);
    expect(rowText).not.toContain(token);
    expect(rowText).not.toContain(token.slice(3, 20));
    expect(raw.rows[0].token_key_id).toBe('k1');
    expect(JSON.stringify(added)).not.toContain(token);
    expect(await repo.revealToken('acme')).toBe(token);
  });

  it('fails to reveal under a different secret key, naming the key id', async () => {
    const other = createConnectionsStore(t.db, parseKeyring(testSecretKey('k2')));
    await expect(other.revealToken('acme')).rejects.toThrow(/key id "k1", which XSYNC_SECRET_KEY does not hold/);
  });

  it('rejects duplicates and bad input with specific messages, writing nothing', async () => {
    const repo = createConnectionsStore(t.db, keyring);
    await expect(repo.add({ name: 'acme', xledgerUrl: 'https://x.test/graphql', ownerEntityId: 1, token })).rejects.toThrow(
      'A connection named "acme" already exists',
    );
    await expect(repo.add({ name: 'b', xledgerUrl: 'not a url', ownerEntityId: -1, token: 'x' })).rejects.toThrow(
      /xledgerUrl must be a URL.*ownerEntityId must be positive.*token looks too short/,
    );
    await expect(repo.add({ name: 'c', xledgerUrl: 'https://x.test/graphql', ownerEntityId: 1, token, settings: { recipients: ['nope'] } })).rejects.toThrow(
      'Invalid connection settings: settings.recipients.0: must be an email address',
    );
    expect((await repo.list()).map((c) => c.name)).toEqual(['acme']);
  });

  it('updates only what is given, merging partial settings, and re-encrypts a new token', async () => {
    const repo = createConnectionsStore(t.db, keyring);
    const before = await repo.get('acme');
    const newToken = `xl_${randomBytes(24).toString('base64url')}`;
    const { after, tokenReplaced } = await repo.update('acme', { token: newToken, settings: { employees: { createInXledger: 'auto' } } });
    expect(tokenReplaced).toBe(true);
    expect(after.settings).toEqual({ ...before.settings, employees: { ...before.settings.employees, createInXledger: 'auto' } });
    expect([after.xledgerUrl, after.ownerEntityId]).toEqual([before.xledgerUrl, before.ownerEntityId]);
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(await repo.revealToken('acme')).toBe(newToken);
    expect(JSON.stringify((await t.db.raw('SELECT * FROM connections')).rows)).not.toContain(newToken);

    const same = await repo.update('acme', { xledgerUrl: before.xledgerUrl, settings: { employees: { createInXledger: 'auto' } } });
    expect(same.after.updatedAt).toEqual(after.updatedAt); // nothing differed, nothing written
    await expect(repo.update('acme', { ownerEntityId: 'x' })).rejects.toMatchObject({ name: 'InvalidConnectionError', field: 'ownerEntityId' });
    await expect(repo.update('acme', { settings: { createInXledger: 'auto' } })).rejects.toThrow('settings.createInXledger: moved — put it under "employees"');
    await expect(repo.update('nope', { xledgerUrl: 'https://x.test/graphql' })).rejects.toThrow('No connection named "nope"');
    expect((await repo.get('acme')).settings.employees.createInXledger).toBe('auto');
    await repo.update('acme', { token }); // as it was, for the tests below
  });

  it('takes an Xledger URL only over https://, plain http:// only to a loopback host (the fake Xledger), in add and update', async () => {
    const repo = createConnectionsStore(t.db, keyring);
    const loopback = ['http://127.0.0.1:4000/graphql', 'http://127.8.9.10/graphql', 'http://[::1]:4000/graphql', 'http://localhost:4000/graphql'];
    for (const [i, xledgerUrl] of loopback.entries()) {
      const added = await repo.add({ name: `loop-${i}`, xledgerUrl, ownerEntityId: 1, token });
      expect(added.xledgerUrl).toBe(xledgerUrl);
      await repo.remove(added.name);
    }
    const refused: Array<[string, RegExp]> = [
      ['http://demo.xledger.net/graphql', /xledgerUrl must use https:\/\/ \(plain http:\/\/ only for 127\.0\.0\.1, ::1 or localhost/],
      ['http://127.0.0.1.example.com/graphql', /xledgerUrl must use https:\/\/ \(plain http:\/\/ only/],
      ['http://localhost.example.com/graphql', /xledgerUrl must use https:\/\/ \(plain http:\/\/ only/],
      ['http://10.0.0.5/graphql', /xledgerUrl must use https:\/\/ \(plain http:\/\/ only/],
      ['file:///etc/passwd', /xledgerUrl must use https:\/\/, not file:/],
      ['javascript:alert(1)', /xledgerUrl must use https:\/\/, not javascript:/],
      ['ftp://demo.xledger.net/graphql', /xledgerUrl must use https:\/\/, not ftp:/],
      ['https://user:secret@demo.xledger.net/graphql', /xledgerUrl must not hold a user name or password/],
    ];
    for (const [xledgerUrl, message] of refused) {
      await expect(repo.add({ name: 'plain', xledgerUrl, ownerEntityId: 1, token })).rejects.toThrow(message);
    }
    expect((await repo.list()).map((c) => c.name)).toEqual(['acme']);
    await expect(repo.update('acme', { xledgerUrl: 'http://demo.xledger.net/graphql' })).rejects.toMatchObject({
      name: 'InvalidConnectionError',
      field: 'xledgerUrl',
      detail: 'must use https:// (plain http:// only for 127.0.0.1, ::1 or localhost, e.g. the fake Xledger)',
    });
    expect((await repo.get('acme')).xledgerUrl).toBe('https://demo.xledger.net/graphql');
  });

  it('removes a connection and says so when it does not exist', async () => {
    const repo = createConnectionsStore(t.db, keyring);
    await repo.remove('acme');
    await expect(repo.remove('acme')).rejects.toThrow('No connection named "acme"');
  });

  it('migrates down and up again cleanly', async () => {
    await migrateRollback(t.db, true);
    expect(await t.db.schema.hasTable('connections')).toBe(false);
    expect((await pendingMigrations(t.db)).length).toBeGreaterThan(0);
    await migrateLatest(t.db);
    expect(await t.db.schema.hasTable('connections')).toBe(true);
    expect(await pendingMigrations(t.db)).toEqual([]);
  });
});
