import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { loadConfig } from '../../config/config';
import { parseKeyring } from '../../db/secrets/keyring';
import { EncryptionCodec } from '../../temporal/encryption-codec';

export interface CodecCheck {
  name: 'codec';
  ok: boolean;
  /** Set when nothing answers at the default address: reported, but doctor still passes. */
  warn?: boolean;
  detail: string;
}

const b64 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('base64');
const TIMEOUT_MS = 5000;

/**
 * `xsync doctor`'s codec line: makes Temporal UI's own requests against the codec endpoint (XSYNC_CODEC_URL) — the
 * CORS preflight from the UI's origin (XSYNC_UI_URL) asking for `content-type,x-namespace`, then
 * `POST /decode?preserveStorageRefs=true` with a payload encrypted here under XSYNC_SECRET_KEY — and checks it comes
 * back decoded. Nothing listening is a warning when XSYNC_CODEC_URL is not set (the endpoint is optional: without it
 * the UI shows payloads encrypted) and a failure when it is set (then the operator said one is expected).
 */
export async function checkCodecEndpoint(env: NodeJS.ProcessEnv, options: { expected?: boolean } = {}): Promise<CodecCheck> {
  const fail = (detail: string): CodecCheck => ({ name: 'codec', ok: false, detail });
  let config;
  try {
    config = loadConfig(env, ['XSYNC_CODEC_URL', 'XSYNC_CODEC_ORIGINS', 'XSYNC_UI_URL', 'XSYNC_SECRET_KEY', 'TEMPORAL_NAMESPACE']);
  } catch (err) {
    return fail((err as Error).message);
  }
  const expected = options.expected ?? Boolean(env.XSYNC_CODEC_URL?.trim());
  const base = config.XSYNC_CODEC_URL.replace(/\/+$/, '');
  const origin = new URL(config.XSYNC_UI_URL).origin;
  if (!config.XSYNC_CODEC_ORIGINS.includes(origin))
    return fail(`Temporal UI's origin ${origin} (XSYNC_UI_URL) is not in XSYNC_CODEC_ORIGINS, so the codec endpoint refuses the UI`);

  let preflight: Response;
  try {
    preflight = await fetch(`${base}/decode?preserveStorageRefs=true`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const why = ((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message) || 'no answer';
    const what = `no codec endpoint answers at ${base} (${why})`;
    if (expected) return fail(`${what}; start it with \`npm run codec-server\``);
    return {
      name: 'codec',
      ok: true,
      warn: true,
      detail: `warning: ${what} — Temporal UI shows payloads encrypted; start it with \`npm run codec-server\` (set XSYNC_CODEC_URL to make it required)`,
    };
  }
  const allowOrigin = preflight.headers.get('access-control-allow-origin');
  const allowHeaders = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
  if (!preflight.ok || allowOrigin !== origin || !allowHeaders.includes('content-type') || !allowHeaders.includes('x-namespace'))
    return fail(
      `the browser preflight from ${origin} was refused (${preflight.status}, allow-origin ${allowOrigin ?? 'none'}, allow-headers ${allowHeaders || 'none'})` +
        ': check XSYNC_CODEC_ORIGINS of the codec endpoint',
    );

  const nonce = randomBytes(8).toString('hex');
  let encrypted: Payload;
  try {
    [encrypted] = (await new EncryptionCodec(parseKeyring(config.XSYNC_SECRET_KEY)).encode([defaultPayloadConverter.toPayload({ doctor: nonce })])) as [
      Payload,
    ];
  } catch (err) {
    return fail(`could not encrypt a test payload: ${(err as Error).message}`);
  }
  const started = Date.now();
  let res: Response;
  try {
    res = await fetch(`${base}/decode?preserveStorageRefs=true`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', 'x-namespace': config.TEMPORAL_NAMESPACE },
      body: JSON.stringify({
        payloads: [{ metadata: Object.fromEntries(Object.entries(encrypted.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(encrypted.data) }],
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    return fail(`POST ${base}/decode?preserveStorageRefs=true failed: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) return fail(`POST /decode?preserveStorageRefs=true answered ${res.status}: ${text.slice(0, 200)}`);
  if (res.headers.get('access-control-allow-origin') !== origin)
    return fail(`POST /decode answered without CORS for ${origin}: the browser would drop the answer`);
  try {
    const { payloads } = JSON.parse(text) as { payloads: Array<{ metadata?: Record<string, string>; data?: string }> };
    const decoded = defaultPayloadConverter.fromPayload<{ doctor?: string }>({
      metadata: Object.fromEntries(Object.entries(payloads[0]?.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
      data: Buffer.from(payloads[0]?.data ?? '', 'base64'),
    });
    if (decoded?.doctor !== nonce) throw new Error('a different value came back');
  } catch (err) {
    return fail(
      `the codec endpoint at ${base} did not decode a payload encrypted with XSYNC_SECRET_KEY (${(err as Error).message}): does it hold the same key?`,
    );
  }
  return {
    name: 'codec',
    ok: true,
    detail: `${base} decodes the UI's request from ${origin} (preflight and POST /decode?preserveStorageRefs=true, ${Date.now() - started} ms)`,
  };
}
