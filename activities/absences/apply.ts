import { activityInfo } from '@temporalio/activity';
import { createAbsenceLinksStore, type NewAbsenceLink } from '../../db/absences/links-store';
import { createHistoryStore, type HistoryRow } from '../../db/employees/history-store';
import { createItemsStore, type AppliedResult } from '../../db/runs/items-store';
import type { Connection } from '../../db/connections-store';
import { matchKey } from '../../domain/absences/plan';
import { addAbsenceNode, updateAbsenceNode, type AbsenceCreate, type AbsenceRemove, type AbsenceUpdate } from '../../domain/absences/writes';
import { maskIdentifiers } from '../../mail/index';
import { createAbsenceApi, type AbsenceApi } from '../../xledger/client/absences';
import type { UpdateAbsenceNode } from '../../xledger/index';
import type { ActivityDeps } from '../deps';
import { keepAlive } from '../shared/heartbeat';
import { writeIsolated } from '../shared/write-isolated';
import { withXledgerFailures } from '../shared/xledger-failure';
import { absenceNoteRow, createdAbsenceRow, removedAbsenceRow, updatedAbsenceRows } from './history';
import type { AbsenceBatchItem, AbsenceItemRow } from './item-types';

interface BatchArgs {
  runId: string;
  connectionName: string;
  batch: number;
}

export interface AbsenceBatchResult {
  written: number;
  failed: number;
  requests: number;
}

const NONE: AbsenceBatchResult = { written: 0, failed: 0, requests: 0 };

/**
 * On a retried create batch, the absences an earlier attempt already created (the write reached Xledger, the answer
 * or the commit did not): found by employee, leave code and start date among the batch's dates, leaving out
 * absences the sync has linked to other HR absences. One read (pages of 10,000).
 */
async function alreadyCreated(
  api: AbsenceApi,
  connection: Connection,
  deps: ActivityDeps,
  runId: string,
  creates: readonly AbsenceCreate[],
): Promise<Map<string, number>> {
  const dates = creates.map((c) => c.values.fromDate).sort();
  const found = await api.startingIn({ from: dates[0]!, to: dates.at(-1)! });
  const linked = new Set(
    (await createAbsenceLinksStore(deps.db).inPeriod(connection.id, { from: dates[0]!, to: dates.at(-1)! }, [])).map((l) => l.xledgerDbId),
  );
  // Absences this run matched to other HR absences are theirs, even before their links are stored.
  for (const item of await createItemsStore<AbsenceItemRow>(deps.db).readItems(runId)) if (item.plan.xledgerDbId) linked.add(item.plan.xledgerDbId);
  const free = new Map<string, number[]>();
  for (const x of found) {
    if (x.employeeDbId === null || linked.has(x.dbId)) continue;
    const key = matchKey(x.employeeDbId, x.values.code, x.values.fromDate);
    free.set(key, [...(free.get(key) ?? []), x.dbId]);
  }
  const out = new Map<string, number>();
  for (const c of creates) {
    const dbId = free.get(matchKey(c.employeeDbId, c.values.code, c.values.fromDate))?.shift();
    if (dbId !== undefined) out.set(c.absenceId, dbId);
  }
  return out;
}

