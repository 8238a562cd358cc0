import {
  XledgerAuthError,
  XledgerDeltaExpiredError,
  XledgerQueryError,
  XledgerRecordError,
  XledgerScopeError,
  XledgerThrottleError,
  XledgerTransientError,
  classifyFailure,
  fromUnknown,
} from '../../xledger/client/errors';
import { fromXledgerDateTime, toXledgerDateTime } from '../../xledger/client/formats';
import { DEFAULT_RETRY, retryDelay, toRetryDecision, transientBackoffMs, withRetry } from '../../xledger/client/retry';

const ctx = { operation: 'ListEmployees' };
const gql = (errors: object[], status = 200) => ({ type: 'graphql' as const, status, errors });

describe('classifyFailure', () => {
  it('reads throttling from the TOP-LEVEL code, with the official waits', () => {
    const burst = classifyFailure(gql([{ message: 'slow down', code: 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED' }]), ctx);
    expect(burst).toBeInstanceOf(XledgerThrottleError);
    expect(burst).toMatchObject({ kind: 'burst-limit', retryable: true, retryAfterMs: 5_000, maybeCommitted: false });

    const conc = classifyFailure(gql([{ message: 'x', code: 'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED' }]), { ...ctx, mutation: true });
    expect(conc).toMatchObject({ kind: 'concurrency-limit', retryable: true, retryAfterMs: 1_000, maybeCommitted: false });
  });

  it('waits for extensions.resetAt on INSUFFICIENT_CREDITS, else 20 minutes', () => {
    const now = Date.parse('2025-01-15T10:00:00Z');
    const resetAt = toXledgerDateTime(new Date(now + 90_000));
    const e = classifyFailure(gql([{ message: 'no credits', code: 'BAD_REQUEST.INSUFFICIENT_CREDITS', extensions: { resetAt } }]), {
      ...ctx,
      now,
    }) as XledgerThrottleError;
    expect(e.kind).toBe('insufficient-credits');
    expect(e.resetAt?.toISOString()).toBe(fromXledgerDateTime(resetAt).toISOString());
    expect(e.retryAfterMs).toBe(91_000);

    const noReset = classifyFailure(gql([{ message: 'no credits', code: 'BAD_REQUEST.INSUFFICIENT_CREDITS' }]), { ...ctx, now });
    expect(noReset.retryAfterMs).toBe(20 * 60_000);
  });

  it('prefers the credit wait when several throttle errors arrive together', () => {
    const e = classifyFailure(
      gql([
        { message: 'a', code: 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED' },
        { message: 'b', code: 'BAD_REQUEST.INSUFFICIENT_CREDITS' },
      ]),
      ctx,
    );
    expect(e.kind).toBe('insufficient-credits');
  });

  it('treats the bad-token text as a permanent auth error', () => {
    const e = classifyFailure(gql([{ message: 'Bad format for API Token. Expected header: "Authorization: token <your-token>"' }]), ctx);
    expect(e).toBeInstanceOf(XledgerAuthError);
    expect(e.retryable).toBe(false);
  });

  it('names the missing scope', () => {
    const e = classifyFailure(gql([{ message: 'Access denied: the API token does not have the scope "Common Contact" (write).' }]), ctx) as XledgerScopeError;
    expect(e).toBeInstanceOf(XledgerScopeError);
    expect(e.scope).toBe('Common Contact');
    expect(e.access).toBe('write');
    const viaExt = classifyFailure(gql([{ message: 'nope', extensions: { scope: 'Fixed Assets', access: 'read' } }]), ctx);
    expect(viaExt).toMatchObject({ kind: 'missing-scope', scope: 'Fixed Assets' });
  });

  it('maps record errors back to clientId and code, keeping exampleValidInputs', () => {
    const records = [
      { clientId: 'a', code: 'E1' },
      { clientId: 'b', code: 'E2' },
    ];
    const e = classifyFailure(
      gql([
        {
          message: 'addEmployees: inputs[1].node.code: Employee code "E2" is already in use',
          extensions: { code: 'DUPLICATE_VALUE', field: 'code', index: 1 },
        },
        {
          message: 'addEmployees: inputs[0].node.address.country: Lookup failed',
          extensions: { code: 'LOOKUP_FAILED', field: 'address.country', exampleValidInputs: [{ code: 'NO', dbId: 21 }] },
        },
      ]),
      { operation: 'AddEmployees', mutation: true, records },
    ) as XledgerRecordError;
    expect(e).toBeInstanceOf(XledgerRecordError);
    expect(e.retryable).toBe(false);
    expect(e.issues[0]).toMatchObject({ type: 'validation', clientId: 'b', code: 'E2', field: 'code', index: 1 });
    expect(e.issues[1]).toMatchObject({ type: 'lookup', clientId: 'a', code: 'E1', field: 'address.country' });
    expect(e.issues[1]!.exampleValidInputs).toEqual([{ code: 'NO', dbId: 21 }]);
    expect(e.message).toContain('E2');
    expect(e.message).toContain('code');
  });

  it('classifies GraphQL validation and parse errors as permanent query errors', () => {
    expect(classifyFailure(gql([{ message: 'Cannot query field `foo` on type `Query`' }]), ctx)).toBeInstanceOf(XledgerQueryError);
    expect(classifyFailure(gql([{ message: 'Error parsing query: Unterminated string.' }]), ctx)).toBeInstanceOf(XledgerQueryError);
    expect(classifyFailure(gql([{ message: 'x', extensions: { code: 'ARGUMENTS_OF_CORRECT_TYPE' } }]), { ...ctx, mutation: true })).toBeInstanceOf(
      XledgerQueryError,
    );
  });

  it('treats query timeouts, 5xx, 529 and connection failures as transient; mutations maybe committed', () => {
    expect(classifyFailure(gql([{ message: 'Your query timed out.' }]), ctx)).toBeInstanceOf(XledgerTransientError);
    for (const status of [500, 502, 503, 529]) {
      const e = classifyFailure({ type: 'http', status }, { ...ctx, mutation: true });
      expect(e).toMatchObject({ retryable: true, maybeCommitted: true, httpStatus: status });
    }
    expect(classifyFailure({ type: 'http', status: 400 }, ctx).retryable).toBe(false);
    expect(classifyFailure({ type: 'network', message: 'ECONNREFUSED' }, ctx)).toMatchObject({ kind: 'network', retryable: true, maybeCommitted: false });
    expect(classifyFailure({ type: 'timeout', timeoutMs: 10 }, { ...ctx, mutation: true })).toMatchObject({ kind: 'timeout', maybeCommitted: true });
  });

  it('recognises an expired delta cursor', () => {
    const e = classifyFailure(gql([{ message: 'The cursor is no longer valid', code: 'BAD_REQUEST.INVALID_CURSOR' }]), ctx);
    expect(e).toBeInstanceOf(XledgerDeltaExpiredError);
    expect(e.retryable).toBe(false);
  });

  it('converts transport exceptions and never leaks the token', () => {
    const token = 'secret-token-value-123';
    const clientError = { response: { status: 200, errors: [{ message: `weird echo of ${token}` }] } };
    const e = fromUnknown(clientError, { ...ctx, secret: token });
    expect(e.message).not.toContain(token);
    expect(e.stack ?? '').not.toContain(token);
    const abort = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    expect(fromUnknown(abort, { ...ctx, timeoutMs: 5 })).toMatchObject({ kind: 'timeout' });
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(fromUnknown(refused, ctx)).toMatchObject({ kind: 'network', retryable: true });
  });
});

describe('toRetryDecision', () => {
  it('maps errors to Temporal-style decisions', () => {
    const burst = classifyFailure(gql([{ message: 'x', code: 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED' }]), ctx);
    expect(toRetryDecision(burst)).toEqual({ retryable: true, delayMs: 5_000, kind: 'burst-limit', maybeCommitted: false });
    const perm = classifyFailure(gql([{ message: 'Bad format for API Token.' }]), ctx);
    expect(toRetryDecision(perm)).toMatchObject({ retryable: false, delayMs: 0 });
    const server = classifyFailure({ type: 'http', status: 503 }, ctx);
    expect(toRetryDecision(server, 2).delayMs).toBe(10_000);
    expect(toRetryDecision(server, 5).delayMs).toBe(300_000);
    expect(toRetryDecision(new TypeError('fetch failed'))).toMatchObject({ retryable: true, kind: 'network' });
  });

  it('follows the official backoff table', () => {
    expect([1, 2, 3, 4, 6, 7, 18].map(transientBackoffMs)).toEqual([5_000, 10_000, 15_000, 240_000, 360_000, 7_200_000, 7_200_000]);
  });
});

describe('in-process retry policy', () => {
  const server = (mutation: boolean) => classifyFailure({ type: 'http', status: 503 }, { ...ctx, mutation });
  it('does not re-send a non-idempotent mutation after an ambiguous failure', () => {
    expect(retryDelay(server(true), 1, DEFAULT_RETRY, false)).toBeUndefined();
    expect(retryDelay(server(true), 1, DEFAULT_RETRY, true)).toBe(250);
    expect(retryDelay(server(false), 3, DEFAULT_RETRY, true)).toBe(1_000);
  });

  it('gives up after maxAttempts or when the wait is too long', () => {
    expect(retryDelay(server(false), DEFAULT_RETRY.maxAttempts, DEFAULT_RETRY, true)).toBeUndefined();
    const credits = classifyFailure(gql([{ message: 'x', code: 'BAD_REQUEST.INSUFFICIENT_CREDITS' }]), ctx);
    expect(retryDelay(credits, 1, DEFAULT_RETRY, true)).toBeUndefined();
  });

  it('withRetry sleeps the advised delay and returns the eventual result', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw classifyFailure(gql([{ message: 'x', code: 'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED' }]), ctx);
        return 'done';
      },
      DEFAULT_RETRY,
      true,
      { sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(result).toBe('done');
    expect(sleeps).toEqual([1_000, 1_000]);
    await expect(withRetry(async () => Promise.reject(server(false)), false, true, { sleep: async () => undefined })).rejects.toBeInstanceOf(
      XledgerTransientError,
    );
  });
});
