import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { seal, unseal } from '../../db/secrets/cipher';
import { keyFingerprint, parseKeyring } from '../../db/secrets/keyring';
import { createPersonalHasher } from '../../db/secrets/personal-hasher';
import { rehashBaseline } from '../../domain/keys/rehash-baseline';
import { EncryptionCodec } from '../../temporal/encryption-codec';

const key = () => randomBytes(32).toString('base64');

/** The README's rotation example, `XSYNC_SECRET_KEY=new:NEWKEY,old:OLDKEY`, for a key that was first used bare. */
describe('key ids and rotation', () => {
  it("a key given without an id is known by its fingerprint, the first 8 hex digits of the key's SHA-256", () => {
    const k = key();
    const ring = parseKeyring(k);
    expect(ring.current.id).toBe(keyFingerprint(Buffer.from(k, 'base64')));
    expect(ring.current.id).toMatch(/^[0-9a-f]{8}$/);
  });

  it('what a bare key encrypted is found again once that key is given an id, for tokens, payloads and baselines', async () => {
    const oldKey = key();
    const bare = parseKeyring(oldKey);
    const readme = parseKeyring(`new:${key()},old:${oldKey}`);
    // Stored API tokens
    expect(unseal(readme, seal(bare, 'token', 'ctx'), 'ctx')).toBe('token');
    // Temporal payloads
    const [payload] = await new EncryptionCodec(bare).encode([defaultPayloadConverter.toPayload({ a: 1 })]);
    const [decoded] = await new EncryptionCodec(readme).decode([payload!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ a: 1 });
    // Baseline hashes
    const stored = createPersonalHasher(bare).hash('01017012345');
    expect(createPersonalHasher(readme).matches(stored, '01017012345')).toBe(true);
    expect(createPersonalHasher(readme).matches(stored, '01017012346')).toBe(false);
  });

  it('refuses the same key twice under two ids', () => {
    const k = key();
    expect(() => parseKeyring(`a:${k},b:${k}`)).toThrow(/same key twice \(ids "a" and "b"\)/);
  });

  it('re-hashes a baseline only from an HR value that is the one it was made of, never storing it in clear', () => {
    const oldKey = key();
    const before = createPersonalHasher(parseKeyring(`old:${oldKey}`));
    const ring = parseKeyring(`new:${key()},old:${oldKey}`);
    const hasher = createPersonalHasher(ring);
    const baseline = { nationalId: before.hash('01017012345'), bankAccount: before.hash('12345678903'), firstName: 'Kari' };
    const r = rehashBaseline(baseline, { nationalId: '010170 12345', bankAccount: '99999999999' }, hasher, 'new');
    expect(r.rehashed).toBe(1);
    expect(r.kept).toEqual(['old']);
    expect(r.baseline.nationalId).toMatch(/^hmac:new:/);
    expect(hasher.matches(r.baseline.nationalId!, '01017012345')).toBe(true);
    expect(r.baseline.bankAccount).toBe(baseline.bankAccount);
    expect(r.baseline.firstName).toBe('Kari');
    expect(JSON.stringify(r.baseline)).not.toMatch(/01017012345|12345678903/);
    expect(rehashBaseline(r.baseline, null, hasher, 'new')).toEqual({ baseline: r.baseline, rehashed: 0, kept: ['old'] });
  });
});
