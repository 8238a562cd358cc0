import { pendingMigrations } from '../../db/knex';
import type { ActivityDeps } from '../deps';

export interface DatabaseHealth {
  serverVersion: string;
  database: string;
  latencyMs: number;
  pendingMigrations: string[];
  connections: number;
}

export function createHealthActivities({ db }: ActivityDeps) {
  return {
    async checkDatabase(): Promise<DatabaseHealth> {
      const started = performance.now();
      const { rows } = await db.raw<{ rows: Array<{ version: string; db: string }> }>('SELECT version() AS version, current_database() AS db');
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      const pending = await pendingMigrations(db);
      const [{ count }] = await db('connections').count<{ count: string }[]>({ count: '*' });
      return {
        serverVersion: rows[0].version.split(' on ')[0],
        database: rows[0].db,
        latencyMs,
        pendingMigrations: pending,
        connections: Number(count),
      };
    },
  };
}
