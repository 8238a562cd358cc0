import { defaultPayloadConverter } from '@temporalio/common';
import { parseKeyring } from '../../db/secrets/keyring';
import { startCodecServer, type RunningCodecServer } from '../../temporal/codec-server';
import { EncryptionCodec } from '../../temporal/encryption-codec';
import { testSecretKey } from '../support/test-env';

const UI = 'http://127.0.0.1:8233';
const TOKEN = 'codec-bearer-token-0123456789';
const b64 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('base64');

describe('codec endpoint (Temporal UI "Remote Codec Endpoint")', () => {
  const codec = new EncryptionCodec(parseKeyring(testSecretKey('k1')));
  let open: RunningCodecServer;
  let guarded: RunningCodecServer;

  beforeAll(async () => {
    open = await startCodecServer({ codec, port: 0, allowedOrigins: [UI] });
    guarded = await startCodecServer({ codec, port: 0, allowedOrigins: [UI], bearerToken: TOKEN });
  });
  afterAll(async () => {
    await open?.close();
    await guarded?.close();
  });

  const post = (server: RunningCodecServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: UI, 'x-namespace': 'xledger-sync', ...headers },
      body: JSON.stringify(body),
    });

  async function encryptedJson(value: unknown) {
    const [p] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
    return { metadata: Object.fromEntries(Object.entries(p!.metadata!).map(([k, v]) => [k, b64(v)])), data: b64(p!.data) };
  }

  it('decodes what the worker encrypted, for an allowed origin, with CORS headers', async () => {
    const res = await post(open, '/decode', { payloads: [await encryptedJson({ runId: 'employee-sync.acme.1' })] });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    const { payloads } = (await res.json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
    expect(Buffer.from(payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(payloads[0]!.data, 'base64').toString())).toEqual({ runId: 'employee-sync.acme.1' });
  });

  it('encodes, so the UI can send signals and updates with encrypted input', async () => {
    const plain = defaultPayloadConverter.toPayload({ choice: 'hr' });
    const res = await post(open, '/encode', { payloads: [{ metadata: { encoding: b64(plain.metadata!.encoding) }, data: b64(plain.data) }] });
    const { payloads } = (await res.json()) as { payloads: Array<{ metadata: Record<string, string> }> };
    expect(Buffer.from(payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
  });

  it('answers the browser preflight for the UI origin and refuses other origins', async () => {
    const pre = await fetch(`${open.url}/decode`, {
      method: 'OPTIONS',
      headers: { origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-namespace');
    const evil = await post(open, '/decode', { payloads: [] }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('with a bearer token set, refuses calls without it', async () => {
    const body = { payloads: [await encryptedJson({ a: 1 })] };
    expect((await post(guarded, '/decode', body)).status).toBe(401);
    expect((await post(guarded, '/decode', body, { authorization: 'Bearer wrong-token-0123456789x' })).status).toBe(401);
    expect((await post(guarded, '/decode', body, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('says what is wrong with a bad request, and a payload of another key is refused without its content', async () => {
    expect(await (await post(open, '/decode', { nope: 1 })).json()).toEqual({ message: 'body must be {"payloads": [...]}' });
    expect((await fetch(`${open.url}/other`, { method: 'POST' })).status).toBe(404);
    const other = new EncryptionCodec(parseKeyring(testSecretKey('k9')));
    const [p] = await other.encode([defaultPayloadConverter.toPayload({ secret: 'x' })]);
    const res = await post(open, '/decode', {
      payloads: [{ metadata: Object.fromEntries(Object.entries(p!.metadata!).map(([k, v]) => [k, b64(v)])), data: b64(p!.data) }],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: 'payload encrypted with key id "k9", which XSYNC_SECRET_KEY does not hold' });
  });
});
