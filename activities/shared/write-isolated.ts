import { XledgerError, XledgerRecordError } from '../../xledger/index';

export interface IsolatedResult<N> {
  written: Map<string, N>;
  /** clientId → reason, for records Xledger refused. */
  refused: Map<string, string>;
  requests: number;
}

/**
 * Sends a batch; when Xledger refuses records, drops exactly those (or, when it does not say which, halves the
 * batch until it finds them) and sends the rest again. One bad employee never blocks the others. Retryable
 * errors (throttling, 5xx) are thrown for the activity's retry.
 */
export async function writeIsolated<I extends { clientId: string }, N>(
  inputs: readonly I[],
  send: (part: I[]) => Promise<Array<{ clientId: string; node: N }>>,
): Promise<IsolatedResult<N>> {
  const written = new Map<string, N>();
  const refused = new Map<string, string>();
  let requests = 0;
  const queue: I[][] = inputs.length ? [[...inputs]] : [];
  while (queue.length) {
    const part = queue.shift()!;
    try {
      requests += 1;
      for (const r of await send(part)) written.set(r.clientId, r.node);
    } catch (err) {
      if (!(err instanceof XledgerError) || err.retryable) throw err;
      const named = err instanceof XledgerRecordError ? err.issues.filter((i) => i.clientId && part.some((p) => p.clientId === i.clientId)) : [];
      if (named.length) {
        for (const issue of named) refused.set(issue.clientId!, issue.field ? `${issue.field}: ${issue.message}` : issue.message);
        const rest = part.filter((p) => !refused.has(p.clientId));
        if (rest.length) queue.unshift(rest);
      } else if (part.length === 1) {
        refused.set(part[0].clientId, err.message);
      } else {
        const half = Math.ceil(part.length / 2);
        queue.unshift(part.slice(0, half), part.slice(half));
      }
    }
  }
  return { written, refused, requests };
}
