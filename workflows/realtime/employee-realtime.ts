import {
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  log,
  patched,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import { keepRecent, nextPushBatch } from '../../domain/realtime/push-batches';
import { MAX_BULK_NODES } from '../../domain/shared/xledger-limits';
import { bookkeepingActivity } from '../shared/activity-options';
import { connectionKey, runKindKey, statusKey, triggerKey } from '../shared/search-attributes';
import { employeePush } from './employee-push';
import { changesSignal, realtimeStateQuery } from './messages';
import type { EmployeeRealtimeInput, EmployeePushResult, PushChange, RealtimeState } from './types';

// Short reads of the engine's database, run as local activities: no round trip through the task queue.
const bookkeeping = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: bookkeepingActivity.retry });

/** Continue as new well before Temporal's per-execution limits (10,000 signals; 51,200 events). */
export const SIGNALS_PER_EXECUTION = 1_000;
export const EVENTS_PER_EXECUTION = 10_000;
/** Changes held in the workflow at most; beyond, the relay hands them over again later (the outbox keeps them). */
export const MAX_QUEUED_CHANGES = 10_000;
/** Recently settled outbox ids remembered for deduplication (older duplicates are caught by the outbox's status). */
const SETTLED_REMEMBERED = 20_000;
/** How long a push waits before looking again at a run of the connection that is open, or after a failed push. */
const OPEN_RUN_POLL = '10 seconds';
const RETRY_AFTER_FAILURE = '1 minute';

/**
 * Pushes keep within Xledger's rate (patch PACED_PUSHES): Xledger takes 20 requests per 5 s per token, and the
 * client's limiter (xledger/client/client.ts DEFAULT_LIMIT) sends at most 20 in any 5.25 s. A push makes about four
 * (a read; employees, contacts and subledgers written), so pushes back to back ran into the limiter in the middle of
 * a push every fifth or so, and the changes of that push and of those queued behind it waited for seconds. The
 * workflow keeps the same window over the pushes it made and starts the next one when its requests (as many as the
 * last push's) fit in it: a push then waits before it starts, gathering the changes that come meanwhile, and is not
 * held up once it started. After a quiet spell the window is empty and a push starts at once.
 */
export const PACED_PUSHES = 'realtime-pushes-within-xledger-rate';
export const XLEDGER_RATE = { requests: 20, windowMs: 5_250 } as const;

/** The workflow id of a connection's push workflow (one per connection: signalWithStart addresses it). */
export const realtimeWorkflowId = (connectionName: string): string => `employees-realtime.${connectionName}`;

/**
 * A connection's real-time push, an entity workflow fed by the relay with `signalWithStart`: changes are queued by
 * outbox id (a change handed over twice is queued once), coalesced for a short debounce, and pushed by a child run of
 * at most 500 people at a time — one at a time, after any open run of the connection. It continues as new well
 * before the per-execution limits, carrying what it has not pushed yet.
 */
