import { randomBytes } from 'node:crypto';
import { seal, unseal } from '../../db/secrets/cipher';
import { parseKeyring } from '../../db/secrets/keyring';

const key = () => randomBytes(32).toString('base64');

describe('sealed secrets (AES-256-GCM with key ids)', () => {
  it('round-trips and never contains the plaintext', () => {
    const ring = parseKeyring(`k1:${key()}`);
    const sealed = seal(ring, 'tok-Æøå-"quoted"', 'ctx');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext).not.toContain('tok');
    expect(unseal(ring, sealed, 'ctx')).toBe('tok-Æøå-"quoted"');
  });

  it('decrypts with an older key after rotation, and encrypts with the new one', () => {
    const oldKey = key();
    const before = seal(parseKeyring(`old:${oldKey}`), 'secret', 'ctx');
    const rotated = parseKeyring(`new:${key()},old:${oldKey}`);
    expect(unseal(rotated, before, 'ctx')).toBe('secret');
    expect(seal(rotated, 'secret', 'ctx').keyId).toBe('new');
  });

  it('refuses a value moved to another context, a tampered value, and an unknown key id', () => {
    const ring = parseKeyring(`k1:${key()}`);
    const sealed = seal(ring, 'secret', 'connection-token:a');
    expect(() => unseal(ring, sealed, 'connection-token:b')).toThrow(/could not be decrypted/);
    const parts = sealed.ciphertext.split('.');
    parts[3] = Buffer.from('XXXX').toString('base64url');
    expect(() => unseal(ring, { ...sealed, ciphertext: parts.join('.') }, 'connection-token:a')).toThrow(/could not be decrypted/);
    expect(() => unseal(parseKeyring(`k2:${key()}`), sealed, 'connection-token:a')).toThrow(/key id "k1", which XSYNC_SECRET_KEY does not hold/);
  });

  it('derives a stable key id for a bare key and rejects duplicates', () => {
    const k = key();
    expect(parseKeyring(k).current.id).toMatch(/^[0-9a-f]{8}$/);
    expect(parseKeyring(k).current.id).toBe(parseKeyring(k).current.id);
    expect(() => parseKeyring(`a:${k},a:${key()}`)).toThrow(/key id "a" twice/);
    expect(() => parseKeyring('not base64 !')).toThrow(/not base64/);
  });
});
