import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { dropDatabase, ensureDatabase } from '../../db/ensure-database';
import { createDb, migrateLatest } from '../../db/knex';
import { requireEnv } from './test-env';

export interface TestDatabase {
  url: string;
  db: Knex;
  drop(): Promise<void>;
}

/** A database of its own per test file, migrated to the latest schema, on the real Postgres. */
export async function createTestDatabase(migrate = true): Promise<TestDatabase> {
  const admin = new URL(requireEnv('XSYNC_TEST_ADMIN_URL'));
  admin.pathname = `/xsync_test_${randomBytes(5).toString('hex')}`;
  const url = admin.toString();
  await ensureDatabase(url);
  const db = createDb(url, { min: 0, max: 5 });
  if (migrate) await migrateLatest(db);
  return {
    url,
    db,
    drop: async () => {
      await db.destroy();
      await dropDatabase(url);
    },
  };
}
