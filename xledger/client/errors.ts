import type { Access } from '../scopes';
import { isScopeArea } from '../scopes';
import { parseXledgerInstant } from './formats';

/** Xledger's throttling codes arrive as a TOP-LEVEL `code` on the GraphQL error object. */
export const THROTTLE_CODES = {
  burst: 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED',
  concurrency: 'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED',
  credits: 'BAD_REQUEST.INSUFFICIENT_CREDITS',
} as const;

/** Waits from Xledger's official sample (graphql-samples ProjectSyncer). */
export const THROTTLE_DELAYS_MS = {
  burst: 5_000,
  concurrency: 1_000,
  creditsWithoutResetAt: 20 * 60_000,
} as const;

export const BAD_TOKEN_MESSAGE_PREFIX = 'Bad format for API Token';

export interface GraphQLErrorLike {
  message?: string;
  code?: unknown;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

/** A failure reduced to what classification needs; built from whatever the transport threw. */
export type RawFailure =
  | { type: 'graphql'; status: number; errors: GraphQLErrorLike[] }
  | { type: 'http'; status: number; body?: string; retryAfterHeader?: string | null }
  | { type: 'network'; message: string }
  | { type: 'timeout'; timeoutMs?: number }
  | { type: 'shape'; message: string };

export interface RecordRef {
  clientId?: string;
  /** A human key of the record, e.g. the employee code. */
  code?: string;
}

export interface ClassifyContext {
  operation: string;
  mutation?: boolean;
  /** Inputs of the request in order, so errors naming `inputs[i]` or a clientId map back to a record. */
  records?: readonly RecordRef[];
  now?: number;
}

export type XledgerErrorKind =
  | 'burst-limit'
  | 'concurrency-limit'
  | 'insufficient-credits'
  | 'server'
  | 'timeout'
  | 'network'
  | 'auth'
  | 'missing-scope'
  | 'invalid-query'
  | 'record'
  | 'delta-expired'
  | 'response-shape'
  | 'unknown';

export interface XledgerErrorFields {
  kind: XledgerErrorKind;
  operation: string;
  retryable: boolean;
  retryAfterMs?: number;
  code?: string;
  httpStatus?: number;
  /** A mutation failed in a way where the server may already have applied it (5xx, timeout, lost connection). */
  maybeCommitted?: boolean;
}

export class XledgerError extends Error {
  readonly kind: XledgerErrorKind;
  readonly operation: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly code?: string;
  readonly httpStatus?: number;
  readonly maybeCommitted: boolean;

