import { GraphQLClient } from './graphql-request';
import { ZodError } from 'zod';
import type { RecordRef } from './errors';
import { XledgerError, classifyFailure, fromUnknown, redactError } from './errors';
import type { AnyOperation } from './operations';

export interface TransportOptions {
  url: string;
  token: string;
  /** Per-request timeout; the request is aborted and classified as a (retryable) timeout. */
  timeoutMs: number;
  fetch?: typeof fetch;
  userAgent?: string;
}

export interface Transport {
  /** One HTTP round trip; returns `op.parse(data)` (zod-checked) or throws a classified XledgerError. */
  send(op: AnyOperation, variables: Record<string, unknown>, records?: readonly RecordRef[]): Promise<unknown>;
}

export function createTransport(options: TransportOptions): Transport {
  const baseFetch = options.fetch ?? fetch;
  const timedFetch: typeof fetch = (input, init) => baseFetch(input, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  const client = new GraphQLClient(options.url, {
    headers: {
      Authorization: `token ${options.token}`,
      Accept: 'application/json',
      ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}),
    },
    fetch: timedFetch,
  });

  return {
    async send(op, variables, records) {
      const ctx = { operation: op.name, mutation: op.kind === 'mutation', ...(records ? { records } : {}) };
      let data: unknown;
      try {
        data = await client.request<unknown>({ document: op.document, variables });
      } catch (err) {
        throw fromUnknown(err, { ...ctx, timeoutMs: options.timeoutMs, secret: options.token });
      }
      try {
        return op.parse(data);
      } catch (err) {
        if (err instanceof ZodError) {
          const detail = err.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ');
          throw redactError(classifyFailure({ type: 'shape', message: detail }, ctx), options.token);
        }
        throw err instanceof XledgerError ? err : fromUnknown(err, ctx);
      }
    },
  };
}
