import type { Knex } from 'knex';
import { chunk } from '../domain/shared/collections';
import type { HrAbsence } from '../domain/absences/absence-types';

/**
 * `hr_absences`: the HR side of the absence sync (an HR product fills it directly, or `xsync hr import --absences`).
 * Reads return raw rows in the domain's input shape (dates as 'YYYY-MM-DD' text, whatever the process's time zone):
 * a run validates them itself and reports what HR stored wrongly.
 */

interface AbsenceColumns {
  absence_id: string;
  employee_number: string;
  absence_type: string;
  start_date: string | null;
  end_date: string | null;
  start_time: string | null;
  end_time: string | null;
  percent: string | null;
  comment: string | null;
  status: string;
}

const SELECT = `absence_id, employee_number, absence_type, to_char(start_date, 'YYYY-MM-DD') AS start_date,
  to_char(end_date, 'YYYY-MM-DD') AS end_date, start_time, end_time, percent::text AS percent, comment, status`;

const fromColumns = (r: AbsenceColumns): HrAbsence => ({
  absenceId: r.absence_id,
  employeeNumber: r.employee_number,
  type: r.absence_type,
  startDate: r.start_date,
  endDate: r.end_date,
  startTime: r.start_time,
  endTime: r.end_time,
  percent: r.percent,
  comment: r.comment,
  status: r.status,
});

const toColumns = (a: HrAbsence): AbsenceColumns => ({
  absence_id: a.absenceId,
  employee_number: a.employeeNumber,
  absence_type: a.type,
  start_date: a.startDate,
  end_date: a.endDate,
  start_time: a.startTime,
  end_time: a.endTime,
  percent: a.percent,
  comment: a.comment,
  status: a.status,
});

const VALUE_COLUMNS = ['employee_number', 'absence_type', 'start_date', 'end_date', 'start_time', 'end_time', 'percent', 'comment', 'status'] as const;

export interface AbsenceUpsertResult {
  created: number;
  updated: number;
  unchanged: number;
}

export function createHrAbsencesStore(db: Knex) {
  return {
    /**
     * Creates or updates absences by HR id (a row whose values are the same is left alone, so updated_at says when
     * HR last changed it). Pass a transaction to roll back a dry run.
     */
    async upsert(absences: readonly HrAbsence[], trx: Knex = db): Promise<AbsenceUpsertResult> {
      const result = { created: 0, updated: 0, unchanged: 0 };
      for (const part of chunk(absences, 1_000)) {
        const current: AbsenceColumns[] = await trx('hr_absences')
          .whereIn(
            'absence_id',
            part.map((a) => a.absenceId),
          )
          .select(trx.raw(SELECT));
        const byId = new Map(current.map((r) => [r.absence_id, fromColumns(r)]));
        const changed = part.filter((a) => {
          const now = byId.get(a.absenceId);
          const same = now !== undefined && VALUE_COLUMNS.every((c) => sameValue(c, toColumns(now)[c], toColumns(a)[c]));
          result[now === undefined ? 'created' : same ? 'unchanged' : 'updated'] += 1;
          return !same;
        });
        if (changed.length === 0) continue;
        await trx('hr_absences')
          .insert(changed.map((a) => ({ ...toColumns(a), updated_at: trx.fn.now() })))
          .onConflict('absence_id')
          .merge();
      }
      return result;
    },

    /** One row exactly as an HR product may write it, without this store's checks (tests and the demo show how a run reports it). */
    async insertUnchecked(a: HrAbsence): Promise<void> {
      await db('hr_absences').insert(toColumns(a)).onConflict('absence_id').merge();
    },

    /** Deletes absences by HR id (an HR product that deletes rather than cancels). */
    async remove(absenceIds: readonly string[]): Promise<number> {
      return db('hr_absences')
        .whereIn('absence_id', absenceIds as string[])
        .delete();
    },

    /** Absences starting in [from, to] (every status), optionally of some employees only, by employee and start. */
    async startingIn(period: { from: string; to: string }, employeeNumbers?: readonly string[]): Promise<HrAbsence[]> {
      const q = db('hr_absences')
        .where('start_date', '>=', period.from)
        .where('start_date', '<=', period.to)
        .orderBy(['employee_number', 'start_date', 'absence_id'])
        .select(db.raw(SELECT));
      if (employeeNumbers?.length) q.whereIn('employee_number', employeeNumbers as string[]);
      return ((await q) as AbsenceColumns[]).map(fromColumns);
    },

    /** Absences without a start date (HR stored them wrongly): the run reports them as refused. */
    async withoutStartDate(employeeNumbers?: readonly string[]): Promise<HrAbsence[]> {
      const q = db('hr_absences').whereNull('start_date').orderBy('absence_id').select(db.raw(SELECT));
      if (employeeNumbers?.length) q.whereIn('employee_number', employeeNumbers as string[]);
      return ((await q) as AbsenceColumns[]).map(fromColumns);
    },

    async get(absenceId: string): Promise<HrAbsence | undefined> {
      const row: AbsenceColumns | undefined = await db('hr_absences').where({ absence_id: absenceId }).first(db.raw(SELECT));
      return row && fromColumns(row);
    },
  };
}

/** Percent 50 and "50.00" are the same stored value. */
function sameValue(column: string, a: string | null, b: string | null): boolean {
  if (column === 'percent' && a !== null && b !== null) return Number(a) === Number(b);
  return (a ?? null) === (b ?? null);
}

export type HrAbsencesStore = ReturnType<typeof createHrAbsencesStore>;
