import knex, { type Knex } from 'knex';
import { migrationSource } from '../migrations';

export function createDb(databaseUrl: string, pool: Knex.PoolConfig = { min: 0, max: 10 }): Knex {
  return knex({ client: 'pg', connection: databaseUrl, pool, migrations: { migrationSource } });
}

export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest()) as [number, string[]];
  return applied;
}

export async function migrateRollback(db: Knex, all = false): Promise<string[]> {
  const [, reverted] = (await db.migrate.rollback(undefined, all)) as [number, string[]];
  return reverted;
}

export async function pendingMigrations(db: Knex): Promise<string[]> {
  // With our migration source (migrations/index.ts) knex lists [name, module] pairs; with files, names or {file}.
  const [, pending] = (await db.migrate.list()) as [unknown[], Array<{ file: string } | string | [string, unknown]>];
  return pending.map((p) => (typeof p === 'string' ? p : Array.isArray(p) ? p[0] : p.file));
}

/** The server's version and the database's name (for health checks). */
export async function databaseInfo(db: Knex): Promise<{ serverVersion: string; database: string }> {
  const { rows } = await db.raw<{ rows: Array<{ version: string; db: string }> }>('SELECT version() AS version, current_database() AS db');
  return { serverVersion: rows[0]!.version.split(' on ')[0]!, database: rows[0]!.db };
}
