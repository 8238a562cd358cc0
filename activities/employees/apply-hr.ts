import type { Knex } from 'knex';
import { hrPatchChanges, type HrEmployeeCreate, type HrEmployeePatch } from '../../domain/index';
import { createHrStore } from '../../hr/hr-store';
import { createHistoryStore, type HistoryRow } from '../../db/employees/history-store';
import { createLinksStore } from '../../db/employees/links-store';
import { createItemsStore } from '../../db/runs/items-store';
import type { EmployeeItemRow as ItemRow } from './item-types';
import { isRefusedRow } from '../shared/postgres-errors';
import { maskIdentifiers } from '../../mail/index';
import type { BatchResult } from '../../workflows/employees/types';
import type { ActivityDeps } from '../deps';
import { changeRows, createdRow, noteRow } from './history';

export function createApplyHrActivities(deps: ActivityDeps) {
  const runs = createItemsStore<ItemRow>(deps.db);
  const hr = createHrStore(deps.db);

  /** Writes the items' HR patches and creations plus their history and links, all or nothing. */
  async function writeItems(trx: Knex.Transaction, runId: string, connectionId: number, items: readonly ItemRow[]): Promise<HistoryRow[]> {
    const history: HistoryRow[] = [];
    const patches: Array<{ employeeNumber: string; set: HrEmployeePatch['fields'] }> = [];
    const creates: HrEmployeeCreate[] = [];
    for (const item of items) {
      const write = item.hr_write!;
      if (write.kind === 'patch') {
        patches.push({ employeeNumber: write.patch.employeeNumber, set: write.patch.fields });
        history.push(
          ...changeRows(
            { connection_id: connectionId, run_id: runId, employee_number: write.patch.employeeNumber },
            'updated',
            hrPatchChanges(write.patch, item.plan.values.hr),
          ),
        );
      } else {
        creates.push(write.create);
        history.push(
          createdRow(
            { connection_id: connectionId, run_id: runId, employee_number: write.create.employee.employeeNumber },
            item.plan.values.xledger ?? null,
            'to-hr',
            'Created in HR from Xledger',
          ),
        );
      }
    }
    if (patches.length) await hr.applyPatches(patches, trx);
    if (creates.length) {
      await hr.createEmployees(
        creates.map((c) => c.employee),
        trx,
      );
      await createLinksStore(trx).linkCreatedInHr(
        connectionId,
        runId,
        creates.map((c) => ({ employeeNumber: c.employee.employeeNumber, xledgerDbId: c.xledgerDbId })),
      );
    }
    const results = items.map((item) => {
      const write = item.hr_write!;
      return write.kind === 'create'
        ? { seq: item.seq, outcome: 'created' as const, detail: 'created in HR', xledgerDbId: write.create.xledgerDbId }
        : { seq: item.seq, outcome: 'updated' as const, detail: `${Object.keys(write.patch.fields).length} field(s) in HR` };
    });
    await createItemsStore(trx).markApplied(runId, 'hr', results, trx);
    return history;
  }

  return {
    /**
     * Writes one batch of Xledger → HR decisions to the HR store in one transaction. If the HR store refuses the batch
     * (a constraint or a value it cannot store), each employee is retried alone so one bad row is reported as failed
     * and the others still land. Any other error (the database is unreachable, a deadlock, a restart) fails the
     * activity, which Temporal retries: a passing fault never becomes a per-employee failure.
     */
    async applyHrWrites({ runId, connectionName, batch }: { runId: string; connectionName: string; batch: number }): Promise<BatchResult> {
      const items = await runs.hrBatch(runId, batch);
      if (items.length === 0) return { created: 0, updated: 0, failed: 0, requests: 0 };
      const connection = await deps.connections.get(connectionName);
      const count = (list: readonly ItemRow[]) => ({
        created: list.filter((i) => i.hr_write?.kind === 'create').length,
        updated: list.filter((i) => i.hr_write?.kind === 'patch').length,
      });
      try {
        await deps.db.transaction(async (trx) => createHistoryStore(trx).insert(await writeItems(trx, runId, connection.id, items)));
        return { ...count(items), failed: 0, requests: 0 };
      } catch (batchErr) {
        if (!isRefusedRow(batchErr)) throw batchErr;
        const ok: ItemRow[] = [];
        let failed = 0;
        for (const item of items) {
          try {
            await deps.db.transaction(async (trx) => createHistoryStore(trx).insert(await writeItems(trx, runId, connection.id, [item])));
            ok.push(item);
          } catch (err) {
            if (!isRefusedRow(err)) throw err;
            failed += 1;
            const reason = maskIdentifiers((err as Error).message.split('\n')[0]);
            await deps.db.transaction(async (trx) => {
              await createItemsStore(trx).markApplied(
                runId,
                'hr',
                [{ seq: item.seq, outcome: 'failed', detail: `HR store refused the write: ${reason}` }],
                trx,
              );
              await createHistoryStore(trx).insert([
                noteRow({ connection_id: connection.id, run_id: runId, employee_number: item.item_key }, 'failed', `HR store refused the write: ${reason}`),
              ]);
            });
          }
        }
        return { ...count(ok), failed, requests: 0 };
      }
    },
  };
}