  constructor(message: string, f: XledgerErrorFields) {
    super(message);
    this.name = new.target.name;
    this.kind = f.kind;
    this.operation = f.operation;
    this.retryable = f.retryable;
    if (f.retryAfterMs !== undefined) this.retryAfterMs = f.retryAfterMs;
    if (f.code !== undefined) this.code = f.code;
    if (f.httpStatus !== undefined) this.httpStatus = f.httpStatus;
    this.maybeCommitted = f.maybeCommitted ?? false;
  }
}

/** Burst, concurrency or credit limit. Rejected before execution, so retrying a mutation is safe. */
export class XledgerThrottleError extends XledgerError {
  readonly resetAt?: Date;
  constructor(message: string, f: XledgerErrorFields & { resetAt?: Date }) {
    super(message, f);
    if (f.resetAt) this.resetAt = f.resetAt;
  }
}

/** 5xx, 529, timeouts, connection failures. */
export class XledgerTransientError extends XledgerError {}
export class XledgerAuthError extends XledgerError {}

export class XledgerScopeError extends XledgerError {
  readonly scope?: string;
  readonly access?: Access;
  constructor(message: string, f: XledgerErrorFields & { scope?: string; access?: Access }) {
    super(message, f);
    if (f.scope) this.scope = f.scope;
    if (f.access) this.access = f.access;
  }
}

/** Parse or validation errors of the document itself; a bug on our side or a schema change on theirs. */
export class XledgerQueryError extends XledgerError {}

export interface ExampleValidInput {
  code?: string | null;
  dbId?: number | string | null;
  ownerDbId?: number | string | null;
  text?: string | null;
}

export interface RecordIssue {
  type: 'validation' | 'lookup';
  message: string;
  clientId?: string;
  code?: string;
  field?: string;
  index?: number;
  exampleValidInputs?: ExampleValidInput[];
}

/** One or more input records were rejected (validation or unknown lookup); the batch was not applied. */
export class XledgerRecordError extends XledgerError {
  readonly issues: RecordIssue[];
  constructor(message: string, f: XledgerErrorFields & { issues: RecordIssue[] }) {
    super(message, f);
    this.issues = f.issues;
  }
}

/** A `*_deltas` cursor is older than Xledger's 3-day retention: do a full sync. */
export class XledgerDeltaExpiredError extends XledgerError {}
/** The response did not match the zod schema. */
export class XledgerResponseError extends XledgerError {}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function codeOf(e: GraphQLErrorLike): string | undefined {
  return str(e.code) ?? str(e.extensions?.code);
}

function throttleKind(code: string | undefined): 'burst' | 'concurrency' | 'credits' | undefined {
  if (code === THROTTLE_CODES.burst) return 'burst';
  if (code === THROTTLE_CODES.concurrency) return 'concurrency';
  if (code === THROTTLE_CODES.credits) return 'credits';
  return undefined;
}

const GRAPHQL_VALIDATION_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'ARGUMENTS_OF_CORRECT_TYPE',
  'FIELDS_ON_CORRECT_TYPE',
  'KNOWN_ARGUMENT_NAMES',
  'VARIABLES_OF_CORRECT_TYPE',
  'PROVIDED_NON_NULL_ARGUMENTS',
  'SYNTAX_ERROR',
]);

const RECORD_CODES = new Set(['INVALID_VALUE', 'VALIDATION_ERROR', 'DUPLICATE_VALUE', 'LOOKUP_FAILED', 'MAX_INPUTS_EXCEEDED']);

export function creditDelayMs(resetAt: Date | undefined, now: number): number {
  if (!resetAt) return THROTTLE_DELAYS_MS.creditsWithoutResetAt;
  // A second of margin: resetAt has one-second resolution and clocks differ slightly.
  return Math.max(1_000, resetAt.getTime() - now + 1_000);
}

function recordIssueFrom(e: GraphQLErrorLike, ctx: ClassifyContext): RecordIssue {
  const ext = e.extensions ?? {};
  const message = e.message ?? 'Invalid input';
  let index = typeof ext.index === 'number' ? ext.index : undefined;
  if (index === undefined) {
    const m = /inputs\[(\d+)\]/.exec(message);
    if (m) index = Number(m[1]);
  }
  let clientId = str(ext.clientId);
  const records = ctx.records ?? [];
  if (clientId === undefined && index !== undefined) clientId = records[index]?.clientId;
  if (index === undefined && clientId !== undefined) {
    const i = records.findIndex((r) => r.clientId === clientId);
    if (i >= 0) index = i;
  }
  const code = str(ext.recordCode) ?? (index !== undefined ? records[index]?.code : undefined);
  const field = str(ext.field) ?? /field [`'"]?([\w.]+)[`'"]?/i.exec(message)?.[1];
  const examples = Array.isArray(ext.exampleValidInputs) ? (ext.exampleValidInputs as ExampleValidInput[]) : undefined;
  const issue: RecordIssue = { type: examples || codeOf(e) === 'LOOKUP_FAILED' ? 'lookup' : 'validation', message };
  if (clientId !== undefined) issue.clientId = clientId;
  if (code !== undefined) issue.code = code;
  if (field !== undefined) issue.field = field;
  if (index !== undefined) issue.index = index;
  if (examples) issue.exampleValidInputs = examples;
  return issue;
}

function isRecordError(e: GraphQLErrorLike, ctx: ClassifyContext): boolean {
  const ext = e.extensions ?? {};
  if (Array.isArray(ext.exampleValidInputs)) return true;
  if (!ctx.mutation) return false;
  const code = codeOf(e);
  return (code !== undefined && RECORD_CODES.has(code)) || ext.clientId !== undefined || ext.field !== undefined || /inputs\[\d+\]/.test(e.message ?? '');
}

function scopeOf(e: GraphQLErrorLike): { scope?: string; access?: Access } | undefined {
  const ext = e.extensions ?? {};
  const msg = e.message ?? '';
  const code = codeOf(e) ?? '';
  const looksLikeScope =
    ext.scope !== undefined || /MISSING_SCOPE|ACCESS_DENIED|FORBIDDEN/.test(code) || /\bscope\b|not allowed|access denied|permission/i.test(msg);
  if (!looksLikeScope) return undefined;
  const quoted = /"([^"]+)"/.exec(msg)?.[1];
  const scope = str(ext.scope) ?? (quoted && isScopeArea(quoted) ? quoted : undefined);
  const accessRaw = str(ext.access) ?? /\((read|write)\)/.exec(msg)?.[1];
  const out: { scope?: string; access?: Access } = {};
  if (scope) out.scope = scope;
  if (accessRaw === 'read' || accessRaw === 'write') out.access = accessRaw;
  return out;
}

