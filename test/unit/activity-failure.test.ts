import { ApplicationFailure } from '@temporalio/common';
import { toActivityFailure } from '../../activities/shared/xledger-failure';
import { XledgerRecordError, XledgerThrottleError } from '../../xledger';

describe('Xledger errors as Temporal failures', () => {
  it('retries throttling after the delay Xledger asks for', () => {
    const err = new XledgerThrottleError('burst limit', {
      kind: 'burst-limit',
      operation: 'AddEmployees',
      retryable: true,
      retryAfterMs: 5000,
      code: 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED',
    });
    const failure = toActivityFailure(err, 1) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.nextRetryDelay).toBe(5000);
    expect(failure.type).toBe('Xledger.burst-limit');
  });

  it('stops on a permanent error, masking personal numbers Xledger echoed back', () => {
    const err = new XledgerRecordError('socialSec: 13097248022 is not valid; bankAccount 1234.56.78903 refused', {
      kind: 'record',
      operation: 'AddEmployees',
      retryable: false,
      issues: [],
    });
    const failure = toActivityFailure(err, 1) as ApplicationFailure;
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).not.toContain('13097248022');
    expect(failure.message).not.toContain('1234.56.78903');
    expect(failure.message).toContain('socialSec:');
  });

  it("never waits longer than the activity policy's maximumInterval, whatever Xledger asks", () => {
    const err = new XledgerThrottleError('credits exhausted', {
      kind: 'insufficient-credits',
      operation: 'Employees',
      retryable: true,
      retryAfterMs: 3 * 60 * 60_000,
      code: 'BAD_REQUEST.INSUFFICIENT_CREDITS',
    });
    expect((toActivityFailure(err, 1, 5 * 60_000) as ApplicationFailure).nextRetryDelay).toBe(5 * 60_000);
    expect((toActivityFailure(err, 1, undefined) as ApplicationFailure).nextRetryDelay).toBe(3 * 60 * 60_000);
  });

  it('leaves other errors alone', () => {
    const err = new Error('database down');
    expect(toActivityFailure(err, 1)).toBe(err);
  });
});
