import { condition } from '@temporalio/workflow';
import { addDuration } from './durations';

/** How long a run waits for an admin, and when it reminds them ("7 days", "1 day"). */
export interface DecisionTiming {
  decisionTimeout: string;
  reminderAfter: string;
}

export interface DecisionWindow {
  /** ISO 8601, workflow time. */
  waitingSince: string;
  decideBy: string;
}

/**
 * The wait every kind with admin decisions shares: until `ready()` holds (all decided, finished, or cancelled) or the
 * deadline passes, reminding the admin once on the way. Durable: the timers are Temporal's, so a wait of days
 * survives restarts and deploys. Returns whether it ended ready or at the deadline.
 */
export async function waitForDecisions(
  timing: DecisionTiming,
  ready: () => boolean,
  hooks: { started(window: DecisionWindow): void; remind(window: DecisionWindow): Promise<void> },
): Promise<'ready' | 'timed-out'> {
  const started = Date.now(); // workflow-safe: Temporal's deterministic clock
  const deadline = addDuration(started, timing.decisionTimeout);
  const window = { waitingSince: new Date(started).toISOString(), decideBy: new Date(deadline).toISOString() };
  hooks.started(window);
  const remindAt = Math.min(addDuration(started, timing.reminderAfter), deadline);
  if (!(await condition(ready, remindAt - started))) {
    await hooks.remind(window);
    const left = deadline - Date.now();
    if (left > 0) await condition(ready, left);
  }
  return ready() ? 'ready' : 'timed-out';
}
