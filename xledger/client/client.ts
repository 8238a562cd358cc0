import { createHash } from 'node:crypto';
import type { RecordRef, XledgerError } from './errors';
import type { BulkInput } from './inputs';
import type * as I from './inputs';
import { SlidingWindowLimiter, Semaphore } from './limiter';
import type { BulkOperation, Connection, ListOperation, ListVariables, RemoveOperation } from './operations';
import { Ops } from './operations';
import type { ListOptions, Page } from './paging';
import { paginate } from './paging';
import type { BulkOutcome } from './bulk';
import { MAX_BULK_NODES, bulkWrite } from './bulk';
import { chunk } from '../../domain/shared/collections';
import type { RetryOptions } from './retry';
import { DEFAULT_RETRY, withRetry } from './retry';
import type { RemoveResult } from './schemas';
import { createTransport } from './transport';

/** The subset of a pino logger the client uses. Never receives the token. */
export interface XledgerLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface XledgerClientOptions {
  /** e.g. https://www.xledger.net/graphql or https://demo.xledger.net/graphql */
  url: string;
  token: string;
  /** Per-request timeout. Default 120 s (big pages are slow). */
  timeoutMs?: number;
  /** In-process retries; `false` to let the caller (e.g. Temporal) retry via toRetryDecision. */
  retry?: Partial<RetryOptions> | false;
  /**
   * Client-side burst limiter. Default: 20 requests per 5.25 s, shared by all clients in this process
   * that use the same token. `false` disables it (e.g. against the fake with limits off).
   */
  limiter?: { max: number; windowMs: number } | SlidingWindowLimiter | false;
  /** Requests in flight at once (Xledger has a concurrency limit). Default 2. */
  maxInFlight?: number;
  /** Default page size for readers. */
  pageSize?: number;
  logger?: XledgerLogger;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface Reader<N, F> {
  /** Pages of nodes, following cursors until hasNextPage is false. */
  pages(options?: ListOptions<F>): AsyncGenerator<Page<N>>;
  /** Nodes one by one across pages. */
  list(options?: ListOptions<F>): AsyncGenerator<N>;
  /** Every node, collected in memory. */
  all(options?: ListOptions<F>): Promise<N[]>;
  /** One raw request (e.g. `{ last: 1 }`). */
  page(variables: ListVariables<F>): Promise<Connection<N>>;
}

export interface Writer<I, N> {
  (inputs: readonly BulkInput<I>[], options?: { chunkSize?: number }): Promise<BulkOutcome<N>[]>;
}

type NodeOf<O> = O extends ListOperation<infer N, unknown> ? N : O extends BulkOperation<unknown, infer N> ? N : never;
type FilterOf<O> = O extends ListOperation<unknown, infer F> ? F : never;

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const sharedLimiters = new Map<string, SlidingWindowLimiter>();

/** One limiter per (url, token) in the process; keyed by a hash so the token itself is not kept twice. */
function sharedLimiter(url: string, token: string, max: number, windowMs: number): SlidingWindowLimiter {
  const key = createHash('sha256').update(`${url}\n${token}\n${max}\n${windowMs}`).digest('hex');
  let l = sharedLimiters.get(key);
  if (!l) {
    l = new SlidingWindowLimiter({ max, windowMs });
    sharedLimiters.set(key, l);
  }
  return l;
}

export const DEFAULT_LIMIT = { max: 20, windowMs: 5_250 } as const;

export function createXledgerClient(options: XledgerClientOptions) {
  if (!options.token) throw new Error('Xledger token is empty');
  const sleep = options.sleep ?? defaultSleep;
  const transport = createTransport({
    url: options.url,
    token: options.token,
    timeoutMs: options.timeoutMs ?? 120_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const retry: RetryOptions | false = options.retry === false ? false : { ...DEFAULT_RETRY, ...options.retry };
  const limiter =
    options.limiter === false
      ? undefined
      : options.limiter instanceof SlidingWindowLimiter
        ? options.limiter
        : sharedLimiter(options.url, options.token, options.limiter?.max ?? DEFAULT_LIMIT.max, options.limiter?.windowMs ?? DEFAULT_LIMIT.windowMs);
  const inFlight = new Semaphore(options.maxInFlight ?? 2);
  const log = options.logger;

  async function execute(
    op: ListOperation<unknown, unknown> | BulkOperation<unknown, unknown> | RemoveOperation,
    variables: Record<string, unknown>,
    records?: readonly RecordRef[],
  ): Promise<unknown> {
    return withRetry(
      () =>
        inFlight.run(async () => {
          // Taken right before sending so the window matches what the server sees.
          if (limiter) await limiter.acquire(sleep);
          return transport.send(op, variables, records);
        }),
      retry,
      op.idempotent,
      {
        sleep,
        onRetry: ({ attempt, delayMs, error }: { attempt: number; delayMs: number; error: XledgerError }) =>
          log?.warn({ operation: op.name, attempt, delayMs, kind: error.kind, code: error.code }, 'xledger retry'),
      },
    );
  }

  function reader<O extends ListOperation<unknown, unknown>>(op: O): Reader<NodeOf<O>, FilterOf<O>> {
    type N = NodeOf<O>;
    type F = FilterOf<O>;
    const page = async (variables: ListVariables<F>) => (await execute(op, variables as Record<string, unknown>)) as Connection<N>;
    const withDefaults = (o: ListOptions<F> = {}): ListOptions<F> =>
      o.pageSize === undefined && options.pageSize !== undefined ? { ...o, pageSize: options.pageSize } : o;
    const pages = (o?: ListOptions<F>) => paginate<N, F>(op.name, page, withDefaults(o));
    async function* list(o?: ListOptions<F>): AsyncGenerator<N> {
      for await (const p of pages(o)) yield* p.nodes;
    }
    return {
      page,
      pages,
      list,
      async all(o) {
        const out: N[] = [];
        for await (const p of pages(o)) out.push(...p.nodes);
        return out;
      },
    };
  }

  function writer<O extends BulkOperation<unknown, unknown>>(
    op: O,
    recordCode?: (node: O extends BulkOperation<infer In, unknown> ? In : never) => string | undefined,
  ): Writer<O extends BulkOperation<infer In, unknown> ? In : never, NodeOf<O>> {
    type In = O extends BulkOperation<infer X, unknown> ? X : never;
    return (inputs, o = {}) =>
      bulkWrite<In, NodeOf<O>>(op.name, inputs, async (part, records) => (await execute(op, { inputs: part }, records)) as never, {
        ...o,
        ...(recordCode ? { recordCode } : {}),
      });
  }

  function remover(op: RemoveOperation) {
    return async (dbIds: readonly number[]): Promise<RemoveResult> => {
      let numAffected = 0;
      const skippedDbIds: number[] = [];
      for (const part of chunk(dbIds, MAX_BULK_NODES)) {
        const r = (await execute(op, { dbIds: part.map(String) })) as RemoveResult;
        numAffected += r.numAffected;
        skippedDbIds.push(...(r.skippedDbIds ?? []));
      }
      return { numAffected, skippedDbIds };
    };
  }

  const byCode = (n: { code?: string | null }) => n.code ?? undefined;

  const employeeDeltas = reader(Ops.listEmployeeDeltas);

  return {
    /** Run any exported operation with raw variables; resolves to the op's parsed (zod-checked) result. */
    execute,
    entities: reader(Ops.listEntities),
    currencies: reader(Ops.listCurrencies),
    countries: reader(Ops.listCountries),
    companies: reader(Ops.listCompanies),
    contacts: { ...reader(Ops.listContacts), update: writer(Ops.updateContacts) },
    subledgers: { ...reader(Ops.listSubledgers), update: writer(Ops.updateSubledgers) },
    suppliers: {
      ...reader(Ops.listSuppliers),
      add: writer(Ops.addSuppliers, (n: I.AddSupplierNode) => n.code),
      update: writer(Ops.updateSuppliers, byCode),
    },
    employees: {
      ...reader(Ops.listEmployees),
      /** Employees without contact and subledger (needs only the employee scope; cheaper). */
      basic: reader(Ops.listEmployeesBasic),
      add: writer(Ops.addEmployees, (n: I.AddEmployeeNode) => n.code),
      update: writer(Ops.updateEmployees, byCode),
      remove: remover(Ops.removeEmployees),
    },
    employeeDeltas: {
      ...employeeDeltas,
      /** Cursor of the newest delta, to start incremental syncs after a full sync (`last: 1`). */
      async latestCursor(): Promise<string | undefined> {
        const c = await employeeDeltas.page({ last: 1 });
        return c.edges?.[c.edges.length - 1]?.cursor;
      },
    },
    employeePositions: reader(Ops.listEmployeePositions),
    objectKinds: reader(Ops.listObjectKinds),
    objectValues: reader(Ops.listObjectValues),
    accounts: reader(Ops.listAccounts),
    assets: reader(Ops.listAssets),
    absenceCodes: reader(Ops.listAbsenceCodes),
    absences: {
      ...reader(Ops.listAbsences),
      add: writer(Ops.addAbsences),
      update: writer(Ops.updateAbsences),
      remove: remover(Ops.removeAbsences),
    },
    products: reader(Ops.listProducts),
    salesOrders: { ...reader(Ops.listSalesOrders), add: writer(Ops.addSalesOrderItems) },
    invoiceBaseItems: { ...reader(Ops.listInvoiceBaseItems), add: writer(Ops.addInvoiceBaseItems) },
  };
}

export type XledgerClient = ReturnType<typeof createXledgerClient>;
