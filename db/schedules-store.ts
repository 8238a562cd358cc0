import type { Knex } from 'knex';
import type { ScheduleRequest } from '../domain/shared/schedule-spec';

/** `schedules`: what each admin asked of a connection's schedule per kind (the Temporal Schedule is what runs). */

export interface ScheduleRow {
  schedule_id: string;
  connection_id: number;
  connection_name: string;
  kind: string;
  request: ScheduleRequest;
  paused: boolean;
  pause_note: string | null;
  paused_until: Date | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export function createSchedulesStore(db: Knex) {
  const rows = () => db('schedules as s').join('connections as c', 'c.id', 's.connection_id').select('s.*', 'c.name as connection_name');

  return {
    async list(connectionName?: string): Promise<ScheduleRow[]> {
      const q = rows().orderBy([{ column: 'c.name' }, { column: 's.kind' }]);
      if (connectionName) q.where('c.name', connectionName);
      return q;
    },

    async get(scheduleId: string): Promise<ScheduleRow | undefined> {
      return rows().where('s.schedule_id', scheduleId).first();
    },

    async upsert(row: { scheduleId: string; connectionId: number; kind: string; request: ScheduleRequest; by: string }): Promise<void> {
      await db('schedules')
        .insert({ schedule_id: row.scheduleId, connection_id: row.connectionId, kind: row.kind, request: JSON.stringify(row.request), updated_by: row.by })
        .onConflict('schedule_id')
        .merge({ request: JSON.stringify(row.request), updated_by: row.by, updated_at: db.fn.now() });
    },

    async setPaused(scheduleId: string, pause: { paused: boolean; note: string | null; until: Date | null; by: string }): Promise<void> {
      await db('schedules')
        .where({ schedule_id: scheduleId })
        .update({ paused: pause.paused, pause_note: pause.note, paused_until: pause.until, updated_by: pause.by, updated_at: db.fn.now() });
    },

    async remove(scheduleId: string): Promise<void> {
      await db('schedules').where({ schedule_id: scheduleId }).delete();
    },

    /**
     * Runs `change` holding a lock on one schedule (a Postgres advisory lock for the transaction): Temporal's
     * schedule update reads and writes without a conflict token, so two admins' changes are made one after the other.
     */
    async serialized<T>(scheduleId: string, change: () => Promise<T>): Promise<T> {
      return db.transaction(async (trx) => {
        await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`xsync-schedule:${scheduleId}`]);
        return change();
      });
    },
  };
}

export type SchedulesStore = ReturnType<typeof createSchedulesStore>;