export function createAbsenceApplyActivities(deps: ActivityDeps) {
  const items = createItemsStore<AbsenceItemRow>(deps.db);

  async function apiFor(connectionName: string) {
    const connection = await deps.connections.get(connectionName);
    const client = deps.xledgerClient(connection, await deps.connections.revealToken(connectionName));
    return { connection, api: createAbsenceApi(client, connection.ownerEntityId) };
  }

  /** Marks the batch's items, stores links and history, in one transaction: a retry after it finds nothing left to write. */
  async function record(runId: string, connectionId: number, results: AppliedResult[], links: NewAbsenceLink[], unlinked: string[], history: HistoryRow[]) {
    await deps.db.transaction(async (trx) => {
      await createItemsStore(trx).markApplied(runId, 'xledger', results, trx);
      await createAbsenceLinksStore(trx).upsert(connectionId, links);
      await createAbsenceLinksStore(trx).remove(connectionId, unlinked);
      await createHistoryStore(trx).insert(history);
    });
  }

  const base = (connectionId: number, runId: string, w: { employeeNumber: string; absenceId: string }) => ({
    connection_id: connectionId,
    run_id: runId,
    employee_number: w.employeeNumber,
    absenceId: w.absenceId,
  });

  return {
    /**
     * Creates one batch of absences with one addAbsences request. A retried attempt first looks the batch up by
     * employee, leave code and start date, so an absence created before a crash or a lost answer is never created twice.
     */
    async applyAbsenceCreates({ runId, connectionName, batch }: BatchArgs): Promise<AbsenceBatchResult> {
      const batchItems = await items.xledgerBatch(runId, 'create', batch);
      if (batchItems.length === 0) return NONE;
      const { connection, api } = await apiFor(connectionName);
      const attempt = activityInfo().attempt;
      const createOf = (i: AbsenceBatchItem) => (i.xledger_write as { create: AbsenceCreate }).create;
      return withXledgerFailures(attempt, () =>
        keepAlive(async () => {
          const creates = batchItems.map(createOf);
          let requests = 0;
          const created = new Map<string, number>();
          if (attempt > 1) {
            for (const [id, dbId] of await alreadyCreated(api, connection, deps, runId, creates)) created.set(id, dbId);
            requests += 1;
          }
          const toAdd = creates.filter((c) => !created.has(c.absenceId)).map((c) => ({ clientId: c.absenceId, node: addAbsenceNode(c) }));
          const added = await writeIsolated(toAdd, (part) => api.add(part));
          requests += added.requests;
          for (const [id, node] of added.written) created.set(id, node.dbId);
          const results: AppliedResult[] = [];
          const links: NewAbsenceLink[] = [];
          const history: HistoryRow[] = [];
          for (const item of batchItems) {
            const c = createOf(item);
            const dbId = created.get(c.absenceId);
            if (dbId === undefined) {
              const reason = maskIdentifiers(added.refused.get(c.absenceId) ?? 'Xledger did not create the absence');
              history.push(absenceNoteRow(base(connection.id, runId, c), 'failed', `Not created in Xledger: ${reason}`));
              results.push({ seq: item.seq, outcome: 'failed', detail: reason });
              continue;
            }
            history.push(createdAbsenceRow(base(connection.id, runId, c), c.values, 'Created in Xledger from HR'));
            links.push({ absenceId: c.absenceId, employeeNumber: c.employeeNumber, xledgerDbId: dbId, fromDate: c.values.fromDate, lastRunId: runId });
            results.push({ seq: item.seq, outcome: 'created', detail: null, xledgerDbId: dbId });
          }
          await record(runId, connection.id, results, links, [], history);
          const failed = results.filter((r) => r.outcome === 'failed').length;
          return { written: results.length - failed, failed, requests };
        }),
      );
    },

    /** Writes one batch of changed absences with one updateAbsences request (only the changed fields; idempotent). */
    async applyAbsenceUpdates({ runId, connectionName, batch }: BatchArgs): Promise<AbsenceBatchResult> {
      const batchItems = await items.xledgerBatch(runId, 'update', batch);
      if (batchItems.length === 0) return NONE;
      const { connection, api } = await apiFor(connectionName);
      const updateOf = (i: AbsenceBatchItem) => (i.xledger_write as { update: AbsenceUpdate }).update;
      return withXledgerFailures(activityInfo().attempt, () =>
        keepAlive(async () => {
          const inputs = batchItems.map((i) => ({ clientId: updateOf(i).absenceId, node: updateAbsenceNode(updateOf(i)) as unknown as UpdateAbsenceNode }));
          const sent = await writeIsolated(inputs, (part) => api.update(part));
          const results: AppliedResult[] = [];
          const links: NewAbsenceLink[] = [];
          const history: HistoryRow[] = [];
          for (const item of batchItems) {
            const u = updateOf(item);
            const refused = sent.refused.get(u.absenceId);
            if (refused !== undefined) {
              const reason = maskIdentifiers(refused);
              history.push(absenceNoteRow(base(connection.id, runId, u), 'failed', `Xledger refused the update: ${reason}`));
              results.push({ seq: item.seq, outcome: 'failed', detail: reason });
              continue;
            }
            history.push(...updatedAbsenceRows(base(connection.id, runId, u), u.changes));
            links.push({ absenceId: u.absenceId, employeeNumber: u.employeeNumber, xledgerDbId: u.dbId, fromDate: u.values.fromDate, lastRunId: runId });
            results.push({
              seq: item.seq,
              outcome: 'updated',
              detail: `${u.changes.length} field(s): ${u.changes.map((c) => c.field).join(', ')}`,
              xledgerDbId: u.dbId,
            });
          }
          await record(runId, connection.id, results, links, [], history);
          const failed = results.filter((r) => r.outcome === 'failed').length;
          return { written: results.length - failed, failed, requests: sent.requests };
        }),
      );
    },

    /** Removes one batch of absences HR cancelled or deleted (one removeAbsences request); one already gone counts as removed. */
    async applyAbsenceRemoves({ runId, connectionName, batch }: BatchArgs): Promise<AbsenceBatchResult> {
      const batchItems = await items.xledgerBatch(runId, 'remove', batch);
      if (batchItems.length === 0) return NONE;
      const { connection, api } = await apiFor(connectionName);
      const removeOf = (i: AbsenceBatchItem) => (i.xledger_write as { remove: AbsenceRemove }).remove;
      return withXledgerFailures(activityInfo().attempt, () =>
        keepAlive(async () => {
          const removes = batchItems.map(removeOf);
          const result = await api.remove(removes.map((r) => r.dbId));
          const gone = new Set(result.skippedDbIds);
          const history: HistoryRow[] = [];
          const results: AppliedResult[] = batchItems.map((item) => {
            const r = removeOf(item);
            const detail = gone.has(r.dbId) ? 'cancelled in HR; already gone from Xledger' : 'cancelled or deleted in HR: removed from Xledger';
            history.push(removedAbsenceRow(base(connection.id, runId, r), r.current, detail));
            return { seq: item.seq, outcome: 'removed', detail };
          });
          await record(
            runId,
            connection.id,
            results,
            [],
            removes.map((r) => r.absenceId),
            history,
          );
          return { written: results.length, failed: 0, requests: 1 };
        }),
      );
    },
  };
}
