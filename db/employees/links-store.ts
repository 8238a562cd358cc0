import type { Knex } from 'knex';
import type { EmployeeLink, FieldBaseline } from '../../domain/index';

/** What the sync remembers of one matched person: the Xledger employee and the values both sides last agreed on. */
export interface StoredLink {
  dbId: number;
  baseline: FieldBaseline;
}

/** Reads of `employee_links`, the sync's memory of who is who (pass a transaction to read inside it). */
export function createLinksStore(db: Knex) {
  return {
    /** Every link of a connection, keys only (for matching). */
    async keys(connectionId: number): Promise<EmployeeLink[]> {
      const rows: Array<{ employee_number: string; xledger_employee_db_id: string }> = await db('employee_links')
        .where({ connection_id: connectionId })
        .select('employee_number', 'xledger_employee_db_id');
      return rows.map((l) => ({ hrEmployeeNumber: l.employee_number, xledgerDbId: Number(l.xledger_employee_db_id) }));
    },

    /** The links of some employees, with their last-synced values, by employee number. */
    async byEmployee(connectionId: number, employeeNumbers: readonly string[]): Promise<Map<string, StoredLink>> {
      if (employeeNumbers.length === 0) return new Map();
      const rows: Array<{ employee_number: string; xledger_employee_db_id: string; baseline: FieldBaseline }> = await db('employee_links')
        .where({ connection_id: connectionId })
        .whereRaw('employee_number = ANY(?::text[])', [employeeNumbers as string[]])
        .select('employee_number', 'xledger_employee_db_id', 'baseline');
      return new Map(rows.map((r) => [r.employee_number, { dbId: Number(r.xledger_employee_db_id), baseline: r.baseline }]));
    },
  };
}
