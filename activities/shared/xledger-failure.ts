import { ApplicationFailure } from '@temporalio/activity';
import { maskIdentifiers } from '../../mail/index';
import { XledgerError, toRetryDecision } from '../../xledger/index';

/**
 * Turns an Xledger error into a Temporal failure: throttling and transient errors retry after the delay
 * Xledger asks for; a bad token, a missing scope or an invalid query stop the run (no retry can fix them).
 */
export function toActivityFailure(err: unknown, attempt: number): unknown {
  if (!(err instanceof XledgerError)) return err;
  const decision = toRetryDecision(err, attempt);
  // The message lands in workflow history: a national id or bank account Xledger echoed back is masked first.
  const message = maskIdentifiers(err.message);
  if (!decision.retryable) return ApplicationFailure.nonRetryable(message, `Xledger.${err.kind}`);
  return ApplicationFailure.create({ message, type: `Xledger.${err.kind}`, nextRetryDelay: decision.delayMs });
}

export async function withXledgerFailures<T>(attempt: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toActivityFailure(err, attempt);
  }
}