function isAuthError(e: GraphQLErrorLike): boolean {
  const msg = e.message ?? '';
  const code = codeOf(e) ?? '';
  return (
    msg.startsWith(BAD_TOKEN_MESSAGE_PREFIX) ||
    /UNAUTHENTICATED|INVALID_TOKEN|AUTH_NOT_AUTHENTICATED/.test(code) ||
    /invalid (api )?token|token (is )?(expired|revoked)/i.test(msg)
  );
}

function classifyGraphQL(failure: { status: number; errors: GraphQLErrorLike[] }, ctx: ClassifyContext): XledgerError {
  const { errors } = failure;
  const now = ctx.now ?? Date.now();
  const base = { operation: ctx.operation, httpStatus: failure.status };
  const first = errors[0] ?? { message: 'Unknown GraphQL error' };

  // Throttling wins over everything: nothing ran, retrying is safe. Credits first: it needs the longest wait.
  const throttles = errors
    .map((e) => ({ e, kind: throttleKind(codeOf(e)) }))
    .filter((x): x is { e: GraphQLErrorLike; kind: 'burst' | 'concurrency' | 'credits' } => x.kind !== undefined);
  const order = { credits: 0, burst: 1, concurrency: 2 } as const;
  throttles.sort((a, b) => order[a.kind] - order[b.kind]);
  const t = throttles[0];
  if (t) {
    const code = THROTTLE_CODES[t.kind];
    const message = `${ctx.operation}: ${t.e.message ?? code}`;
    if (t.kind === 'credits') {
      const raw = str(t.e.extensions?.resetAt);
      const resetAt = raw ? parseXledgerInstant(raw) : undefined;
      return new XledgerThrottleError(message, {
        ...base,
        kind: 'insufficient-credits',
        retryable: true,
        retryAfterMs: creditDelayMs(resetAt, now),
        code,
        ...(resetAt ? { resetAt } : {}),
      });
    }
    return new XledgerThrottleError(message, {
      ...base,
      kind: t.kind === 'burst' ? 'burst-limit' : 'concurrency-limit',
      retryable: true,
      retryAfterMs: t.kind === 'burst' ? THROTTLE_DELAYS_MS.burst : THROTTLE_DELAYS_MS.concurrency,
      code,
    });
  }

  const timedOut = errors.find((e) => /timed out/i.test(e.message ?? ''));
  if (timedOut) {
    return new XledgerTransientError(`${ctx.operation}: ${timedOut.message}`, {
      ...base,
      kind: 'timeout',
      retryable: true,
      maybeCommitted: ctx.mutation ?? false,
    });
  }

  const auth = errors.find(isAuthError);
  if (auth) {
    return new XledgerAuthError(`${ctx.operation}: ${auth.message}`, {
      ...base,
      kind: 'auth',
      retryable: false,
      ...(codeOf(auth) ? { code: codeOf(auth)! } : {}),
    });
  }

  for (const e of errors) {
    const s = scopeOf(e);
    if (s) {
      return new XledgerScopeError(`${ctx.operation}: ${e.message}`, {
        ...base,
        ...s,
        kind: 'missing-scope',
        retryable: false,
        ...(codeOf(e) ? { code: codeOf(e)! } : {}),
      });
    }
  }

  const expired = errors.find((e) => /CURSOR/.test(codeOf(e) ?? '') || /cursor.*(expired|no longer valid)/i.test(e.message ?? ''));
  if (expired) {
    return new XledgerDeltaExpiredError(`${ctx.operation}: ${expired.message}`, {
      ...base,
      kind: 'delta-expired',
      retryable: false,
      ...(codeOf(expired) ? { code: codeOf(expired)! } : {}),
    });
  }

  const recordErrors = errors.filter((e) => isRecordError(e, ctx));
  if (recordErrors.length > 0) {
    const issues = recordErrors.map((e) => recordIssueFrom(e, ctx));
    const head = issues[0]!;
    const who = [head.code ? `code ${head.code}` : null, head.clientId ? `clientId ${head.clientId}` : null].filter(Boolean).join(', ');
    const summary = `${ctx.operation}: ${issues.length} record(s) rejected; first${who ? ` (${who})` : ''}${
      head.field ? ` field ${head.field}` : ''
    }: ${head.message}`;
    return new XledgerRecordError(summary, {
      ...base,
      kind: 'record',
      retryable: false,
      issues,
      ...(codeOf(recordErrors[0]!) ? { code: codeOf(recordErrors[0]!)! } : {}),
    });
  }

  const invalid = errors.find(
    (e) =>
      GRAPHQL_VALIDATION_CODES.has(codeOf(e) ?? '') ||
      /^(Error parsing query|Syntax Error|Cannot query field|Unknown (argument|type)|Variable "\$)/.test(e.message ?? ''),
  );
  if (invalid) {
    return new XledgerQueryError(`${ctx.operation}: ${invalid.message}`, {
      ...base,
      kind: 'invalid-query',
      retryable: false,
      ...(codeOf(invalid) ? { code: codeOf(invalid)! } : {}),
    });
  }

  if (failure.status >= 500 || /internal server error|unexpected error|try again/i.test(first.message ?? '')) {
    return new XledgerTransientError(`${ctx.operation}: ${first.message}`, {
      ...base,
      kind: 'server',
      retryable: true,
      maybeCommitted: ctx.mutation ?? false,
    });
  }
  return new XledgerError(`${ctx.operation}: ${first.message ?? 'Unknown GraphQL error'}`, {
    ...base,
    kind: 'unknown',
    retryable: false,
    ...(codeOf(first) ? { code: codeOf(first)! } : {}),
  });
}

function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const t = Date.parse(header);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** Pure: turn a reduced failure into a typed error. */
export function classifyFailure(failure: RawFailure, ctx: ClassifyContext): XledgerError {
  const mutation = ctx.mutation ?? false;
  switch (failure.type) {
    case 'graphql':
      return classifyGraphQL(failure, ctx);
    case 'http': {
      const s = failure.status;
      if (s >= 500 || s === 408 || s === 429) {
        const retryAfterMs = parseRetryAfter(failure.retryAfterHeader, ctx.now ?? Date.now());
        return new XledgerTransientError(`${ctx.operation}: HTTP ${s}`, {
          operation: ctx.operation,
          kind: 'server',
          retryable: true,
          httpStatus: s,
          // 429 is rejected up front; a 5xx may have died after the write was applied.
          maybeCommitted: mutation && s !== 429,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        });
      }
      if (s === 401 || s === 403) {
        return new XledgerAuthError(`${ctx.operation}: HTTP ${s}`, {
          operation: ctx.operation,
          kind: 'auth',
          retryable: false,
          httpStatus: s,
        });
      }
      return new XledgerError(`${ctx.operation}: HTTP ${s}${failure.body ? `: ${failure.body.slice(0, 200)}` : ''}`, {
        operation: ctx.operation,
        kind: 'unknown',
        retryable: false,
        httpStatus: s,
      });
    }
    case 'network':
      return new XledgerTransientError(`${ctx.operation}: connection failed: ${failure.message}`, {
        operation: ctx.operation,
        kind: 'network',
        retryable: true,
        maybeCommitted: mutation,
      });
    case 'timeout':
      return new XledgerTransientError(`${ctx.operation}: no response${failure.timeoutMs ? ` within ${failure.timeoutMs} ms` : ''}`, {
        operation: ctx.operation,
        kind: 'timeout',
        retryable: true,
        maybeCommitted: mutation,
      });
    case 'shape':
      return new XledgerResponseError(`${ctx.operation}: unexpected response shape: ${failure.message}`, {
        operation: ctx.operation,
        kind: 'response-shape',
        retryable: false,
      });
  }
}

interface ClientErrorLike {
  response: { status: number; errors?: unknown; body?: string; headers?: { get(name: string): string | null } };
}

function isClientErrorLike(err: unknown): err is ClientErrorLike {
  return (
    typeof err === 'object' &&
    err !== null &&
    'response' in err &&
    typeof (err as ClientErrorLike).response === 'object' &&
    typeof (err as ClientErrorLike).response?.status === 'number'
  );
}

/** Reduce anything the transport may throw (graphql-request ClientError, fetch errors, aborts) to a RawFailure. */
export function toRawFailure(err: unknown, timeoutMs?: number): RawFailure {
  if (isClientErrorLike(err)) {
    const { status, errors, body, headers } = err.response;
    if (Array.isArray(errors) && errors.length > 0) return { type: 'graphql', status, errors: errors as GraphQLErrorLike[] };
    return { type: 'http', status, ...(body ? { body } : {}), retryAfterHeader: headers?.get('retry-after') ?? null };
  }
  if (err instanceof Error) {
    if (err.name === 'AbortError' || err.name === 'TimeoutError') {
      return timeoutMs !== undefined ? { type: 'timeout', timeoutMs } : { type: 'timeout' };
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (err instanceof TypeError || cause?.code) {
      return { type: 'network', message: cause?.code ?? cause?.message ?? err.message };
    }
    return { type: 'network', message: err.message };
  }
  return { type: 'network', message: String(err) };
}

export function fromUnknown(err: unknown, ctx: ClassifyContext & { timeoutMs?: number; secret?: string }): XledgerError {
  if (err instanceof XledgerError) return err;
  return redactError(classifyFailure(toRawFailure(err, ctx.timeoutMs), ctx), ctx.secret);
}

/** Remove a secret (the API token) from an error's message, should a server or proxy ever echo it. */
export function redactError<E extends Error>(err: E, secret: string | undefined): E {
  if (secret && secret.length >= 4 && err.message.includes(secret)) {
    err.message = err.message.split(secret).join('[redacted]');
    if (err.stack) err.stack = err.stack.split(secret).join('[redacted]');
  }
  return err;
}

/** What a bulk write had finished when one of its chunks failed (attached to the thrown error). */
export interface BulkProgress<N = unknown> {
  completed: Array<{ clientId: string; node: N }>;
  notSent: string[];
  failedClientIds: string[];
}

export function attachBulkProgress(err: XledgerError, progress: BulkProgress): XledgerError {
  (err as XledgerError & { bulk?: BulkProgress }).bulk = progress;
  return err;
}

export function bulkProgressOf(err: unknown): BulkProgress | undefined {
  return err instanceof XledgerError ? (err as XledgerError & { bulk?: BulkProgress }).bulk : undefined;
}
