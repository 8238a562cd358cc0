import {
  CancellationScope,
  isCancellation,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import type { RunStatus } from '../../domain/shared/run-types';
import { bookkeepingActivity, mailActivity, readActivity, writeActivity } from '../shared/activity-options';
import { statusKey } from '../shared/search-attributes';
import type { RunCounts } from '../employees/types';
import type { EmployeePushInput, EmployeePushResult } from './types';

const reading = proxyActivities<Activities>(readActivity);
const writing = proxyActivities<Activities>(writeActivity);
const bookkeeping = proxyActivities<Activities>(bookkeepingActivity);
const mailing = proxyActivities<Activities>(mailActivity);

/**
 * A small push runs its steps as local activities (patch LOCAL_PUSH_STEPS): in the worker, one after the other within
 * one workflow task, without a round trip through the task queue and back per step (about 0.1 s each on a busy
 * machine, for a push whose own work takes a few tenths). A step that fails as a local activity is run again as the
 * usual activity, with the usual long retries: every step is idempotent, so that is just another attempt.
 */
export const LOCAL_PUSH_STEPS = 'realtime-push-local-steps';
/** People a push may have for its steps to run locally (one Xledger read and one mutation, well within a minute). */
export const LOCAL_PUSH_MAX_PEOPLE = 50;
const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '500 ms', backoffCoefficient: 2, maximumAttempts: 2 },
});

/**
 * One real-time push: an employee run of the changed people only (trigger `realtime`), HR → Xledger, with the run's
 * lock, mapping, validation, history and result email (sent when it did not end OK). What it must not write is held
 * back with a reason; every change it was given is settled, done or held, before the run closes.
 */
export async function employeePush(input: EmployeePushInput): Promise<EmployeePushResult> {
  const { runId, connectionName, changes } = input;
  const people = [...new Set(changes.map((c) => c.employeeNumber))];
  const show = (phase: string, detail?: string) => {
    upsertSearchAttributes([{ key: statusKey, value: phase }]);
    setCurrentDetails([`Push of ${people.length} employee(s), ${changes.length} HR change(s): ${phase}`, ...(detail ? [detail] : [])].join('\n'));
  };

  const runLocally = patched(LOCAL_PUSH_STEPS) && people.length <= LOCAL_PUSH_MAX_PEOPLE;
  /** One step of the push: locally for a small push (then, should that fail, as the usual activity), else as usual. */
  const step = async <R>(usual: () => Promise<R>, locally: () => Promise<R>): Promise<R> => {
    if (!runLocally) return usual();
    try {
      return await locally();
    } catch (err) {
      if (isCancellation(err)) throw err;
      log.warn('push step failed as a local activity; trying it as an activity', { error: (err as Error).message });
      return usual();
    }
  };

  const startArgs = { runId, connectionName, trigger: 'realtime', dryRun: false, workflowId: workflowInfo().workflowId } as const;
  const settings = await step(
    () => bookkeeping.startRun(startArgs),
    () => local.startRun(startArgs),
  );
  if (settings.refused) {
    show('REFUSED', `Run ${settings.refused.openRunId} was open; the push waits for it and tries again`);
    return { runId, status: 'REFUSED', done: 0, held: 0, emailed: false, refusedBy: settings.refused.openRunId };
  }

  /** The result email goes out, as after a run, when the push did not end OK or could not write someone. */
  const report = async (status: RunStatus, counts: RunCounts, settled: { done: number; held: number; notWritten?: number }): Promise<EmployeePushResult> => {
    const emailed =
      status === 'OK' && !settled.notWritten
        ? false
        : await mailing.sendRunResultEmail({ runId }).then(
            (r) => r.sent,
            (err) => (log.warn('push result email not sent', { error: (err as Error).message }), false),
          );
    show(status, `Done ${settled.done}, held back ${settled.held}`);
    return { runId, status, counts, done: settled.done, held: settled.held, emailed };
  };
  const finish = async (status: RunStatus): Promise<EmployeePushResult> => report(status, await bookkeeping.finishRun({ runId, status }), { done: 0, held: 0 });

  try {
    show('planning');
    const prepareArgs = { runId, connectionName, employeeNumbers: people };
    const { batches, requests: reads } = await step(
      () => reading.preparePush(prepareArgs),
      () => local.preparePush(prepareArgs),
    );
    show('applying');
    let requests = reads ?? 0;
    for (let batch = 0; batch < batches.xledgerCreateBatches; batch++) {
      requests +=
        (
          await step(
            () => writing.applyXledgerCreates({ runId, connectionName, batch }),
            () => local.applyXledgerCreates({ runId, connectionName, batch }),
          )
        ).requests ?? 0;
    }
    for (let batch = 0; batch < batches.xledgerUpdateBatches; batch++) {
      requests +=
        (
          await step(
            () => writing.applyXledgerUpdates({ runId, connectionName, batch }),
            () => local.applyXledgerUpdates({ runId, connectionName, batch }),
          )
        ).requests ?? 0;
    }
    show('reporting');
    const { status, counts, ...settled } = await step(
      () => bookkeeping.concludePush({ runId, connectionName, changes }),
      () => local.concludePush({ runId, connectionName, changes }),
    );
    return { ...(await report(status, counts, settled)), xledgerRequests: requests };
  } catch (err) {
    // The changes stay pending in the outbox: the connection's push workflow tries them again.
    if (isCancellation(err)) await CancellationScope.nonCancellable(() => finish('CANCELLED'));
    else await finish('FAILED');
    throw err;
  }
}
