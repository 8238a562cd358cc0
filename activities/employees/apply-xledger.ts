import { activityInfo } from '@temporalio/activity';
import { buildAddEmployeeInputs, buildXledgerUpdateInputs, type XledgerEmployeeCreate, type XledgerEmployeeUpdate } from '../../domain/index';
import type { Connection } from '../../db/connections-store';
import { createHistoryStore, type HistoryRow } from '../../db/employees/history-store';
import { createItemsStore } from '../../db/runs/items-store';
import { groupBy } from '../../domain/shared/collections';
import type { EmployeeBatchItem as BatchItem, EmployeeItemRow } from './item-types';
import type { Employee, XledgerClient } from '../../xledger/index';
import type { BatchResult } from '../../workflows/employees/types';
import type { ActivityDeps } from '../deps';
import { withXledgerFailures } from '../shared/xledger-failure';
import { keepAlive } from '../shared/heartbeat';
import { changeRows, createdRow, noteRow, skippedRows } from './history';
import { writeIsolated } from '../shared/write-isolated';
import { maskIdentifiers } from '../../mail/index';

interface BatchArgs {
  runId: string;
  connectionName: string;
  batch: number;
}

const NONE: BatchResult = { created: 0, updated: 0, failed: 0, requests: 0 };

const refsOf = (node: Employee) => ({
  dbId: node.dbId,
  code: node.code ?? null,
  contactDbId: node.contact?.dbId ?? node.contactDbId ?? null,
  subledgerDbId: node.subledger?.dbId ?? null,
});

/** Sends update inputs for employees, contacts and subledgers; returns the employees Xledger refused, with reasons. */
async function sendUpdates(client: XledgerClient, updates: readonly XledgerEmployeeUpdate[]) {
  const inputs = buildXledgerUpdateInputs(updates);
  const refused = new Map<string, string>();
  let requests = 0;
  for (const [inputsOf, write] of [
    [inputs.updateEmployees, client.employees.update],
    [inputs.updateContacts, client.contacts.update],
    [inputs.updateSubledgers, client.subledgers.update],
  ] as const) {
    // The domain builds nodes from the mapping table; the client's typed input shapes are checked by the fake's schema.
    const r = await writeIsolated(inputsOf, (part) => (write as unknown as (p: typeof part) => Promise<Array<{ clientId: string; node: unknown }>>)(part));
    requests += r.requests;
    for (const [clientId, reason] of r.refused) refused.set(clientId, refused.has(clientId) ? `${refused.get(clientId)}; ${reason}` : reason);
  }
  return { refused, skipped: inputs.skipped, requests };
}