export async function employeeRealtime(input: EmployeeRealtimeInput): Promise<void> {
  const { connectionName } = input;
  const queued = new Map<number, PushChange>((input.carried?.pending ?? []).map((c) => [c.outboxId, c]));
  const settled = new Set<number>(input.carried?.settled ?? []);
  let debounceMs = input.carried?.debounceMs ?? 200;
  const state: RealtimeState = { connectionName, pending: queued.size, pushing: 0, pushRuns: 0, signals: 0 };
  let overflowed = 0;
  let justPushed = false;
  /** The pushes of the last XLEDGER_RATE.windowMs (when each started, its Xledger requests), to keep within the rate. */
  const recentPushes: Array<{ startedAt: number; requests: number }> = [];
  let pacedPatch: boolean | undefined;
  /** Whether this execution paces pushes: decided once, at its first push (so it replays the same). */
  const paced = () => (pacedPatch ??= patched(PACED_PUSHES));

  setHandler(
    changesSignal,
    ({ changes, debounceMs: debounce }) => {
      state.signals += 1;
      debounceMs = debounce;
      for (const c of changes) {
        if (settled.has(c.outboxId) || queued.has(c.outboxId)) continue;
        if (queued.size >= MAX_QUEUED_CHANGES) overflowed += 1;
        else queued.set(c.outboxId, c);
      }
      state.pending = queued.size;
    },
    { description: 'HR changes to push: {changes: [{outboxId, employeeNumber}], debounceMs}; deduplicated by outbox id' },
  );
  setHandler(realtimeStateQuery, () => ({ ...state, pending: queued.size }), { description: 'Queued changes, push runs, the run it waits for' });

  const describe = (line: string) =>
    setCurrentDetails(
      [`Real-time push of "${connectionName}": ${line}`, `Queued ${queued.size} change(s); ${state.pushRuns} push run(s) in this execution`].join('\n'),
    );
  describe('waiting for HR changes');

  for (;;) {
    if (state.signals >= SIGNALS_PER_EXECUTION || workflowInfo().historyLength >= EVENTS_PER_EXECUTION || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      keepRecent(settled, SETTLED_REMEMBERED);
      await continueAsNew<typeof employeeRealtime>({ connectionName, carried: { pending: [...queued.values()], settled: [...settled], debounceMs } });
    }
    await condition(() => queued.size > 0 || state.signals >= SIGNALS_PER_EXECUTION);
    if (queued.size === 0) continue;
    if (overflowed > 0) log.info('changes beyond the queue left to the relay', { overflowed });
    overflowed = 0;
    // After a quiet spell, wait a moment so a burst arrives together: one push for all of it. Changes that came in
    // while a push ran are coalesced already: they go at once — once Xledger's rate allows the next push's requests.
    if (!justPushed) await sleep(debounceMs);
    justPushed = false;
    if (paced()) {
      const wait = waitForXledgerRate(Date.now());
      if (wait > 0) {
        describe(`waiting ${wait} ms for Xledger's rate limit (${XLEDGER_RATE.requests} requests per ${XLEDGER_RATE.windowMs / 1000} s)`);
        await sleep(wait);
      }
    }

    const open = await bookkeeping.openEmployeeRun({ connectionName });
    if (open) {
      state.waitingForRun = open;
      describe(`waiting for run ${open} to end`);
      await sleep(OPEN_RUN_POLL);
      continue;
    }
    state.waitingForRun = undefined;

    const batch = nextPushBatch(queued.values(), MAX_BULK_NODES);
    const stillPending = new Set(await bookkeeping.pendingChanges({ connectionName, outboxIds: batch.map((c) => c.outboxId) }));
    const changes = batch.filter((c) => stillPending.has(c.outboxId));
    for (const c of batch) if (!stillPending.has(c.outboxId)) forget(c.outboxId);
    if (changes.length === 0) continue;

    const startedAt = Date.now();
    const result = await pushRun(changes);
    if (!result) continue;
    // Kept by when it started (before any of its requests): pushes of one shape send their requests as long after
    // their start, so the next push's k-th request leaves the window when the k-th of a push 20 requests back does.
    if (result.xledgerRequests) recentPushes.push({ startedAt, requests: result.xledgerRequests });
    if (result.status === 'REFUSED') continue; // a run took the lock between the check and the claim: wait for it
    for (const c of changes) forget(c.outboxId);
    justPushed = true;
    describe(`pushed ${changes.length} change(s) in ${result.runId}: ${result.status}`);
  }

  /**
   * How long the next push waits for its Xledger requests (as many as the last push made) to fit in the window of
   * XLEDGER_RATE with those of the pushes before it: 0 when they fit now.
   */
  function waitForXledgerRate(now: number): number {
    while (recentPushes.length > 0 && recentPushes[0]!.startedAt <= now - XLEDGER_RATE.windowMs) recentPushes.shift();
    const last = recentPushes[recentPushes.length - 1];
    const next = last?.requests ?? 0;
    const inWindow = recentPushes.reduce((sum, p) => sum + p.requests, 0);
    let used = inWindow;
    let until = now;
    for (const p of recentPushes) {
      if (used + next <= XLEDGER_RATE.requests) break;
      used -= p.requests;
      until = p.startedAt + XLEDGER_RATE.windowMs;
    }
    // Past half the window, pushes are spread at the rate rather than using the rest up at once: back to back, a steady
    // stream after a quiet spell would run five pushes in a row and then wait most of a window, again every window.
    if (last && inWindow >= XLEDGER_RATE.requests / 2) until = Math.max(until, last.startedAt + (next * XLEDGER_RATE.windowMs) / XLEDGER_RATE.requests);
    return Math.ceil(until - now);
  }

  function forget(outboxId: number): void {
    queued.delete(outboxId);
    settled.add(outboxId);
  }

  /** One child run; a failed one is logged and its changes tried again after a pause (they stay pending). */
  async function pushRun(changes: PushChange[]): Promise<EmployeePushResult | undefined> {
    const runId = `employees.${connectionName}.push.${uuid4().slice(0, 8)}`;
    state.pushing = changes.length;
    describe(`pushing ${changes.length} change(s) in ${runId}`);
    try {
      const result = await executeChild(employeePush, {
        workflowId: runId,
        args: [{ runId, connectionName, changes }],
        typedSearchAttributes: [
          { key: connectionKey, value: connectionName },
          { key: runKindKey, value: 'employees' },
          { key: triggerKey, value: 'realtime' },
          { key: statusKey, value: 'starting' },
        ],
        staticSummary: `Real-time push to "${connectionName}"`,
      });
      state.pushRuns += 1;
      state.lastRunId = runId;
      state.lastStatus = result.status;
      return result;
    } catch (err) {
      state.lastRunId = runId;
      state.lastStatus = 'RETRYING';
      log.warn('push run failed; its changes are tried again', { runId, error: (err as Error).message });
      describe(`push run ${runId} failed; trying again in ${RETRY_AFTER_FAILURE}`);
      await sleep(RETRY_AFTER_FAILURE);
      return undefined;
    } finally {
      state.pushing = 0;
    }
  }
}
