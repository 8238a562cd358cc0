import { XledgerResponseError } from './errors';
import type { Connection, ListVariables } from './operations';

export { MAX_PAGE_SIZE } from '../../domain/shared/xledger-limits';
import { MAX_PAGE_SIZE } from '../../domain/shared/xledger-limits';

export interface ListOptions<F> {
  /** Nodes per request, 1..10,000 (Xledger's cap). Default 1,000. */
  pageSize?: number;
  filter?: F;
  ownerSet?: 'CURRENT' | 'UPPER' | 'LOWER' | 'MINE' | 'ALL';
  objectStatus?: 'ALL' | 'OPEN' | 'CLOSED';
  /** Resume after this cursor (e.g. a stored delta cursor). */
  after?: string;
  /** Stop after this many pages. */
  maxPages?: number;
}

export interface Page<N> {
  nodes: N[];
  /** Cursor of the last edge; pass as `after` to continue. Undefined for an empty page. */
  endCursor: string | undefined;
  hasNextPage: boolean;
  /** 1-based */
  pageNumber: number;
}

export type FetchPage<N, F> = (variables: ListVariables<F>) => Promise<Connection<N>>;

export function pageVariables<F>(options: ListOptions<F>, after: string | undefined): ListVariables<F> {
  const pageSize = options.pageSize ?? 1_000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be an integer in 1..${MAX_PAGE_SIZE}, got ${pageSize}`);
  }
  const v: ListVariables<F> = { first: pageSize };
  if (after !== undefined) v.after = after;
  if (options.filter !== undefined) v.filter = options.filter;
  if (options.ownerSet !== undefined) v.ownerSet = options.ownerSet;
  if (options.objectStatus !== undefined) v.objectStatus = options.objectStatus;
  return v;
}

/**
 * Cursor paging as every Xledger sample does it: `first`/`after`, next `after` = the last edge's cursor,
 * stop when `hasNextPage` is false. `edges: null` is an empty page.
 */
export async function* paginate<N, F>(operation: string, fetchPage: FetchPage<N, F>, options: ListOptions<F> = {}): AsyncGenerator<Page<N>> {
  let after = options.after;
  for (let pageNumber = 1; ; pageNumber++) {
    const conn = await fetchPage(pageVariables(options, after));
    const edges = conn.edges ?? [];
    const endCursor = edges.length > 0 ? edges[edges.length - 1]!.cursor : undefined;
    const hasNextPage = conn.pageInfo.hasNextPage && edges.length > 0;
    yield { nodes: edges.map((e) => e.node), endCursor, hasNextPage, pageNumber };
    if (!hasNextPage) return;
    if (endCursor === after) {
      throw new XledgerResponseError(`${operation}: cursor did not advance (${endCursor})`, {
        operation,
        kind: 'response-shape',
        retryable: false,
      });
    }
    if (options.maxPages !== undefined && pageNumber >= options.maxPages) return;
    after = endCursor;
  }
}
