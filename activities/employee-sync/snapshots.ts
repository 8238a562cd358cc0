import { activityInfo, heartbeat } from '@temporalio/activity';
import { createHrStore } from '../../db/hr-store';
import { createRunStore } from '../../db/run-store';
import { MAX_PAGE_SIZE } from '../../xledger';
import type { ActivityDeps } from '../deps';
import { withXledgerFailures } from './activity-failure';
import { keepAlive } from './keep-alive';
import { toEmployeeSnapshot } from './xledger-employee-snapshot';

/** Xledger pages as large as it allows: the fewest requests (each one is metered). */
const XLEDGER_PAGE_SIZE = MAX_PAGE_SIZE;

export function createSnapshotActivities(deps: ActivityDeps) {
  const runs = createRunStore(deps.db);
  const hr = createHrStore(deps.db);

  return {
    /** Stages every HR employee in the connection's scope, raw, so the plan validates them and reports bad rows. */
    async snapshotHr({ runId, connectionName }: { runId: string; connectionName: string }): Promise<{ count: number }> {
      const connection = await deps.connections.get(connectionName);
      async function* pages() {
        for await (const page of hr.pagesInScope(connection.settings.scope)) {
          heartbeat();
          yield page.map((row) => ({ key: row.employeeNumber, data: row }));
        }
      }
      return { count: await keepAlive(() => runs.replaceSnapshot(runId, 'hr', pages())) };
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
      const count = await withXledgerFailures(activityInfo().attempt, () => keepAlive(() => runs.replaceSnapshot(runId, 'xledger', pages())));
      return { count, pages: pageCount };
    },
  };
}
