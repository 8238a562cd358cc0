import { ApplicationFailure, Context } from '@temporalio/activity';
import { msOptionalToNumber } from '@temporalio/common/lib/time';
import { maskIdentifiers } from '../../mail/index';
import { XledgerError, toRetryDecision } from '../../xledger/index';

/**
 * Turns an Xledger error into a Temporal failure: throttling and transient errors retry after the delay
 * Xledger asks for, never beyond the activity's retry policy's maximumInterval (the policy is what operators read
 * and tune; workflows/shared/activity-options.ts); a bad token, a missing scope or an invalid query stop the run.
 */
export function toActivityFailure(err: unknown, attempt: number, maximumIntervalMs = currentMaximumIntervalMs()): unknown {
  if (!(err instanceof XledgerError)) return err;
  const decision = toRetryDecision(err, attempt);
  // The message lands in workflow history: a national id or bank account Xledger echoed back is masked first.
  const message = maskIdentifiers(err.message);
  if (!decision.retryable) return ApplicationFailure.nonRetryable(message, `Xledger.${err.kind}`);
  const nextRetryDelay = maximumIntervalMs === undefined ? decision.delayMs : Math.min(decision.delayMs, maximumIntervalMs);
  return ApplicationFailure.create({ message, type: `Xledger.${err.kind}`, nextRetryDelay });
}

/** The running activity's retry policy's maximumInterval, if it runs in an activity and has one. */
function currentMaximumIntervalMs(): number | undefined {
  try {
    return msOptionalToNumber(Context.current().info.retryPolicy?.maximumInterval);
  } catch {
    return undefined; // not inside an activity (unit tests, scripts)
  }
}

export async function withXledgerFailures<T>(attempt: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toActivityFailure(err, attempt);
  }
}
