import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { realtimeWorkflowId } from '../workflows/realtime/employee-realtime';

/**
 * Terminates a connection's real-time push workflow (`employees-realtime.<connection>`), which otherwise never ends:
 * `connections remove` calls it once the connection is gone, so the relay no longer hands it changes. Terminated, not
 * cancelled: it holds nothing to clean up (its queue is outbox ids, and the outbox is the truth). Returns whether one
 * was running.
 */
export async function endPushWorkflow(client: Client, connectionName: string, reason: string): Promise<boolean> {
  const handle = client.workflow.getHandle(realtimeWorkflowId(connectionName));
  try {
    await handle.terminate(reason);
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false; // never started, or closed already
    throw err;
  }
}
