import type { Knex } from 'knex';
import type { AbsenceLink } from '../../domain/absences/absence-types';

/** `absence_links`: which Xledger absence each HR absence is, as the sync wrote or matched it (pass a transaction to write inside it). */

export interface NewAbsenceLink extends AbsenceLink {
  lastRunId: string;
}

interface LinkRow {
  absence_id: string;
  employee_number: string;
  xledger_absence_db_id: string;
  from_date: string;
}

const toLink = (r: LinkRow): AbsenceLink => ({
  absenceId: r.absence_id,
  employeeNumber: r.employee_number,
  xledgerDbId: Number(r.xledger_absence_db_id),
  fromDate: r.from_date,
});
const SELECT = "absence_id, employee_number, xledger_absence_db_id, to_char(from_date, 'YYYY-MM-DD') AS from_date";

export function createAbsenceLinksStore(db: Knex) {
  return {
    /** The links of absences starting in the period, or of the given HR absences (whatever their start now). */
    async inPeriod(
      connectionId: number,
      period: { from: string; to: string },
      absenceIds: readonly string[],
      employeeNumbers?: readonly string[],
    ): Promise<AbsenceLink[]> {
      const q = db('absence_links')
        .where({ connection_id: connectionId })
        .where((w) => w.whereBetween('from_date', [period.from, period.to]).orWhereRaw('absence_id = ANY(?::text[])', [absenceIds as string[]]))
        .select(db.raw(SELECT));
      if (employeeNumbers?.length) q.whereIn('employee_number', employeeNumbers as string[]);
      return ((await q) as LinkRow[]).map(toLink);
    },

    async upsert(connectionId: number, links: readonly NewAbsenceLink[]): Promise<void> {
      for (let i = 0; i < links.length; i += 1_000) {
        await db('absence_links')
          .insert(
            links.slice(i, i + 1_000).map((l) => ({
              connection_id: connectionId,
              absence_id: l.absenceId,
              employee_number: l.employeeNumber,
              xledger_absence_db_id: l.xledgerDbId,
              from_date: l.fromDate,
              last_run_id: l.lastRunId,
              synced_at: db.fn.now(),
            })),
          )
          .onConflict(['connection_id', 'absence_id'])
          .merge(['employee_number', 'xledger_absence_db_id', 'from_date', 'last_run_id', 'synced_at']);
      }
    },

    async remove(connectionId: number, absenceIds: readonly string[]): Promise<void> {
      if (absenceIds.length === 0) return;
      await db('absence_links')
        .where({ connection_id: connectionId })
        .whereIn('absence_id', absenceIds as string[])
        .delete();
    },

    async all(connectionId: number): Promise<AbsenceLink[]> {
      return ((await db('absence_links').where({ connection_id: connectionId }).select(db.raw(SELECT))) as LinkRow[]).map(toLink);
    },
  };
}
