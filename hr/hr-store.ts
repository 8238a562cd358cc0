import type { Knex } from 'knex';
import type { HrEmployee } from '../domain/index';
import type { HrStoreRecord } from './columns';
import { countByStatus, getEmployee, keysMatching, pageInScope, type HrPage, type HrScope } from './read';
import { applyPatches, createEmployees, upsertEmployees, type HrStorePatch, type UpsertResult } from './write';

export type { HrStorePosition, HrStoreRecord, HrPatchField } from './columns';
export type { HrPage, HrScope } from './read';
export { HrStoreError, type HrStorePatch, type UpsertResult } from './write';

/**
 * The HR store (hr_employees + hr_positions). Reads return raw rows in the domain's input shape,
 * because a sync run validates them itself and reports what an HR product stored wrongly.
 */
export function createHrStore(db: Knex) {
  return {
    upsertEmployees: (employees: readonly HrEmployee[], options: { trx?: Knex.Transaction } = {}): Promise<UpsertResult> =>
      upsertEmployees(db, employees, options.trx),

    /**
     * One row exactly as an HR product may write it straight into the table, without this store's checks (the demo
     * shows how a run reports such a row). Columns are the table's (see docs/hr-import.md).
     */
    async insertUnchecked(row: Record<string, string | null>): Promise<void> {
      await db('hr_employees').insert(row).onConflict('employee_number').merge();
    },

    /** Every employee in scope, ordered by employee number. For large stores prefer `pagesInScope`. */
    async listInScope(scope: HrScope = {}): Promise<HrStoreRecord[]> {
      const all: HrStoreRecord[] = [];
      for await (const page of pagesInScope(db, scope)) all.push(...page);
      return all;
    },

    pageInScope: (scope: HrScope, options: { after?: string | null; limit?: number } = {}): Promise<HrPage> => pageInScope(db, scope, options),

    /** Keyset-paged reading (by employee number), one array per page. */
    pagesInScope: (scope: HrScope = {}, options: { pageSize?: number } = {}): AsyncIterable<HrStoreRecord[]> => pagesInScope(db, scope, options.pageSize),

    /** Employee numbers and work emails of everyone in scope (an incremental run's change set is closed over them). */
    keysMatching: (scope: HrScope, o: { numbers: readonly string[]; emails: readonly string[] }) => keysMatching(db, scope, o),

    getEmployee: (employeeNumber: string) => getEmployee(db, employeeNumber),

    applyPatches: (patches: readonly HrStorePatch[], trx?: Knex.Transaction) => applyPatches(db, patches, trx),

    createEmployees: (employees: readonly HrEmployee[], trx?: Knex.Transaction) => createEmployees(db, employees, trx),

    countByStatus: () => countByStatus(db),
  };
}

async function* pagesInScope(db: Knex, scope: HrScope, pageSize = 1000): AsyncGenerator<HrStoreRecord[]> {
  let after: string | null = null;
  do {
    const page: HrPage = await pageInScope(db, scope, { after, limit: pageSize });
    if (page.rows.length > 0) yield page.rows;
    after = page.next;
  } while (after !== null);
}

export type HrStore = ReturnType<typeof createHrStore>;
