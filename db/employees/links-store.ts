import type { Knex } from 'knex';
import type { EmployeeLink, FieldBaseline } from '../../domain/index';
import { trimmedSql } from '../trimmed';

/** What the sync remembers of one matched person: the Xledger employee and the values both sides last agreed on. */
export interface StoredLink {
  dbId: number;
  baseline: FieldBaseline;
}

/** `employee_links`, the sync's memory of who is who (pass a transaction to read or write inside it). */
export function createLinksStore(db: Knex) {
  return {
    /** Every link of a connection, keys only (for matching). */
    async keys(connectionId: number): Promise<EmployeeLink[]> {
      const rows: Array<{ employee_number: string; xledger_employee_db_id: string }> = await db('employee_links')
        .where({ connection_id: connectionId })
        .select('employee_number', 'xledger_employee_db_id');
      return rows.map((l) => ({ hrEmployeeNumber: l.employee_number, xledgerDbId: Number(l.xledger_employee_db_id) }));
    },

    /** The links of a connection whose trimmed employee number is one of `numbers`, or whose Xledger employee is one of `dbIds`. */
    async keysMatching(connectionId: number, o: { numbers: readonly string[]; dbIds: readonly number[] }): Promise<EmployeeLink[]> {
      if (o.numbers.length + o.dbIds.length === 0) return [];
      const rows: Array<{ employee_number: string; xledger_employee_db_id: string }> = await db('employee_links')
        .where({ connection_id: connectionId })
        .andWhere((q) => {
          if (o.numbers.length) q.orWhereRaw(`${trimmedSql('employee_number')} = ANY(?::text[])`, [[...o.numbers]]);
          if (o.dbIds.length) q.orWhereRaw('xledger_employee_db_id = ANY(?::bigint[])', [[...o.dbIds]]);
        })
        .select('employee_number', 'xledger_employee_db_id');
      return rows.map((l) => ({ hrEmployeeNumber: l.employee_number, xledgerDbId: Number(l.xledger_employee_db_id) }));
    },

    /** Every link of a connection with its last-synced values (a plain script's whole-company read: the benchmark's baseline). */
    async allWithBaselines(connectionId: number): Promise<Array<EmployeeLink & { baseline: FieldBaseline }>> {
      const rows: Array<{ employee_number: string; xledger_employee_db_id: string; baseline: FieldBaseline }> = await db('employee_links')
        .where({ connection_id: connectionId })
        .select('employee_number', 'xledger_employee_db_id', 'baseline');
      return rows.map((l) => ({ hrEmployeeNumber: l.employee_number, xledgerDbId: Number(l.xledger_employee_db_id), baseline: l.baseline }));
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

    /** Links whose baseline holds a keyed hash made under another key than `currentKeyId` (for `keys rotate`). */
    async withHashesNotUnder(currentKeyId: string): Promise<Array<{ connectionId: number; employeeNumber: string; baseline: FieldBaseline }>> {
      const rows: Array<{ connection_id: number; employee_number: string; baseline: FieldBaseline }> = await db('employee_links')
        .whereRaw("EXISTS (SELECT 1 FROM jsonb_each_text(baseline) AS f WHERE f.value LIKE 'hmac:%' AND f.value NOT LIKE ?)", [`hmac:${currentKeyId}:%`])
        .orderBy(['connection_id', 'employee_number'])
        .forUpdate()
        .select('connection_id', 'employee_number', 'baseline');
      return rows.map((r) => ({ connectionId: r.connection_id, employeeNumber: r.employee_number, baseline: r.baseline }));
    },

    async setBaseline(connectionId: number, employeeNumber: string, baseline: FieldBaseline): Promise<void> {
      await db('employee_links')
        .where({ connection_id: connectionId, employee_number: employeeNumber })
        .update({ baseline: JSON.stringify(baseline) });
    },

    /** Stores links with their last-synced values (a finished run's people who are now in step). */
    async upsert(links: ReadonlyArray<NewLink>): Promise<void> {
      for (let i = 0; i < links.length; i += 500) {
        await db('employee_links')
          .insert(links.slice(i, i + 500).map((l) => ({ ...l, baseline: JSON.stringify(l.baseline), synced_at: new Date() })))
          .onConflict(['connection_id', 'employee_number'])
          .merge(['xledger_employee_db_id', 'xledger_contact_db_id', 'xledger_subledger_db_id', 'baseline', 'last_run_id', 'synced_at']);
      }
    },

    /** Links people just created in HR from Xledger to their Xledger employee (their values are synced at run end). */
    async linkCreatedInHr(connectionId: number, runId: string, created: ReadonlyArray<{ employeeNumber: string; xledgerDbId: number }>): Promise<void> {
      if (created.length === 0) return;
      await db('employee_links')
        .insert(
          created.map((c) => ({ connection_id: connectionId, employee_number: c.employeeNumber, xledger_employee_db_id: c.xledgerDbId, last_run_id: runId })),
        )
        .onConflict(['connection_id', 'employee_number'])
        .merge(['xledger_employee_db_id', 'last_run_id']);
    },
  };
}

export interface NewLink {
  connection_id: number;
  employee_number: string;
  xledger_employee_db_id: number;
  xledger_contact_db_id: number | null;
  xledger_subledger_db_id: number | null;
  baseline: FieldBaseline;
  last_run_id: string;
}
