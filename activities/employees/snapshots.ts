import { activityInfo, heartbeat } from '@temporalio/activity';
import { osloToday } from '../../config/oslo-date';
import { validateHrEmployee } from '../../domain/index';
import { createHrStore } from '../../hr/hr-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { createSnapshotsStore } from '../../db/runs/snapshots-store';
import { MAX_PAGE_SIZE } from '../../xledger/index';
import type { ActivityDeps } from '../deps';
import { withXledgerFailures } from '../shared/xledger-failure';
import { requiredFieldsOf } from './connection-policy';
import { keepAlive } from '../shared/heartbeat';
import { toEmployeeSnapshot } from './xledger-employee-snapshot';

/** Xledger pages as large as it allows: the fewest requests (each one is metered). */
const XLEDGER_PAGE_SIZE = MAX_PAGE_SIZE;

export function createSnapshotActivities(deps: ActivityDeps) {
  const runs = createRunsStore(deps.db);
  const snapshots = createSnapshotsStore(deps.db);
  const hr = createHrStore(deps.db);

  return {
    /**
     * Stages every HR employee in the connection's scope, validated (a bad row is staged with its issues, so the plan
     * reports it). The day it validates with becomes the run's day. Runs alongside the much slower Xledger read.
     */
    async snapshotHr({ runId, connectionName, today }: { runId: string; connectionName: string; today?: string }): Promise<{ count: number }> {
      const connection = await deps.connections.get(connectionName);
      const options = { requiredFields: requiredFieldsOf(connection.settings.employees), today: today ?? osloToday() };
      async function* pages() {
        for await (const page of hr.pagesInScope(connection.settings.employees.scope)) {
          heartbeat();
          yield page.map((row) => ({ key: row.employeeNumber, data: validateHrEmployee(row, options) }));
        }
      }
      const count = await keepAlive(() => snapshots.replaceSnapshot(runId, 'hr', pages()));
      await runs.setRunDay(runId, options.today);
      return { count };
    },

    /** Stages the owner entity's Xledger employees (with contact and subledger), page by page. */
    async snapshotXledger({ runId, connectionName }: { runId: string; connectionName: string }): Promise<{ count: number; pages: number }> {
      const connection = await deps.connections.get(connectionName);
      const client = deps.xledgerClient(connection, await deps.connections.revealToken(connectionName));
      let pageCount = 0;
      async function* pages() {
        for await (const page of client.employees.pages({ pageSize: XLEDGER_PAGE_SIZE, filter: { ownerDbId: connection.ownerEntityId } })) {
          pageCount = page.pageNumber;
          heartbeat({ page: page.pageNumber });
          yield page.nodes.map((node) => ({ key: String(node.dbId), data: toEmployeeSnapshot(node) }));
        }
      }
      const count = await withXledgerFailures(activityInfo().attempt, () => keepAlive(() => snapshots.replaceSnapshot(runId, 'xledger', pages())));
      return { count, pages: pageCount };
    },
  };
}
