import { databaseInfo, pendingMigrations } from '../../db/knex';
import type { ActivityDeps } from '../deps';

export interface DatabaseHealth {
  serverVersion: string;
  database: string;
  latencyMs: number;
  pendingMigrations: string[];
  connections: number;
}

export function createHealthActivities({ db, connections }: ActivityDeps) {
  return {
    async checkDatabase(): Promise<DatabaseHealth> {
      const started = performance.now();
      const info = await databaseInfo(db);
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      return { ...info, latencyMs, pendingMigrations: await pendingMigrations(db), connections: await connections.count() };
    },
  };
}
