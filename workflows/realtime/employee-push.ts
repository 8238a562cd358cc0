import { CancellationScope, isCancellation, log, proxyActivities, setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
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

  const settings = await bookkeeping.startRun({ runId, connectionName, trigger: 'realtime', dryRun: false, workflowId: workflowInfo().workflowId });
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
    const { batches } = await reading.preparePush({ runId, connectionName, employeeNumbers: people });
    show('applying');
    for (let batch = 0; batch < batches.xledgerCreateBatches; batch++) await writing.applyXledgerCreates({ runId, connectionName, batch });
    for (let batch = 0; batch < batches.xledgerUpdateBatches; batch++) await writing.applyXledgerUpdates({ runId, connectionName, batch });
    show('reporting');
    const { status, counts, ...settled } = await bookkeeping.concludePush({ runId, connectionName, changes });
    return await report(status, counts, settled);
  } catch (err) {
    // The changes stay pending in the outbox: the connection's push workflow tries them again.
    if (isCancellation(err)) await CancellationScope.nonCancellable(() => finish('CANCELLED'));
    else await finish('FAILED');
    throw err;
  }
}
