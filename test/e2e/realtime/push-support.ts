import { WorkflowNotFoundError } from '@temporalio/client';
import { OutboxRelay } from '../../../realtime/outbox-relay';
import { realtimeWorkflowId } from '../../../workflows/realtime/employee-realtime';
import { CONNECTION, type SyncHarness } from '../../support/sync-harness';

/**
 * Ends the connection's push workflow, which otherwise runs on forever: test files share a namespace and the
 * connection name, so the next file's relay would signal a workflow whose worker (and task queue) is gone.
 */
export async function endPushWorkflow(h: SyncHarness | undefined): Promise<void> {
  if (!h) return;
  await h.temporal.client.workflow
    .getHandle(realtimeWorkflowId(CONNECTION))
    .terminate('test finished')
    .catch((err: unknown) => {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    });
}

/** A started relay on the harness's database, Temporal and connections; by default it never polls on its timer. */
export async function startTestRelay(h: SyncHarness, pollMs = 600_000): Promise<OutboxRelay> {
  const relay = new OutboxRelay({
    db: h.t.db,
    databaseUrl: h.t.url,
    temporal: h.temporal.client,
    taskQueue: h.temporal.taskQueue,
    connections: h.deps.connections,
    pollMs,
  });
  await relay.start();
  return relay;
}
