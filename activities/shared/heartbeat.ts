import { Context } from '@temporalio/activity';

/**
 * Heartbeats every few seconds while `work` runs, so a worker that dies mid-activity is noticed within the
 * heartbeat timeout (seconds) instead of the start-to-close timeout (minutes), and the retry starts soon.
 */
export async function keepAlive<T>(work: () => Promise<T>, everyMs = 3000): Promise<T> {
  const ctx = Context.current();
  // A local activity (a small real-time push's steps) has no heartbeat: Temporal would only log that it failed.
  if (ctx.info.isLocal) return work();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** A heartbeat, except in a local activity (which has none: Temporal would only log that it failed). */
export function beat(details?: unknown): void {
  const ctx = Context.current();
  if (!ctx.info.isLocal) ctx.heartbeat(details);
}
