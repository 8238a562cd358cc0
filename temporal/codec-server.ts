import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';

/**
 * Temporal's "remote codec endpoint" for the UI and CLI (`POST /decode`, `POST /encode`, JSON payloads with base64
 * bytes), so staff who may read a run's payloads see them in clear in Temporal UI while the server only ever
 * stores them encrypted.
 *
 * Access rule (README, Security): the endpoint listens on a loopback address only (127.0.0.0/8 or ::1) and refuses
 * to start anywhere else, and every call must carry an `Origin` header naming one of the allowed browser origins
 * (Temporal UI's). Temporal UI's codec calls are made by the staff member's browser, which always sends `Origin` on
 * these cross-origin POSTs and cannot be made to lie about it by another web page; a request without `Origin` (a
 * script, curl) is refused. What this does not stop: a program run by someone on this machine who sets the header by
 * hand — loopback-only means "whoever can run code on this machine", the same people who can read the key here.
 * There is no bearer token: Temporal UI cannot send a static one.
 *
 * Routing is on the URL's path (the UI posts `/decode?preserveStorageRefs=true`); as Temporal's codec protocol asks,
 * only the last path segment is looked at, so the endpoint can also be mounted under a prefix.
 */
export interface CodecServerOptions {
  codec: PayloadCodec;
  port: number;
  /** A loopback address (127.0.0.0/8, ::1 or localhost); anything else is refused. Default 127.0.0.1. */
  host?: string;
  /** Browser origins allowed to call (Temporal UI), e.g. http://127.0.0.1:8233. */
  allowedOrigins: readonly string[];
  /** Where each request's line and the audit lines of decodes go (pino or anything with the same info/warn). */
  logger: CodecLogger;
  /** Largest request body accepted (413 beyond). Default 4 MiB. */
  maxBodyBytes?: number;
  /** Most payloads in one request (400 beyond). Default 1,000. */
  maxPayloads?: number;
}

/** The part of pino's Logger the endpoint uses. */
export interface CodecLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface RunningCodecServer {
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_PAYLOADS = 1000;

/** Thrown before listening when the host is not a loopback address; its message is one line saying what to do. */
export class CodecBindError extends Error {
  override name = 'CodecBindError';
}

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x.x.x) and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  if (h === 'localhost') return true;
  if (net.isIPv4(h)) return h.split('.')[0] === '127';
  if (net.isIPv6(h)) {
    if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return mapped !== null && mapped[1]!.split('.')[0] === '127';
  }
  return false;
}

export function assertLoopbackHost(host: string): void {
  if (!isLoopbackHost(host))
    throw new CodecBindError(
      `XSYNC_CODEC_HOST=${host} is not a loopback address: the codec endpoint decrypts for any caller with an allowed Origin header, ` +
        'which only browsers enforce, so it listens on 127.0.0.0/8 or ::1 only — set XSYNC_CODEC_HOST=127.0.0.1 and run it on the machine ' +
        'whose browser opens Temporal UI (or reach it through a tunnel such as `ssh -L 8888:127.0.0.1:8888`)',
    );
}

interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

async function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `request body larger than ${mib(maxBytes)} (${maxBytes} bytes); send fewer payloads per request`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parsePayloads(body: Buffer, maxPayloads: number): JsonPayload[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
  const payloads = (parsed as { payloads?: unknown } | null)?.payloads;
  if (!Array.isArray(payloads)) throw new HttpError(400, 'body must be {"payloads": [...]}');
  if (payloads.length > maxPayloads)
    throw new HttpError(400, `too many payloads in one request: ${payloads.length}, at most ${maxPayloads}; send them in smaller batches`);
  return payloads as JsonPayload[];
}

/**
 * The workflow a decode is for, when the browser says so: Temporal UI sends no workflow id in its codec requests, and
 * browsers send only the origin as Referer on cross-origin calls (the UI and this endpoint are on different ports),
 * so this is known only where the UI is served from the same origin as the endpoint (a reverse proxy) and the
 * browser sends the full page address. Otherwise the audit line says `workflow: null` rather than guess.
 */
