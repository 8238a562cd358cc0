import { log, proxyActivities, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import { emptyAbsenceCounts } from '../../domain/absences/run-outcome';
import { bookkeepingActivity, mailActivity, PENDING_PAGE_SIZE, readActivity, writeActivity } from '../shared/activity-options';
import { pendingDecisionsKey, statusKey } from '../shared/search-attributes';
import { runLifecycle, showRefused, type OpenRun } from '../shared/run-lifecycle';
import { waitForDecisions } from '../shared/wait-for-decisions';
import { AbsenceDecisionState } from './decision-state';
import { absenceCancelSignal, absenceDecideUpdate, absencePendingQuery, absenceProgressQuery } from './messages';
import type { AbsencePlanSummary, AbsenceRunPhase, AbsenceRunProgress, AbsenceRunResult, AbsenceRunSettings, AbsenceSyncInput } from './types';
import type { RunStatus } from '../../domain/shared/run-types';

const reading = proxyActivities<Activities>(readActivity);
const writing = proxyActivities<Activities>(writeActivity);
const bookkeeping = proxyActivities<Activities>(bookkeepingActivity);
const mailing = proxyActivities<Activities>(mailActivity);

/**
 * One absence sync run: plan the period's HR absences against Xledger (match, diff, validate, classify), ask the
 * admin about absences HR cancelled when the policy says so, write in batches of at most 500 (or produce an import
 * file where the API has no absence mutation), record and report. The workflow carries ids and counts only.
 */
export async function absenceSync(input: AbsenceSyncInput): Promise<AbsenceRunResult> {
  const { connectionName } = input;
  const runId = input.runId ?? workflowInfo().workflowId;
  const dryRun = input.dryRun ?? false;
  const decisions = new AbsenceDecisionState();
  let phase: AbsenceRunPhase = 'starting';
  let plan: AbsencePlanSummary | undefined;
  let period = input.period;
  let waitingSince: string | undefined;
  let decideBy: string | undefined;
  let cancelled = false;
  let status: RunStatus | undefined;

  const progress = (): AbsenceRunProgress => ({
    runId,
    connectionName,
    dryRun,
    phase,
    ...(period ? { period } : {}),
    ...(plan ? { plan } : {}),
    decisions: decisions.progress(),
    ...(waitingSince ? { waitingSince, decideBy } : {}),
    ...(status ? { status } : {}),
  });
  const showPending = () => upsertSearchAttributes([{ key: pendingDecisionsKey, value: decisions.pendingCount }]);
  setHandler(absenceProgressQuery, progress, { description: 'Phase, period, plan summary, decisions pending and decided (no personal data)' });
  setHandler(absencePendingQuery, (page) => decisions.page(page?.offset, page?.limit), {
    description: 'A page of absences HR cancelled that wait for remove or keep: {offset, limit}',
  });
  setHandler(
    absenceDecideUpdate,
    (request) => {
      const now = decisions.apply(request, new Date().toISOString()); // workflow time: deterministic
      showPending();
      setCurrentDetails(describe());
      return now;
    },
    {
      validator: (request) => void decisions.validate(request, new Date().toISOString()),
      description: 'Remove or keep cancelled absences: {decisions: [{absenceId, choice}], all, finish, by}',
    },
  );
  setHandler(
    absenceCancelSignal,
    () => {
      cancelled = true;
    },
    { description: 'Stop before the next write batch; the run ends CANCELLED' },
  );

  const enter = (next: AbsenceRunPhase) => {
    phase = next;
    upsertSearchAttributes([{ key: statusKey, value: next }]);
    setCurrentDetails(describe());
  };
  const describe = (): string => {
    const lines = [`Phase: ${phase}${dryRun ? ' (dry run)' : ''}`];
    if (period) lines.push(`Period: ${period.from} to ${period.to}${input.employees?.length ? `, ${input.employees.length} employee(s)` : ''}`);
    if (plan) lines.push(`Plan: ${plan.items} absences (${plan.writePath === 'file' ? 'import file' : 'API'}), ${plan.pendingCount} decision(s) needed`);
    if (phase === 'waiting-for-decisions')
      lines.push(`Waiting for an admin until ${decideBy}: ${decisions.pendingCount} pending — xsync absences decisions ${runId}`);
    if (status) lines.push(`Status: ${status}`);
    return lines.join('\n');
  };

  const finish = async (final: RunStatus): Promise<AbsenceRunResult> => {
    enter('reporting');
    decisions.close();
    const settled = await bookkeeping.finishAbsenceRun({ runId, status: final });
    const sent = await mailing.sendAbsenceResultEmail({ runId }).then(
      (r) => r.sent,
      (err) => (log.warn('result email not sent', { error: (err as Error).message }), false),
    );
    status = final;
    phase = 'done';
    upsertSearchAttributes([
      { key: pendingDecisionsKey, value: 0 },
      { key: statusKey, value: final },
    ]);
    setCurrentDetails(describe());
    return {
      runId,
      status: final,
      counts: settled.counts,
      ...(period ? { period } : {}),
      ...(plan ? { plan } : {}),
      emailed: sent,
      ...(settled.importFile ? { importFile: settled.importFile } : {}),
    };
  };

  return runLifecycle({
    start: () =>
      bookkeeping.startAbsenceRun({
        runId,
        connectionName,
        trigger: input.trigger,
        dryRun,
        workflowId: workflowInfo().workflowId,
        ...(input.scheduleId ? { scheduleId: input.scheduleId } : {}),
        ...(input.period ? { period: input.period } : {}),
        ...(input.today ? { today: input.today } : {}),
      }),
    refused: refuse,
    body: (settings) => {
      period = settings.period;
      return run(settings);
    },
    finish,
  });

  function refuse(open: OpenRun): AbsenceRunResult {
    status = 'REFUSED';
    phase = 'done';
    showRefused(connectionName, open);
    return {
      runId,
      status: 'REFUSED',
      counts: emptyAbsenceCounts(),
      emailed: false,
      refusedBy: open.openRunId,
      ...(open.openPhase ? { refusedPhase: open.openPhase } : {}),
    };
  }

  /** The business story of a run, from the plan to the result. */
  async function run(s: AbsenceRunSettings): Promise<AbsenceRunResult> {
    enter('planning');
    plan = await reading.planAbsenceRun({ runId, connectionName, period: s.period, ...(input.employees?.length ? { employees: input.employees } : {}) });
    if (dryRun) return finish('DRY_RUN');

    if (plan.pendingCount > 0) {
      for (let offset = 0; offset < plan.pendingCount; offset += PENDING_PAGE_SIZE) {
        decisions.addPending(await reading.loadPendingAbsences({ runId, offset, limit: PENDING_PAGE_SIZE }));
      }
      enter('waiting-for-decisions');
      showPending();
      const outcome = await awaitAdmin(s);
      if (outcome === 'cancelled') return finish('CANCELLED');
      if (outcome === 'timed-out' && s.timeoutPolicy === 'cancel') return finish('CANCELLED');
    }
    if (cancelled) return finish('CANCELLED');

    enter('applying');
    decisions.close();
    const batches = await writing.prepareAbsenceApply({ runId, decisions: decisions.decisions, defaults: decisions.defaults });
    if (plan.writePath === 'file') {
      if (batches.fileRows > 0 || batches.removeBatches > 0) await writing.writeAbsenceImportFile({ runId, connectionName });
    } else {
      for (let batch = 0; batch < batches.createBatches && !cancelled; batch++) await writing.applyAbsenceCreates({ runId, connectionName, batch });
      for (let batch = 0; batch < batches.updateBatches && !cancelled; batch++) await writing.applyAbsenceUpdates({ runId, connectionName, batch });
      for (let batch = 0; batch < batches.removeBatches && !cancelled; batch++) await writing.applyAbsenceRemoves({ runId, connectionName, batch });
    }
    return finish(cancelled ? 'CANCELLED' : await bookkeeping.absenceRunOutcome({ runId }));
  }

  async function awaitAdmin(s: AbsenceRunSettings): Promise<'decided' | 'timed-out' | 'cancelled'> {
    const ended = await waitForDecisions(s, () => cancelled || decisions.finished || decisions.allDecided, {
      started: (window) => {
        ({ waitingSince, decideBy } = window);
        setCurrentDetails(describe());
      },
      remind: (window) =>
        mailing.sendAbsenceDecisionReminder({ runId, pendingCount: decisions.pendingCount, ...window }).then(
          () => undefined,
          (err) => log.warn('decision reminder not sent', { error: (err as Error).message }),
        ),
    });
    if (cancelled) return 'cancelled';
    return ended === 'ready' ? 'decided' : 'timed-out';
  }
}
