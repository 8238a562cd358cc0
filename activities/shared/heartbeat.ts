import { Context } from '@temporalio/activity';

/**
 * Heartbeats every few seconds while `work` runs, so a worker that dies mid-activity is noticed within the
 * heartbeat timeout (seconds) instead of the start-to-close timeout (minutes), and the retry starts soon.
 */
export async function keepAlive<T>(work: () => Promise<T>, everyMs = 3000): Promise<T> {
  const ctx = Context.current();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