export function createApplyXledgerActivities(deps: ActivityDeps) {
  const runs = createItemsStore<EmployeeItemRow>(deps.db);

  async function clientFor(connectionName: string): Promise<{ connection: Connection; client: XledgerClient }> {
    const connection = await deps.connections.get(connectionName);
    return { connection, client: deps.xledgerClient(connection, await deps.connections.revealToken(connectionName)) };
  }

  return {
    /**
     * Creates one batch of HR employees in Xledger with one addEmployees request. A retried attempt first looks the
     * batch's codes up, so an add that reached Xledger before a crash or a lost answer is never sent twice.
     */
    async applyXledgerCreates({ runId, connectionName, batch }: BatchArgs): Promise<BatchResult> {
      const items = await runs.xledgerBatch(runId, 'create', batch);
      if (items.length === 0) return NONE;
      const { connection, client } = await clientFor(connectionName);
      const attempt = activityInfo().attempt;
      return withXledgerFailures(attempt, () =>
        keepAlive(async () => {
          const creates = new Map(items.map((i) => [(i.xledger_write as { create: XledgerEmployeeCreate }).create.employeeNumber, i]));
          const createOf = (item: BatchItem) => (item.xledger_write as { create: XledgerEmployeeCreate }).create;
          let requests = 0;
          const created = new Map<string, Employee>();
          if (attempt > 1) {
            const found = await client.employees.all({ pageSize: 500, filter: { code_in: [...creates.keys()], ownerDbId: connection.ownerEntityId } });
            requests += 1;
            for (const node of found) if (node.code && creates.has(node.code)) created.set(node.code, node);
          }
          const toAdd = [...creates.values()].filter((i) => !created.has(createOf(i).employeeNumber)).map(createOf);
          const { addEmployees, afterCreate } = buildAddEmployeeInputs(toAdd);
          const added = await writeIsolated(addEmployees, (part) => client.employees.add(part as unknown as Parameters<typeof client.employees.add>[0]));
          requests += added.requests;
          for (const [code, node] of added.written) created.set(code, node);

          // Values addEmployees cannot carry (e.g. nationality on the contact) follow as updates of the new records.
          const follow = afterCreate.filter((a) => created.has(a.employeeNumber) && a.changes.length > 0);
          const followUp = follow.length
            ? await sendUpdates(
                client,
                follow.map((a) => ({
                  employeeNumber: a.employeeNumber,
                  xledger: refsOf(created.get(a.employeeNumber)!),
                  changes: a.changes,
                  current: createOf(creates.get(a.employeeNumber)!).values,
                })),
              )
            : { refused: new Map<string, string>(), skipped: [], requests: 0 };
          requests += followUp.requests;

          const history: HistoryRow[] = [];
          const results = items.map((item) => {
            const employeeNumber = createOf(item).employeeNumber;
            const base = { connection_id: connection.id, run_id: runId, employee_number: employeeNumber };
            const node = created.get(employeeNumber);
            if (!node) {
              const reason = maskIdentifiers(added.refused.get(employeeNumber) ?? 'Xledger did not create the employee');
              history.push(noteRow(base, 'failed', `Not created in Xledger: ${reason}`));
              return { seq: item.seq, outcome: 'failed' as const, detail: reason };
            }
            history.push(createdRow(base, createOf(item).values, 'to-xledger', 'Created in Xledger from HR'));
            const followFailed = followUp.refused.get(employeeNumber);
            if (followFailed) history.push(noteRow(base, 'failed', `Created, but a follow-up update failed: ${followFailed}`));
            return {
              seq: item.seq,
              outcome: 'created' as const,
              detail: followFailed ? `created; follow-up failed: ${maskIdentifiers(followFailed)}` : null,
              xledgerDbId: node.dbId,
            };
          });
          await deps.db.transaction(async (trx) => {
            await createItemsStore(trx).markApplied(runId, 'xledger', results, trx);
            await createHistoryStore(trx).insert(history);
          });
          const failed = results.filter((r) => r.outcome === 'failed').length;
          return { created: results.length - failed, updated: 0, failed, requests };
        }),
      );
    },

    /** Writes one batch of HR → Xledger field changes: at most one request each for employees, contacts and subledgers. */
    async applyXledgerUpdates({ runId, connectionName, batch }: BatchArgs): Promise<BatchResult> {
      const items = await runs.xledgerBatch(runId, 'update', batch);
      if (items.length === 0) return NONE;
      const { connection, client } = await clientFor(connectionName);
      return withXledgerFailures(activityInfo().attempt, () =>
        keepAlive(async () => {
          const updateOf = (item: BatchItem) => (item.xledger_write as { update: XledgerEmployeeUpdate }).update;
          const sent = await sendUpdates(client, items.map(updateOf));
          const history: HistoryRow[] = [];
          const skippedByEmployee = groupBy(sent.skipped, (s) => s.employeeNumber);
          const results = items.map((item) => {
            const update = updateOf(item);
            const base = { connection_id: connection.id, run_id: runId, employee_number: update.employeeNumber };
            history.push(...skippedRows(base, skippedByEmployee.get(update.employeeNumber) ?? []));
            const refused = sent.refused.get(update.employeeNumber);
            if (refused) {
              const reason = maskIdentifiers(refused);
              history.push(noteRow(base, 'failed', `Xledger refused the update: ${reason}`));
              return { seq: item.seq, outcome: 'failed' as const, detail: reason };
            }
            history.push(...changeRows(base, 'updated', update.changes));
            return { seq: item.seq, outcome: 'updated' as const, detail: `${update.changes.length} field(s) in Xledger` };
          });
          await deps.db.transaction(async (trx) => {
            await createItemsStore(trx).markApplied(runId, 'xledger', results, trx);
            await createHistoryStore(trx).insert(history);
          });
          const failed = results.filter((r) => r.outcome === 'failed').length;
          return { created: 0, updated: results.length - failed, failed, requests: sent.requests };
        }),
      );
    },
  };
}
