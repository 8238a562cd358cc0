import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { createRunsStore } from '../../db/runs/runs-store';
import type { CliContext } from '../context';
import { NotFoundError, RefusedError, UsageError } from '../io';

/** An update refused because the run has ended (Temporal's wording differs by version). */
export function isFinishedRunError(err: unknown): boolean {
  if (!(err instanceof WorkflowUpdateFailedError)) return false;
  const why = (err.cause as Error | undefined)?.message ?? err.message;
  return /Update is not accepted|workflow execution already completed/i.test(why);
}

/** "run R is finished (OK)": the run's own recorded status, else Temporal's (exit 1: refused in this state). */
export async function finishedRunError(ctx: CliContext, handle: WorkflowHandle, runId: string): Promise<RefusedError> {
  const row = await createRunsStore(ctx.database())
    .getRun(runId)
    .catch(() => undefined);
  const status = row?.finished_at ? row.status : (await handle.describe()).status.name;
  return new RefusedError(`run ${runId} is finished (${status})`);
}

/**
 * An update or signal that failed, for the admin: a run that has ended says so with its status (Temporal answers an
 * update to a closed workflow with "not found"), anything else as runError says it.
 */
export async function actionOnRunError(ctx: CliContext, handle: WorkflowHandle, runId: string, err: unknown): Promise<Error> {
  if (isFinishedRunError(err)) return finishedRunError(ctx, handle, runId);
  if (err instanceof WorkflowNotFoundError) {
    const closed = await handle.describe().then(
      (d) => d.status.name !== 'RUNNING',
      () => false,
    );
    if (closed) return finishedRunError(ctx, handle, runId);
  }
  return runError(err);
}

/** A Temporal client error about a run, in one line for the admin. */
export function runError(err: unknown): Error {
  if (err instanceof WorkflowUpdateFailedError) {
    const why = (err.cause as Error | undefined)?.message ?? err.message;
    return isFinishedRunError(err) ? new RefusedError('the run is finished: it takes no more decisions') : new UsageError(`decision rejected: ${why}`);
  }
  if (err instanceof WorkflowNotFoundError) return new NotFoundError(`no such run: ${err.workflowId}`);
  return err as Error;
}
