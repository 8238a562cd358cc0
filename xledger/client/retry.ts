import { XledgerError } from './errors';

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

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 8,
  maxDelayMs: 2 * 60_000,
  backoffMs: (attempt) => Math.min(250 * 2 ** (attempt - 1), 30_000),
  retryMaybeCommitted: false,
};

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
