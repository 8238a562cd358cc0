import { fromUnknown, XledgerError, type XledgerErrorKind } from './errors';

export interface RetryOptions {
  /** Total attempts including the first. */
  maxAttempts: number;
  /** Longest single wait the loop will do in-process; a longer required wait is thrown to the caller. */
  maxDelayMs: number;
  /** Backoff for retryable errors without their own wait (5xx, timeouts). */
  backoffMs: (attempt: number) => number;
  /**
   * Retry transient failures of non-idempotent mutations (adds)? Off by default: a 5xx after the server
   * applied the batch would create duplicates. Throttle rejections are always retried.
   */
  retryMaybeCommitted: boolean;
}

/**
 * The one place that decides whether and when an Xledger request is tried again:
 * - what is retryable, and the wait Xledger asks for (Retry-After, resetAt), comes from the error (errors.ts reads it);
 * - transient failures without a wait back off as Xledger's own sample does (transientBackoffMs);
 * - inside a Temporal activity, only short waits are taken in process (IN_ACTIVITY_RETRY); a longer one fails the
 *   attempt with toRetryDecision's delay, and Temporal retries it under the activity's policy
 *   (workflows/shared/activity-options.ts), whose maximumInterval caps the delay.
 */

/** Outside Temporal (the CLI's probes, scripts): patient in-process retries. */
export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 8,
  maxDelayMs: 2 * 60_000,
  backoffMs: (attempt) => Math.min(250 * 2 ** (attempt - 1), 30_000),
  retryMaybeCommitted: false,
};

/** In a worker's activities: a few quick tries for throttling that clears in seconds; anything longer goes to Temporal. */
export const IN_ACTIVITY_RETRY: Partial<RetryOptions> = { maxAttempts: 3, maxDelayMs: 5_000 };

export interface RetryHooks {
  sleep: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; delayMs: number; error: XledgerError }) => void;
}

/** Delay before retry number `attempt` (1-based), or undefined to give up. Pure. */
export function retryDelay(error: XledgerError, attempt: number, options: RetryOptions, idempotent: boolean): number | undefined {
  if (!error.retryable || attempt >= options.maxAttempts) return undefined;
  if (error.maybeCommitted && !idempotent && !options.retryMaybeCommitted) return undefined;
  const delay = error.retryAfterMs ?? options.backoffMs(attempt);
  return delay > options.maxDelayMs ? undefined : delay;
}

export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions | false, idempotent: boolean, hooks: RetryHooks): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof XledgerError) || options === false) throw err;
      const delayMs = retryDelay(err, attempt, options, idempotent);
      if (delayMs === undefined) throw err;
      hooks.onRetry?.({ attempt, delayMs, error: err });
      await hooks.sleep(delayMs);
    }
  }
}

/** Backoff for transient failures, after Xledger's sample: 5 s·i (i ≤ 3), i min (i ≤ 6), then 2 h. */
export function transientBackoffMs(attempt: number): number {
  const i = Math.max(1, Math.floor(attempt));
  if (i <= 3) return 5_000 * i;
  if (i <= 6) return 60_000 * i;
  return 2 * 60 * 60_000;
}

export interface RetryDecision {
  retryable: boolean;
  delayMs: number;
  kind: XledgerErrorKind;
  /** The failed request was a mutation that may have been applied; re-check before re-sending adds. */
  maybeCommitted: boolean;
}

/**
 * Pure decision for a scheduler such as Temporal: map `retryable: false` to a non-retryable failure and
 * `delayMs` to the next retry delay. `attempt` is 1 for the first retry.
 */
export function toRetryDecision(err: unknown, attempt = 1): RetryDecision {
  const e = err instanceof XledgerError ? err : fromUnknown(err, { operation: 'unknown' });
  if (!e.retryable) return { retryable: false, delayMs: 0, kind: e.kind, maybeCommitted: e.maybeCommitted };
  return {
    retryable: true,
    delayMs: e.retryAfterMs ?? transientBackoffMs(attempt),
    kind: e.kind,
    maybeCommitted: e.maybeCommitted,
  };
}
