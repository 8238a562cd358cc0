import { patched, log, proxyActivities, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import { emptyEmployeeCounts } from '../../domain/employees/run-outcome';
import { withHeldBackUnchanged } from '../../domain/employees/held-back';
import { DecisionState } from './decision-state';
import { cancelSignal, decideSignal, decideUpdate, pendingDecisionsQuery, progressQuery } from './messages';
import type { EmployeeSyncInput, PlanSummary, RunPhase, RunProgress, RunRead, RunResult, RunSettings, RunStatus } from './types';
import { pendingDecisionsKey, readModeKey, statusKey } from '../shared/search-attributes';

/** Marks the change that added the XsyncPendingDecisions search attribute (2026-12). */
const PENDING_DECISIONS_ATTRIBUTE = 'pending-decisions-search-attribute';
/** Marks the change that made runs read only what changed since the last successful run (2026-12, issue #15). */
const INCREMENTAL_RUNS = 'incremental-employee-runs';
import { runLifecycle, showRefused, type OpenRun } from '../shared/run-lifecycle';
import { waitForDecisions } from '../shared/wait-for-decisions';
import { bookkeepingActivity, mailActivity, PENDING_PAGE_SIZE, readActivity, writeActivity } from '../shared/activity-options';

const reading = proxyActivities<Activities>(readActivity);
const writing = proxyActivities<Activities>(writeActivity);
const bookkeeping = proxyActivities<Activities>(bookkeepingActivity);
const mailing = proxyActivities<Activities>(mailActivity);

/**
 * One employee sync run: snapshot HR and Xledger, plan (match, diff, classify), wait for the admin's
 * decisions when needed, apply in batches, record and report. Large data stays in Postgres; this
 * workflow carries ids and counts only.
 */
export async function employeeSync(input: EmployeeSyncInput): Promise<RunResult> {
  const { connectionName } = input;
  const runId = input.runId ?? workflowInfo().workflowId;
  const dryRun = input.dryRun ?? false;
  const decisions = new DecisionState();
  let phase: RunPhase = 'starting';
  let plan: PlanSummary | undefined;
  let waitingSince: string | undefined;
  let decideBy: string | undefined;
  let cancelled = false;
  let status: RunStatus | undefined;
  let read: RunRead | undefined;

  const progress = (): RunProgress => ({
    runId,
    connectionName,
    dryRun,
    phase,
    plan,
    decisions: decisions.progress(),
    waitingSince,
    decideBy,
    status,
    ...(read ? { read } : {}),
  });
  /** Keeps XsyncPendingDecisions in step (runs shipped before it replay without: patched). */
  const showPending = () => {
    if (patched(PENDING_DECISIONS_ATTRIBUTE)) upsertSearchAttributes([{ key: pendingDecisionsKey, value: decisions.pendingCount }]);
  };
  setHandler(progressQuery, progress, { description: 'Phase, plan summary, decisions pending and decided, deadline, status (no personal data)' });
  setHandler(pendingDecisionsQuery, (page) => decisions.page(page?.offset, page?.limit), {
    description: 'A page of what the run waits for: {offset, limit} → employee number, field or creation',
  });
  setHandler(
    decideUpdate,
    (request) => {
      const progressNow = decisions.apply(request, new Date().toISOString()); // workflow time: deterministic
      showPending();
      setCurrentDetails(describe());
      return progressNow;
    },
    {
      validator: (request) => void decisions.validate(request, new Date().toISOString()),
      description: 'Decide conflicts and creations: {decisions, employees, all, finish, by}; rejected before history when invalid',
    },
  );
  setHandler(
    decideSignal,
    (request) => {
      try {
        decisions.apply(request, new Date().toISOString());
        showPending();
      } catch (err) {
        log.warn('ignored an invalid decision signal', { error: (err as Error).message });
      }
    },
    { description: 'The same decisions, fire-and-forget (an invalid one is logged and ignored)' },
  );
  setHandler(
    cancelSignal,
    () => {
      cancelled = true;
    },
    { description: 'Stop before the next write batch; the run ends CANCELLED (Cancel in Temporal UI does the same)' },
  );

  const enter = (next: RunPhase) => {
    phase = next;
    upsertSearchAttributes([{ key: statusKey, value: next }]);
    setCurrentDetails(describe());
  };
  /** What Temporal UI shows support staff about the run right now (no personal data). */
  const describe = (): string => {
    const lines = [`Phase: ${phase}${dryRun ? ' (dry run)' : ''}`];
    if (read) lines.push(`Read: ${read.mode} — ${read.why}`);
    if (plan) lines.push(`Plan: ${plan.items} employees (HR ${plan.hrRows}, Xledger ${plan.xledgerEmployees}), ${plan.pendingCount} decision(s) needed`);
    if (phase === 'waiting-for-decisions')
      lines.push(`Waiting for an admin until ${decideBy}: ${decisions.pendingCount} pending — xsync sync decisions ${runId}`);
    if (status) lines.push(`Status: ${status}`);
    return lines.join('\n');
  };

  const finish = async (final: RunStatus): Promise<RunResult> => {
    enter('reporting');
    decisions.close();
    const counts = await bookkeeping.finishRun({ runId, status: final });
    // A mail server that is down must not fail a run whose data is already written.
    const sent = await mailing.sendRunResultEmail({ runId }).then(
      (r) => r.sent,
      (err) => (log.warn('result email not sent', { error: (err as Error).message }), false),
    );
    status = final;
    phase = 'done';
    if (patched(PENDING_DECISIONS_ATTRIBUTE)) upsertSearchAttributes([{ key: pendingDecisionsKey, value: 0 }]);
    upsertSearchAttributes([{ key: statusKey, value: final }]);
    setCurrentDetails(describe());
    return { runId, status: final, counts, plan, ...(read ? { read } : {}), emailed: sent };
  };

  return runLifecycle({
    start: () =>
      bookkeeping.startRun({
        runId,
        connectionName,
        trigger: input.trigger,
        dryRun,
        workflowId: workflowInfo().workflowId,
        ...(input.scheduleId ? { scheduleId: input.scheduleId } : {}),
      }),
    refused: refuse,
    body: run,
    finish,
  });

  /** Another run of this connection was open: nothing was read or written; say which run, and end. */
  function refuse(open: OpenRun): RunResult {
    status = 'REFUSED';
    phase = 'done';
    showRefused(connectionName, open);
    return {
      runId,
      status: 'REFUSED',
      counts: emptyEmployeeCounts(),
      emailed: false,
      refusedBy: open.openRunId,
      ...(open.openPhase ? { refusedPhase: open.openPhase } : {}),
    };
  }

  /** The business story of a run, from snapshots to the result. */
  async function run(settings: RunSettings): Promise<RunResult> {
    enter('snapshotting');
    // Runs started before incremental reads replay as they ran: both sides read whole.
    const chosen = patched(INCREMENTAL_RUNS) ? await bookkeeping.chooseReadMode({ runId, connectionName, full: input.full }) : undefined;
    if (chosen) {
      read = { mode: chosen.mode, reason: chosen.reason, why: chosen.why };
      upsertSearchAttributes([{ key: readModeKey, value: read.mode }]);
      setCurrentDetails(describe());
    }
    if (chosen?.since) {
      const { heldBackUnchanged } = await reading.snapshotChanges({ runId, connectionName, since: chosen.since, today: input.today });
      read = withHeldBackUnchanged(read!, heldBackUnchanged);
      setCurrentDetails(describe());
    } else await Promise.all([reading.snapshotHr({ runId, connectionName, today: input.today }), reading.snapshotXledger({ runId, connectionName })]);

    enter('planning');
    plan = await reading.planRun({ runId, connectionName, today: input.today });
    if (dryRun) return finish('DRY_RUN');

    if (plan.pendingCount > 0) {
      for (let offset = 0; offset < plan.items; offset += PENDING_PAGE_SIZE) {
        decisions.addPending(await reading.loadPendingDecisions({ runId, offset, limit: PENDING_PAGE_SIZE }));
      }
      enter('waiting-for-decisions');
      showPending();
      const outcome = await awaitAdmin(settings);
      if (outcome === 'cancelled') return finish('CANCELLED');
      if (outcome === 'timed-out' && settings.timeoutPolicy === 'cancel') return finish('CANCELLED');
    }
    if (cancelled) return finish('CANCELLED');

    enter('applying');
    decisions.close();
    await bookkeeping.saveDecisions({ runId, decisions: decisions.decisions, defaults: decisions.defaults });
    const batches = await writing.prepareApply({ runId, connectionName });
    for (let batch = 0; batch < batches.xledgerCreateBatches && !cancelled; batch++) await writing.applyXledgerCreates({ runId, connectionName, batch });
    for (let batch = 0; batch < batches.xledgerUpdateBatches && !cancelled; batch++) await writing.applyXledgerUpdates({ runId, connectionName, batch });
    for (let batch = 0; batch < batches.hrBatches && !cancelled; batch++) await writing.applyHrWrites({ runId, connectionName, batch });
    return finish(cancelled ? 'CANCELLED' : await bookkeeping.runOutcome({ runId }));
  }

  /** Waits for every decision, a finish, a cancel, or the deadline; reminds the admin once on the way. */
  async function awaitAdmin(s: RunSettings): Promise<'decided' | 'timed-out' | 'cancelled'> {
    const ended = await waitForDecisions(s, () => cancelled || decisions.finished || decisions.allDecided, {
      started: (window) => {
        ({ waitingSince, decideBy } = window);
        setCurrentDetails(describe());
      },
      remind: (window) =>
        mailing.sendDecisionReminder({ runId, pendingCount: decisions.pendingCount, ...window }).then(
          () => undefined,
          (err) => log.warn('decision reminder not sent', { error: (err as Error).message }),
        ),
    });
    if (cancelled) return 'cancelled';
    if (ended === 'ready') return 'decided';
    log.info('decision timeout reached', { pending: decisions.pendingCount, policy: s.timeoutPolicy });
    return 'timed-out';
  }
}
