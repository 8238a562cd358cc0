import { bulkInsert } from '../../db/bulk-insert';
import { migrateLatest, migrateRollback } from '../../db/knex';
import { migrationSource } from '../../migrations';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(false);
  });
  afterAll(() => t?.drop());

  it('go all the way up, all the way down, and up again', async () => {
    await migrateLatest(t.db);
    const names = (await migrationSource.getMigrations([])).map((m) => migrationSource.getMigrationName(m));
    expect(await t.db('knex_migrations').pluck('name')).toEqual(names);
    // Staged documents are json (text) after 005 and survive the way back to jsonb.
    await t
      .db('connections')
      .insert({ id: 1, name: 'acme', xledger_url: 'http://x', owner_entity_id: 1, token_ciphertext: 'c', token_key_id: 'k', settings: '{}' });
    await t.db('sync_runs').insert({ id: 'r1', connection_id: 1, kind: 'employee-sync', trigger: 'manual', status: 'RUNNING' });
    await t.db('sync_run_snapshots').insert({ run_id: 'r1', side: 'hr', key: 'E1', data: JSON.stringify({ name: 'Åse "Q" \\ 😀' }) });
    const type = async () =>
      (await t.db.raw("SELECT data_type FROM information_schema.columns WHERE table_name = 'sync_run_snapshots' AND column_name = 'data'")).rows[0].data_type;
    expect(await type()).toBe('json');
    // Back to just before 005, one migration at a time (later ones are undone first).
    const lastApplied = async () => (await t.db('knex_migrations').orderBy('id', 'desc').first('name'))?.name;
    while ((await lastApplied()) !== '20261123_005_prepared_batches') await t.db.migrate.down();
    await t.db.migrate.down();
    expect(await type()).toBe('jsonb');
    expect((await t.db('sync_run_snapshots').first('data')).data).toEqual({ name: 'Åse "Q" \\ 😀' });
    await migrateRollback(t.db, true);
    expect(await t.db.schema.hasTable('sync_runs')).toBe(false);
    await migrateLatest(t.db);
    expect(await type()).toBe('json');
  });
});

describe('bulkInsert', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(false);
    await t.db.raw('CREATE TABLE bulk_t (id int PRIMARY KEY, label text, big bigint, doc jsonb, at timestamptz)');
  });
  afterAll(() => t?.drop());

  it('inserts thousands of rows, in chunks, with every awkward value intact', async () => {
    const awkward = ['plain', 'quote " and \' both', 'back\\slash', '{braces,commas}', 'NULL', '', 'emoji 😀 ÆØÅ', 'rtl مرحبا', 'new\nline\ttab'];
    const rows = Array.from({ length: 4_321 }, (_, i) => ({
      id: i,
      label: i % 10 === 9 ? null : awkward[i % awkward.length],
      big: i === 0 ? 9_007_199_254_740_991 : i * 1_000_003,
      doc: i % 7 === 0 ? null : { i, text: awkward[i % awkward.length], list: [1, 'two', null] },
      at: new Date(Date.UTC(2026, 10, 23, 12, 0, i % 60)),
    }));
    await bulkInsert(t.db, 'bulk_t', { id: 'int', label: 'text', big: 'bigint', doc: 'jsonb', at: 'timestamptz' }, rows, { chunkSize: 1_000 });
    const back = await t.db('bulk_t').orderBy('id');
    expect(back).toHaveLength(rows.length);
    expect(back.map((r) => ({ ...r, big: Number(r.big) }))).toEqual(rows);
  });

  it('a bad row fails the whole statement with the database error, and nothing of that chunk is written', async () => {
    await expect(
      bulkInsert(t.db, 'bulk_t', { id: 'int', label: 'text' }, [
        { id: 100_000, label: 'ok' },
        { id: 0, label: 'duplicate key' },
      ]),
    ).rejects.toThrow(/duplicate key/);
    expect(await t.db('bulk_t').where({ id: 100_000 }).first()).toBeUndefined();
  });
});
