import type { Knex } from 'knex';
import { bulkInsert } from '../bulk-insert';

/**
 * `employee_history`: every recorded change of an employee across runs, their absences' too (field `absence <id>`);
 * values arrive masked where personal.
 */

export interface HistoryRow {
  connection_id: number;
  run_id: string;
  employee_number: string;
  event: 'updated' | 'created' | 'skipped' | 'failed' | 'invalid' | 'locked' | 'removed' | 'exported' | 'held';
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  direction: 'to-xledger' | 'to-hr' | null;
  detail: string | null;
  /** Who chose the value, when and how; null where no choice was involved. */
  decided_by?: string | null;
  decided_at?: string | null;
  decided_how?: 'field' | 'employee' | 'bulk' | 'policy' | null;
}

export interface HistoryListRow {
  recorded_at: Date;
  connection: string;
  run_id: string;
  event: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  direction: string | null;
  detail: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decided_how: string | null;
}

const HISTORY_COLUMNS = {
  connection_id: 'int',
  run_id: 'text',
  employee_number: 'text',
  event: 'text',
  field: 'text',
  old_value: 'text',
  new_value: 'text',
  direction: 'text',
  detail: 'text',
  decided_by: 'text',
  decided_at: 'timestamptz',
  decided_how: 'text',
} as const;

export function createHistoryStore(db: Knex) {
  return {
    async insert(rows: readonly HistoryRow[]): Promise<void> {
      const full = rows.map((r) => ({ decided_by: null, decided_at: null, decided_how: null, ...r }));
      await bulkInsert(db, 'employee_history', HISTORY_COLUMNS, full);
    },

    /** One employee's history in the order it happened, optionally for one connection. */
    async forEmployee(employeeNumber: string, connectionName?: string): Promise<HistoryListRow[]> {
      const q = db('employee_history as h')
        .join('connections as c', 'c.id', 'h.connection_id')
        .where('h.employee_number', employeeNumber)
        .select(
          'h.recorded_at',
          db.raw("CASE WHEN c.removed_at IS NULL THEN c.name ELSE c.name || ' (removed)' END AS connection"),
          'h.run_id',
          'h.event',
          'h.field',
          'h.old_value',
          'h.new_value',
          'h.direction',
          'h.detail',
          'h.decided_by',
          'h.decided_at',
          'h.decided_how',
        )
        .orderBy([
          { column: 'h.recorded_at', order: 'asc' },
          { column: 'h.id', order: 'asc' },
        ]);
      if (connectionName) q.where('c.name', connectionName);
      return q;
    },
  };
}
