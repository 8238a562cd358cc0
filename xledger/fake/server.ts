import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toXledgerDateTime } from '../client/formats';
import { authenticate } from './auth';
import { RequestContext } from './context';
import type { JsonError } from './execute';
import { executeDocument, inspectDocument } from './execute';
import type { KnobPatch } from './knobs';
import { defaultKnobs, defaultTokens, mergeKnobs } from './knobs';
import { TokenLimits } from './limits';
import { createRng } from './rng';
import { defaultSeed, generateEmployees } from './seed';
import { FakeState } from './state';
import type { FakeTokenConfig, ForcedError, Knobs, Seed, Stats } from './types';

export interface FakeXledgerOptions {
  /** 0 = a free port. Default 0. */
  port?: number;
  host?: string;
  /** Initial data; default: the demo group's master data (see seed.ts). */
  seed?: Seed;
  /** Also generate this many employees (with contact and subledger) in the first entity. */
  generateEmployees?: number;
  tokens?: FakeTokenConfig[];
  knobs?: KnobPatch;
  /** Base clock (epoch ms); the knob clockOffsetMs shifts it. */
  now?: () => number;
  /** Log each request to stderr. */
  verbose?: boolean;
}

export interface FakeXledger {
  /** POST GraphQL endpoint, e.g. http://127.0.0.1:7300/graphql */
  url: string;
  /** Base of the admin endpoints, e.g. http://127.0.0.1:7300/__admin */
  adminUrl: string;
  port: number;
  state: FakeState;
  tokens: FakeTokenConfig[];
  knobs(): Knobs;
  setKnobs(patch: KnobPatch): Knobs;
  stats(): Stats;
  resetStats(): void;
  /** Back to the initial seed, knobs, stats; clears the crashed flag. */
  reset(): void;
  /** Clear the crashed flag (data kept). */
  recover(): void;
  crashed(): boolean;
  stop(): Promise<void>;
}

function emptyStats(): Stats {
  return {
    requests: 0,
    byOperation: {},
    byRootField: {},
    mutationNodes: {},
    writtenNodes: 0,
    throttled: {},
    http5xx: 0,
    authFailures: 0,
    graphqlErrors: 0,
    maxInFlight: 0,
    responseBytes: 0,
  };
}

