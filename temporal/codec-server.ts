import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';

/**
 * Temporal's "remote codec endpoint" for the UI and CLI (`POST /decode`, `POST /encode`, JSON payloads with base64
 * bytes), so staff who may read a run's payloads see them in clear in Temporal UI while the server only ever
 * stores them encrypted. Only the listed browser origins may call it (CORS); with a bearer token set, every call
 * must carry it. Binds to 127.0.0.1 unless told otherwise.
 */
export interface CodecServerOptions {
  codec: PayloadCodec;
  port: number;
  host?: string;
  /** Browser origins allowed to call (Temporal UI), e.g. http://127.0.0.1:8233. */
  allowedOrigins: readonly string[];
  /** When set, requests must send `Authorization: Bearer <token>`. */
  bearerToken?: string;
}

export interface RunningCodecServer {
  url: string;
  close(): Promise<void>;
}

interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

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

async function readJson(req: http.IncomingMessage): Promise<{ payloads: JsonPayload[] }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
  const payloads = (body as { payloads?: unknown }).payloads;
  if (!Array.isArray(payloads)) throw new HttpError(400, 'body must be {"payloads": [...]}');
  return { payloads: payloads as JsonPayload[] };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startCodecServer(o: CodecServerOptions): Promise<RunningCodecServer> {
  const server = http.createServer((req, res) => {
    const origin = req.headers.origin;
    if (origin && o.allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'x-namespace, content-type, authorization');
      res.setHeader('Vary', 'Origin');
    }
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    (async () => {
      if (origin && !o.allowedOrigins.includes(origin)) throw new HttpError(403, `origin ${origin} is not allowed`);
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      if (req.method !== 'POST' || (req.url !== '/decode' && req.url !== '/encode')) throw new HttpError(404, 'POST /decode or /encode');
      if (o.bearerToken !== undefined && !sameSecret(req.headers.authorization ?? '', `Bearer ${o.bearerToken}`))
        throw new HttpError(401, 'missing or wrong bearer token');
      const { payloads } = await readJson(req);
      const decoded = req.url === '/decode' ? await o.codec.decode(payloads.map(fromJson)) : await o.codec.encode(payloads.map(fromJson));
      reply(200, { payloads: decoded.map(toJson) });
    })().catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 400;
      reply(status, { message: err instanceof Error ? err.message : String(err) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
