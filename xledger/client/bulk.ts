import { chunk } from '../../domain/shared/collections';
import type { RecordRef, XledgerError } from './errors';
import { XledgerResponseError, attachBulkProgress } from './errors';
import type { BulkInput } from './inputs';
import type { MutationEdge } from './operations';

/** Xledger's limit for mass mutations. */
export { MAX_BULK_NODES } from '../../domain/shared/xledger-limits';
import { MAX_BULK_NODES } from '../../domain/shared/xledger-limits';

export interface BulkOutcome<N> {
  clientId: string;
  node: N;
}

export interface PreparedInput<I> {
  clientId: string;
  node: I;
}

/** Give every input a clientId (its index when absent) and reject duplicates. Pure. */
export function prepareInputs<I>(inputs: readonly BulkInput<I>[]): PreparedInput<I>[] {
  const seen = new Set<string>();
  return inputs.map((input, index) => {
    const clientId = input.clientId ?? String(index);
    if (seen.has(clientId)) throw new RangeError(`duplicate clientId ${JSON.stringify(clientId)}`);
    seen.add(clientId);
    return { clientId, node: input.node };
  });
}

/**
 * Map a mutation's edges back to the inputs sent. By clientId when the server echoes them, else by
 * position when the counts agree. Pure.
 */
export function matchEdges<I, N>(operation: string, sent: readonly PreparedInput<I>[], edges: readonly MutationEdge<N>[]): BulkOutcome<N>[] {
  const echoed = edges.every((e) => typeof e.clientId === 'string');
  if (echoed) {
    const byId = new Map(edges.map((e) => [e.clientId as string, e.node]));
    const missing = sent.filter((s) => !byId.has(s.clientId));
    if (missing.length === 0) return sent.map((s) => ({ clientId: s.clientId, node: byId.get(s.clientId)! }));
    throw new XledgerResponseError(
      `${operation}: no result for clientId(s) ${missing
        .slice(0, 5)
        .map((m) => m.clientId)
        .join(', ')}`,
      { operation, kind: 'response-shape', retryable: false },
    );
  }
  if (edges.length === sent.length) return sent.map((s, i) => ({ clientId: s.clientId, node: edges[i]!.node }));
  throw new XledgerResponseError(`${operation}: sent ${sent.length} nodes, got ${edges.length} results`, {
    operation,
    kind: 'response-shape',
    retryable: false,
  });
}

export type SendChunk<I, N> = (inputs: Array<{ clientId: string; node: I }>, records: RecordRef[]) => Promise<MutationEdge<N>[]>;

/**
 * Send inputs in chunks of ≤ 500, one after another (Xledger also limits concurrency). If a chunk fails,
 * the error carries `bulk` progress: which clientIds completed, failed, and were never sent.
 */
export async function bulkWrite<I, N>(
  operation: string,
  inputs: readonly BulkInput<I>[],
  send: SendChunk<I, N>,
  options: { chunkSize?: number; recordCode?: (node: I) => string | undefined } = {},
): Promise<BulkOutcome<N>[]> {
  const chunkSize = Math.min(options.chunkSize ?? MAX_BULK_NODES, MAX_BULK_NODES);
  const prepared = prepareInputs(inputs);
  const chunks = chunk(prepared, chunkSize);
  const results: BulkOutcome<N>[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const part = chunks[i]!;
    const records = part.map((p) => {
      const r: RecordRef = { clientId: p.clientId };
      const code = options.recordCode?.(p.node);
      if (code !== undefined) r.code = code;
      return r;
    });
    try {
      const edges = await send(part, records);
      results.push(...matchEdges(operation, part, edges));
    } catch (err) {
      if (err && typeof err === 'object' && 'kind' in err) {
        attachBulkProgress(err as XledgerError, {
          completed: results,
          failedClientIds: part.map((p) => p.clientId),
          notSent: chunks.slice(i + 1).flatMap((c) => c.map((p) => p.clientId)),
        });
      }
      throw err;
    }
  }
  return results;
}
