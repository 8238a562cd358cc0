import { activityInfo } from '@temporalio/activity';
import { beat } from '../shared/heartbeat';
import { osloToday } from '../../config/oslo-date';
import { createHistoryStore } from '../../db/employees/history-store';
import { createLinksStore } from '../../db/employees/links-store';
import { createOutboxStore, type PendingChange } from '../../db/realtime/outbox-store';
import { createItemsStore } from '../../db/runs/items-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { createSnapshotsStore } from '../../db/runs/snapshots-store';
import { chunk } from '../../domain/shared/collections';
import { validateHrEmployee } from '../../domain/index';
import { NOT_WRITTEN, settlePushedChanges, type PushedPerson } from '../../domain/realtime/push-settlement';
import { createHrStore } from '../../hr/hr-store';
import { MAX_PAGE_SIZE } from '../../xledger/index';
import type { ActivityDeps } from '../deps';
import { requiredFieldsOf } from '../employees/connection-policy';
import type { EmployeeItemRow } from '../employees/item-types';
import { noteRow } from '../employees/history';
import { toEmployeeSnapshot } from '../employees/xledger-employee-snapshot';
import { withXledgerFailures } from '../shared/xledger-failure';
import { HELD_NOTE_PREFIX } from './held-for-push';
import { createPlanningActivities } from '../employees/planning';
import { createRunLifecycleActivities } from '../employees/run-lifecycle';
import type { RunStatus } from '../../domain/shared/run-types';
import type { ApplyBatches, PlanSummary, RunCounts } from '../../workflows/employees/types';
import { EMPLOYEES_KIND } from '../employees/run-lifecycle';
import { activityTemporalClient } from '../shared/run-claim';
import { temporalRunState } from '../../temporal/run-state';

/** Ids per Xledger filter (`dbId_in`, `code_in`): one page holds them all. */
const IDS_PER_READ = 500;