const bump = (m: Record<string, number>, k: string, by = 1) => {
  m[k] = (m[k] ?? 0) + by;
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

function sendJsonText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const THROTTLE_MESSAGES: Record<string, string> = {
  'BAD_REQUEST.BURST_RATE_LIMIT_REACHED': 'Burst rate limit reached.',
  'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED': 'Concurrency limit reached.',
  'BAD_REQUEST.INSUFFICIENT_CREDITS': 'Insufficient credits.',
};

export async function startFakeXledger(options: FakeXledgerOptions = {}): Promise<FakeXledger> {
  const initialSeed = structuredClone(options.seed ?? defaultSeed());
  const initialKnobs = mergeKnobs(defaultKnobs(), options.knobs ?? {});
  let knobs = mergeKnobs(initialKnobs, {});
  const baseNow = options.now ?? Date.now;
  const now = () => baseNow() + knobs.clockOffsetMs;
  const state = new FakeState(now);
  const limits = new TokenLimits(now);
  const tokens = options.tokens ?? defaultTokens();
  let rng = createRng(knobs.rngSeed);
  let stats = emptyStats();
  let crashed = false;

  const load = (seed: Seed) => {
    state.load(structuredClone(seed));
    if (options.generateEmployees) generateEmployees(state, { count: options.generateEmployees });
  };
  load(initialSeed);

  function takeForced(info: { operationName: string; rootFields: string[] }): ForcedError | undefined {
    const f = knobs.forcedErrors.find((x) => x.count > 0 && (!x.operation || x.operation === info.operationName || info.rootFields.includes(x.operation)));
    if (f?.afterRequests) {
      f.afterRequests--;
      return undefined;
    }
    if (f) f.count--;
    return f;
  }

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const raw = await readBody(req);
    if (crashed) {
      stats.http5xx++;
      return sendText(res, 503, 'Service Unavailable');
    }
    let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      payload = JSON.parse(raw) as typeof payload;
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'Error parsing request body: expected JSON {"query", "variables"}' }] });
    }
    const info = inspectDocument(payload.query, payload.operationName);

    const auth = authenticate(req.headers.authorization, tokens);
    if (!auth.ok) {
      stats.authFailures++;
      return sendJson(res, 200, { data: null, errors: [{ message: auth.message, ...(auth.code ? { code: auth.code } : {}) }] });
    }

    const forced = takeForced(info);
    if (forced) {
      if (forced.code.startsWith('HTTP_')) {
        stats.http5xx++;
        return sendText(res, Number(forced.code.slice(5)), 'Service Unavailable (forced)');
      }
      if (forced.code === 'QUERY_TIMEOUT') return sendJson(res, 200, { data: null, errors: [{ message: 'Your query timed out.' }] });
      bump(stats.throttled, forced.code);
      const err: JsonError = { message: THROTTLE_MESSAGES[forced.code] ?? forced.code, code: forced.code };
      if (forced.code === 'BAD_REQUEST.INSUFFICIENT_CREDITS') {
        err.extensions = { resetAt: toXledgerDateTime(new Date(now() + (forced.resetInMs ?? 60_000))) };
      }
      return sendJson(res, 200, { data: null, errors: [err] });
    }

    if (knobs.http5xxRate > 0 && rng() < knobs.http5xxRate) {
      const statuses = [500, 502, 503, 529];
      stats.http5xx++;
      return sendText(res, statuses[Math.floor(rng() * statuses.length)]!, 'Server error (injected)');
    }

    const verdict = limits.admit(auth.token.token, knobs);
    if (!verdict.ok) {
      bump(stats.throttled, verdict.code);
      const err: JsonError = { message: verdict.message, code: verdict.code };
      if (verdict.code === 'BAD_REQUEST.INSUFFICIENT_CREDITS') {
        // Format assumed: naive Oslo time like every other Xledger timestamp.
        err.extensions = { resetAt: toXledgerDateTime(new Date(verdict.resetAtMs)) };
      }
      return sendJson(res, 200, { data: null, errors: [err] });
    }
    stats.maxInFlight = Math.max(stats.maxInFlight, limits.maxInFlightSeen);
    try {
      const delay = knobs.latencyMs + (knobs.latencyJitterMs > 0 ? Math.floor(rng() * knobs.latencyJitterMs) : 0);
      if (delay > 0) await sleep(delay);
      bump(stats.byOperation, info.operationName);
      for (const f of info.rootFields) bump(stats.byRootField, f);
      if (info.kind === 'mutation') {
        const inputs = (payload.variables as { inputs?: unknown; dbIds?: unknown } | undefined) ?? {};
        const n = Array.isArray(inputs.inputs) ? inputs.inputs.length : Array.isArray(inputs.dbIds) ? inputs.dbIds.length : 0;
        for (const f of info.rootFields) bump(stats.mutationNodes, f, n);
      }
      const ctx = new RequestContext(state, auth.token);
      const outcome = await executeDocument(info, payload.variables, ctx, {
        absenceMutations: knobs.absenceMutations,
        exportKeyFilters: knobs.exportKeyFilters,
      });
      if (outcome.body.errors?.length) stats.graphqlErrors++;
      stats.writtenNodes += ctx.written;
      if (options.verbose) {
        process.stderr.write(`[fake-xledger] ${info.operationName} ${auth.token.label ?? ''} errors=${outcome.body.errors?.length ?? 0}\n`);
      }
      if (knobs.crashAfterWrites !== null && ctx.written > 0 && stats.writtenNodes >= knobs.crashAfterWrites) {
        // The write is applied, but the client never hears about it: the nastiest case for idempotency.
        crashed = true;
        stats.http5xx++;
        return sendText(res, 503, 'Service Unavailable (crashed after writes)');
      }
      if (ctx.written > 0 && knobs.http5xxAfterWriteRate > 0 && rng() < knobs.http5xxAfterWriteRate) {
        // Applied, but the answer is lost: the client must find out by reading back.
        stats.http5xx++;
        return sendText(res, 503, 'Service Unavailable (injected after the write)');
      }
      const answer = JSON.stringify(outcome.body);
      stats.responseBytes += Buffer.byteLength(answer);
      return sendJsonText(res, outcome.status, answer);
    } finally {
      verdict.release();
    }
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    const body = req.method === 'POST' ? await readBody(req) : '';
    const json = () => (body ? (JSON.parse(body) as unknown) : {});
    switch (`${req.method} ${route}`) {
      case 'GET /__admin/state':
        return sendJson(res, 200, { counts: state.counts(), crashed, data: state.snapshot() });
      case 'GET /__admin/stats':
        return sendJson(res, 200, stats);
      case 'POST /__admin/stats/reset':
        api.resetStats();
        return sendJson(res, 200, stats);
      case 'GET /__admin/knobs':
        return sendJson(res, 200, knobs);
      case 'POST /__admin/knobs':
        return sendJson(res, 200, api.setKnobs(json() as KnobPatch));
      case 'POST /__admin/reset':
        api.reset();
        return sendJson(res, 200, { ok: true, counts: state.counts() });
      case 'POST /__admin/recover':
        api.recover();
        return sendJson(res, 200, { ok: true });
      case 'POST /__admin/seed':
        state.load(json() as Seed);
        return sendJson(res, 200, { ok: true, counts: state.counts() });
      case 'GET /__admin/tokens':
        return sendJson(
          res,
          200,
          tokens.map((t) => ({ label: t.label, ownerDbId: t.ownerDbId, scopes: t.scopes, token: t.token })),
        );
      default:
        return sendJson(res, 404, { error: `unknown admin route ${req.method} ${route}` });
    }
  }

  const server: Server = createServer((req, res) => {
    const route = (req.url ?? '/').split('?')[0]!;
    const work =
      route === '/graphql' && req.method === 'POST'
        ? handleGraphQL(req, res)
        : route.startsWith('/__admin/')
          ? handleAdmin(req, res, route)
          : Promise.resolve(sendText(res, route === '/graphql' ? 405 : 404, 'POST /graphql'));
    work.catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: `Internal server error: ${(err as Error).message}` }] });
      else res.end();
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;

  const api: FakeXledger = {
    url: `${base}/graphql`,
    adminUrl: `${base}/__admin`,
    port: addr.port,
    state,
    tokens,
    knobs: () => knobs,
    setKnobs(patch) {
      const reseed = patch.rngSeed !== undefined && patch.rngSeed !== knobs.rngSeed;
      knobs = mergeKnobs(knobs, patch);
      if (reseed) rng = createRng(knobs.rngSeed);
      return knobs;
    },
    stats: () => structuredClone(stats),
    resetStats() {
      stats = emptyStats();
      limits.maxInFlightSeen = 0;
    },
    reset() {
      knobs = mergeKnobs(initialKnobs, {});
      rng = createRng(knobs.rngSeed);
      limits.reset();
      stats = emptyStats();
      crashed = false;
      load(initialSeed);
    },
    recover() {
      crashed = false;
    },
    crashed: () => crashed,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return api;
}
