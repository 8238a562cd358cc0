import { createConnectionsStore } from '../../db/connections-store';
import { migrateLatest } from '../../db/knex';
import { migrationSource } from '../../migrations';
import { parseKeyring } from '../../db/secrets/keyring';
import * as m006 from '../../migrations/20261201_006_settings_per_kind';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { testSecretKey } from '../support/test-env';

const M006 = '20261201_006_settings_per_kind';
const M007 = '20261201_007_one_open_run_and_decision_audit';

/** Stored rows as they were before migration 006 (flat), and one already in the new shape. */
const BEFORE: Record<string, unknown> = {
  flat: { recipients: ['hr@acme.no'], createInXledger: 'auto', direction: 'hr-to-xledger', scope: { departments: ['D1'] }, decisionTimeout: '3 days' },
  'flat-no-recipients': { createInHr: 'never' },
  empty: {},
  nested: { recipients: ['hr@beta.no'], employees: { createInHr: 'never', fieldPolicies: { phone: 'ask' } } },
};

/** Names of the migrations not yet run, in order. */
async function pending(t: TestDatabase): Promise<string[]> {
  const [, list] = (await t.db.migrate.list()) as [unknown, Array<Parameters<typeof migrationSource.getMigrationName>[0]>];
  return list.map((m) => migrationSource.getMigrationName(m));
}

describe('migration 006: connection settings per run kind (real Postgres)', () => {
  let t: TestDatabase;
  const settingsByName = async () =>
    Object.fromEntries(
      (await t.db('connections').select('name', 'settings').orderBy('name')).map((r: { name: string; settings: unknown }) => [r.name, r.settings]),
    );

  beforeAll(async () => {
    t = await createTestDatabase(false);
    // Up to, not including, 006: one migration at a time.
    expect(await pending(t)).toContain(M006);
    while ((await pending(t))[0] !== M006) await t.db.migrate.up();
    let id = 0;
    for (const [name, settings] of Object.entries(BEFORE)) {
      id += 1;
      await t.db('connections').insert({
        id,
        name,
        xledger_url: 'https://x.test/graphql',
        owner_entity_id: 1,
        token_ciphertext: 'c',
        token_key_id: 'k',
        settings: JSON.stringify(settings),
      });
    }
  });
  afterAll(() => t?.drop());

  it('moves every key but recipients under "employees" and leaves a nested row alone', async () => {
    const updatedAt = await t.db('connections').orderBy('name').pluck('updated_at');
    await t.db.migrate.up();
    expect((await t.db('knex_migrations').orderBy('id', 'desc').first('name')).name).toBe(M006);
    expect(await settingsByName()).toEqual({
      flat: {
        recipients: ['hr@acme.no'],
        employees: { createInXledger: 'auto', direction: 'hr-to-xledger', scope: { departments: ['D1'] }, decisionTimeout: '3 days' },
      },
      'flat-no-recipients': { employees: { createInHr: 'never' } },
      empty: { employees: {} },
      nested: BEFORE.nested,
    });
    expect(await t.db('connections').orderBy('name').pluck('updated_at')).toEqual(updatedAt);
  });

  it('is idempotent: running it again changes nothing', async () => {
    const once = await settingsByName();
    await m006.up(t.db);
    expect(await settingsByName()).toEqual(once);
  });

  it('the migrated rows read back through the repository, with defaults filled in', async () => {
    // The repository reads today's schema: go to the latest for this, and back to just after 006 afterwards.
    await migrateLatest(t.db);
    const repo = createConnectionsStore(t.db, parseKeyring(testSecretKey()));
    const flat = await repo.get('flat');
    expect(flat.settings.recipients).toEqual(['hr@acme.no']);
    expect(flat.settings.employees).toEqual({
      scope: { departments: ['D1'] },
      requiredFields: ['employeeNumber', 'workEmail', 'firstName', 'lastName'],
      fieldPolicies: {},
      direction: 'hr-to-xledger',
      createInXledger: 'auto',
      createInHr: 'ask',
      decisionTimeout: '3 days',
      reminderAfter: '1 day',
      timeoutPolicy: 'skip-undecided',
      fullRunEvery: '7 days',
      realtime: { enabled: false, createInXledger: false, debounce: '200 ms' },
    });
    expect((await repo.get('flat-no-recipients')).settings).toMatchObject({ recipients: [], employees: { createInHr: 'never' } });
    expect((await repo.get('nested')).settings.employees.fieldPolicies).toEqual({ phone: 'ask' });
    while ((await pending(t))[0] !== M007) await t.db.migrate.down();
  });

  it('down() flattens every row back', async () => {
    await t.db.migrate.down();
    expect((await pending(t))[0]).toBe(M006);
    expect(await settingsByName()).toEqual({
      ...BEFORE,
      nested: { recipients: ['hr@beta.no'], createInHr: 'never', fieldPolicies: { phone: 'ask' } },
    });
  });

  it('then goes up to the latest schema again', async () => {
    await migrateLatest(t.db);
    expect(await pending(t)).toEqual([]);
    expect((await settingsByName()).flat).toEqual({
      recipients: ['hr@acme.no'],
      employees: { createInXledger: 'auto', direction: 'hr-to-xledger', scope: { departments: ['D1'] }, decisionTimeout: '3 days' },
    });
  });
});