function workflowFromReferer(referer: string | undefined): { workflowId: string; runId?: string } | null {
  if (!referer) return null;
  try {
    const m = /\/namespaces\/[^/]+\/workflows\/([^/]+)(?:\/([^/]+))?/.exec(new URL(referer).pathname);
    if (!m) return null;
    return { workflowId: decodeURIComponent(m[1]!), ...(m[2] ? { runId: decodeURIComponent(m[2]) } : {}) };
  } catch {
    return null;
  }
}

export async function startCodecServer(o: CodecServerOptions): Promise<RunningCodecServer> {
  const host = o.host ?? '127.0.0.1';
  assertLoopbackHost(host);
  const maxBodyBytes = o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxPayloads = o.maxPayloads ?? DEFAULT_MAX_PAYLOADS;
  const log = o.logger;

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const url = new URL(req.url ?? '/', 'http://x');
    const action = url.pathname.split('/').filter(Boolean).pop();
    let payloadCount: number | undefined;
    let failure: string | undefined;

    res.once('finish', () => {
      // Method, path, origin, status, count and time only: never a payload, a header value other than Origin, or the body.
      const line = {
        method: req.method,
        path: url.pathname,
        query: url.search.slice(0, 200) || undefined,
        origin: origin ?? null,
        status: res.statusCode,
        payloads: payloadCount,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        ...(failure ? { error: failure } : {}),
      };
      if (res.statusCode < 400) log.info(line, 'codec request');
      else log.warn(line, 'codec request refused');
    });

    const allowed = origin !== undefined && o.allowedOrigins.includes(origin);
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'x-namespace, content-type');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.setHeader('Vary', 'Origin');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };

    (async () => {
      if (origin === undefined)
        throw new HttpError(403, 'an Origin header is required: only Temporal UI in a browser (an origin in XSYNC_CODEC_ORIGINS) may call this endpoint');
      if (!allowed) throw new HttpError(403, `origin ${origin} is not allowed (XSYNC_CODEC_ORIGINS)`);
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      if (req.method !== 'POST' || (action !== 'decode' && action !== 'encode')) throw new HttpError(404, 'POST /decode or /encode');
      const payloads = parsePayloads(await readBody(req, maxBodyBytes), maxPayloads);
      payloadCount = payloads.length;
      const out = action === 'decode' ? await o.codec.decode(payloads.map(fromJson)) : await o.codec.encode(payloads.map(fromJson));
      reply(200, { payloads: out.map(toJson) });
      log.info(
        {
          audit: action,
          at: new Date().toISOString(),
          // Who: the browser origin. There is no authenticated subject: with the loopback + Origin rule nobody logs in
          // to this endpoint, so none is recorded rather than one made up.
          origin,
          subject: null,
          namespace: typeof req.headers['x-namespace'] === 'string' ? req.headers['x-namespace'] : null,
          workflow: workflowFromReferer(req.headers.referer),
          payloads: payloads.length,
        },
        `codec ${action} audit`,
      );
    })().catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 400;
      failure = err instanceof Error ? err.message : String(err);
      if (status === 413) res.setHeader('connection', 'close');
      reply(status, { message: failure });
      // Do not read (or buffer) the rest of a body we refused.
      if (status === 413) res.once('finish', () => req.destroy());
    });
  });
  server.requestTimeout = 30000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, host, resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  if (!isLoopbackHost(address)) {
    // `localhost` resolved to something that is not loopback on this machine.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw new CodecBindError(`XSYNC_CODEC_HOST=${host} resolved to ${address}, which is not a loopback address; set XSYNC_CODEC_HOST=127.0.0.1`);
  }
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections open; every call is short, so none is worth waiting for.
        server.closeAllConnections();
      }),
  };
}
