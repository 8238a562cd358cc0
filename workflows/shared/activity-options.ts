import type { ActivityOptions } from '@temporalio/workflow';

/**
 * Activity options by kind of activity, for every run kind: the one place that says how long each may take and how
 * it is retried. Xledger's own wait (Retry-After, resetAt) sets the next retry's delay, but never beyond the
 * policy's maximumInterval (activities/shared/xledger-failure.ts caps it), so the numbers here are the truth.
 */

/** Reads from HR and Xledger into staging, and planning: long, heartbeating, retried for a long while. */
export const readActivity: ActivityOptions = {
  startToCloseTimeout: '15 minutes',
  // Long activities heartbeat every few seconds (activities/shared/heartbeat.ts): a dead worker is noticed within this.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 20 },
};

/** Write batches: idempotent (each item is applied once; creations are looked up by key on retry), so retried longer. */
export const writeActivity: ActivityOptions = {
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 50 },
};

/** Short bookkeeping in the engine's Postgres (start, decisions, finish). */
export const bookkeepingActivity: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 30 },
};

/** Emails: a few tries; a mail server that stays down must not hold up a run whose data is written. */
export const mailActivity: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 5 },
};

/** How many pending decisions the workflow loads per activity call (keeps each payload small). */
export const PENDING_PAGE_SIZE = 1_000;