export function createPushActivities(deps: ActivityDeps) {
  const planning = createPlanningActivities(deps);
  const lifecycle = createRunLifecycleActivities(deps);
  const runs = createRunsStore(deps.db);
  const snapshots = createSnapshotsStore(deps.db);
  const hr = createHrStore(deps.db);
  const links = createLinksStore(deps.db);
  const outbox = createOutboxStore(deps.db);
  const items = createItemsStore<EmployeeItemRow>(deps.db);

  const push = {
    /**
     * The employee run of this connection that is open now, if any: a push waits for it to end rather than start a
     * run that would be refused. A lock whose run Temporal has already closed does not count (the push's claim
     * releases it).
     */
    async openEmployeeRun({ connectionName }: { connectionName: string }): Promise<string | null> {
      const connection = await deps.connections.get(connectionName);
      const open = await runs.openRun(connection.id, EMPLOYEES_KIND);
      if (!open) return null;
      return (await temporalRunState(activityTemporalClient(), open.id)).open ? open.id : null;
    },

    /** The outbox ids of these that still wait (a change handed over twice is pushed once). */
    async pendingChanges({ connectionName, outboxIds }: { connectionName: string; outboxIds: number[] }): Promise<number[]> {
      const connection = await deps.connections.get(connectionName);
      return [...(await outbox.stillPending(connection.id, outboxIds))];
    },

    /**
     * Stages the changed people only: their HR rows (in the connection's scope), validated, and their Xledger
     * employees — by the linked dbId, and by employee number as code for people not linked yet. One or two reads.
     */
    async snapshotPush(args: { runId: string; connectionName: string; employeeNumbers: string[] }): Promise<{ hr: number; xledger: number; requests: number }> {
      const connection = await deps.connections.get(args.connectionName);
      const settings = connection.settings.employees;
      const today = osloToday();
      const options = { requiredFields: requiredFieldsOf(settings), today };
      const scoped = settings.scope.employeeNumbers?.length
        ? args.employeeNumbers.filter((n) => settings.scope.employeeNumbers!.includes(n))
        : args.employeeNumbers;
      async function* hrPages() {
        if (scoped.length === 0) return;
        for await (const page of hr.pagesInScope({ ...settings.scope, employeeNumbers: scoped })) {
          yield page.map((row) => ({ key: row.employeeNumber, data: validateHrEmployee(row, options) }));
        }
      }
      const hrCount = await snapshots.replaceSnapshot(args.runId, 'hr', hrPages());
      await runs.setRunDay(args.runId, today);

      const linked = await links.byEmployee(connection.id, scoped);
      const unlinked = scoped.filter((n) => !linked.has(n));
      const client = deps.xledgerClient(connection, await deps.connections.revealToken(args.connectionName));
      let requests = 0;
      async function* xledgerPages() {
        const reads = [
          ...chunk(
            [...linked.values()].map((l) => l.dbId),
            IDS_PER_READ,
          ).map((dbId_in) => ({ dbId_in })),
          ...chunk(unlinked, IDS_PER_READ).map((code_in) => ({ code_in })),
        ];
        for (const filter of reads) {
          for await (const page of client.employees.pages({ pageSize: MAX_PAGE_SIZE, filter: { ownerDbId: connection.ownerEntityId, ...filter } })) {
            requests += 1;
            beat();
            yield page.nodes.map((node) => ({ key: String(node.dbId), data: toEmployeeSnapshot(node) }));
          }
        }
      }
      const xledgerCount = await withXledgerFailures(activityInfo().attempt, () => snapshots.replaceSnapshot(args.runId, 'xledger', xledgerPages()));
      return { hr: hrCount, xledger: xledgerCount, requests };
    },

    /**
     * Settles the changes a push run was given — done, or held with the reason — and records held fields in the
     * people's history. Runs after the writes and before finishRun (which strips the plans it reads).
     */
    async settlePush({
      runId,
      connectionName,
      changes,
    }: {
      runId: string;
      connectionName: string;
      changes: PendingChange[];
    }): Promise<{ done: number; held: number; notWritten: number }> {
      const connection = await deps.connections.get(connectionName);
      const rows = await items.readItems(runId);
      const people: PushedPerson[] = rows.map((item) => ({
        employeeNumber: item.item_key,
        classification: item.plan.classification,
        writeMissing: item.xledger_write !== null && item.xledger_done_at === null,
        failure:
          item.outcome === 'failed' ? (item.outcome_detail ?? 'failed') : item.plan.issues.length > 0 ? item.plan.issues.map((i) => i.reason).join('; ') : null,
        heldReasons: [
          ...item.plan.notes.filter((n) => n.startsWith(HELD_NOTE_PREFIX)).map((n) => n.slice(HELD_NOTE_PREFIX.length)),
          ...item.plan.kept.filter((k) => k.reason.startsWith(HELD_NOTE_PREFIX)).map((k) => k.reason.slice(HELD_NOTE_PREFIX.length)),
        ],
      }));
      const settlements = settlePushedChanges(changes, people);
      const history = rows.flatMap((item) =>
        item.plan.kept
          .filter((k) => k.reason.startsWith(HELD_NOTE_PREFIX))
          .map((k) => noteRow({ connection_id: connection.id, run_id: runId, employee_number: item.item_key }, 'held', k.reason, k.field)),
      );
      await deps.db.transaction(async (trx) => {
        await outbox.settle(connection.id, runId, settlements, trx);
        await createHistoryStore(trx).insert(history);
      });
      return {
        done: settlements.filter((s) => s.status === 'done').length,
        held: settlements.filter((s) => s.status === 'held').length,
        notWritten: settlements.filter((s) => s.reason.startsWith(NOT_WRITTEN)).length,
      };
    },
  };

  return {
    ...push,

    /**
     * Everything a push does before it writes, in one activity (each activity costs a round trip through Temporal,
     * and a push is measured in milliseconds): stage the changed people, plan them as a push, number the writes.
     * `requests`: the Xledger reads it made (the push workflow spaces pushes by the requests they make).
     */
    async preparePush(args: {
      runId: string;
      connectionName: string;
      employeeNumbers: string[];
    }): Promise<{ plan?: PlanSummary; batches: ApplyBatches; requests: number }> {
      // Run again after a crash (as a local activity, a small push runs every step again: none was recorded), what was
      // done stands. A finished run writes nothing more. A planned run keeps its plan, made before any write, and its
      // write batches resume where they stopped: planned again, it would compare HR with what it had written itself
      // and hold that back as changed in Xledger, leaving Xledger behind.
      const run = await runs.getRun(args.runId);
      if (run?.finished_at) return { batches: { xledgerCreateBatches: 0, xledgerUpdateBatches: 0, hrBatches: 0 }, requests: 0 };
      const prepared = await runs.preparedBatches<ApplyBatches>(args.runId);
      if (prepared) return { batches: prepared, requests: 0 };
      const { requests } = await push.snapshotPush(args);
      const plan = await planning.planRun({ runId: args.runId, connectionName: args.connectionName, push: true });
      const batches = await planning.prepareApply({ runId: args.runId, connectionName: args.connectionName });
      return { plan, batches, requests };
    },

    /**
     * After the writes: every change settled (done or held), then the run finished as any run is (outcomes, links,
     * history, the lock released). Each step is idempotent, so a retry after a crash between them is safe.
     */
    async concludePush(args: {
      runId: string;
      connectionName: string;
      changes: PendingChange[];
    }): Promise<{ status: RunStatus; counts: RunCounts; done: number; held: number; notWritten: number }> {
      const status = await lifecycle.runOutcome({ runId: args.runId });
      const settled = (await runs.getRun(args.runId))?.finished_at ? { done: 0, held: 0, notWritten: 0 } : await push.settlePush(args);
      const counts = await lifecycle.finishRun({ runId: args.runId, status });
      return { status, counts, ...settled };
    },
  };
}
