import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { UsageError } from '../io';

/** A Temporal client error about a run, in one line for the admin. */
export function runError(err: unknown): Error {
  if (err instanceof WorkflowUpdateFailedError) {
    const why = (err.cause as Error | undefined)?.message ?? err.message;
    return new UsageError(
      /Update is not accepted|workflow execution already completed/i.test(why)
        ? 'the run is finished: it takes no more decisions'
        : `decision rejected: ${why}`,
    );
  }
  if (err instanceof WorkflowNotFoundError) return new UsageError(`no such run: ${err.workflowId}`);
  return err as Error;
}
