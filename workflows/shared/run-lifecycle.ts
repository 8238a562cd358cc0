import { CancellationScope, isCancellation, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { statusKey } from './search-attributes';

/** Another run of the connection and kind was open when this run started: it did nothing. */
export interface OpenRun {
  openRunId: string;
  openPhase?: string;
}

export interface RunLifecycle<S extends { refused?: OpenRun }, R> {
  /** The run's first activity: opens the run and takes the connection's one-run lock (`refused` when another holds it). */
  start(): Promise<S>;
  /** The result of a refused run. */
  refused(open: OpenRun): R;
  /** The business story of the run; ends with `finish` of its own status. */
  body(started: S): Promise<R>;
  /** Settles, records and reports the run as cancelled or failed (called in a scope a cancel cannot interrupt). */
  finish(status: 'CANCELLED' | 'FAILED'): Promise<R>;
}

/**
 * The lifecycle every run kind shares: start (refused → say so and end), then the body; a cancellation from anywhere
 * (Temporal UI, `handle.cancel()`, `xsync sync cancel`) settles and reports the run in a non-cancellable scope and then
 * ends it as cancelled; any other failure settles and reports it as FAILED, then fails the workflow.
 */
export async function runLifecycle<S extends { refused?: OpenRun }, R>(run: RunLifecycle<S, R>): Promise<R> {
  let started: S;
  try {
    started = await run.start();
  } catch (err) {
    if (isCancellation(err)) await CancellationScope.nonCancellable(() => run.finish('CANCELLED'));
    throw err;
  }
  if (started.refused) return run.refused(started.refused);
  try {
    return await run.body(started);
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => run.finish('CANCELLED'));
      throw err;
    }
    await run.finish('FAILED');
    throw err;
  }
}

/** What Temporal UI shows of a refused run: status REFUSED and the run that was open. */
export function showRefused(connectionName: string, open: OpenRun): void {
  upsertSearchAttributes([{ key: statusKey, value: 'REFUSED' }]);
  setCurrentDetails(`Refused: run ${open.openRunId} of ${connectionName} was open${open.openPhase ? ` (${open.openPhase})` : ''}`);
}
