import { WorkflowNotFoundError } from '@temporalio/client';
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
