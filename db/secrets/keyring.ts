import { createHash } from 'node:crypto';

export interface SecretKey {
  /** The id written next to what this key encrypts: the entry's `id:`, or else its fingerprint. */
  id: string;
  /** The first 8 hex digits of the key's SHA-256: the id of a key given without one. */
  fingerprint: string;
  key: Buffer;
}

/** Keys in XSYNC_SECRET_KEY: the first encrypts, all decrypt, so old keys can stay while data is re-encrypted. */
export interface Keyring {
  current: SecretKey;
  /** Every key, the current one first. */
  keys: readonly SecretKey[];
  /**
   * The key a stored key id names: an entry's own id, or any entry's fingerprint. So a key first used without an id
   * (stored under its fingerprint) is still found after it is given a name (`new:NEWKEY,old:OLDKEY`).
   */
  find(keyId: string): SecretKey | undefined;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export const keyFingerprint = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/**
 * Accepts `base64key` or a comma-separated list of `id:base64key` entries, each key 32 bytes.
 * Never echoes the key material back in an error.
 */
export function parseKeyring(value: string | undefined): Keyring {
  if (!value || value.trim() === '') throw new Error('is not set (32 random bytes in base64, e.g. `openssl rand -base64 32`)');
  const keys = value.split(',').map((entry, index) => parseEntry(entry.trim(), index));
  const byId = new Map<string, SecretKey>();
  const byFingerprint = new Map<string, SecretKey>();
  for (const k of keys) {
    if (byId.has(k.id)) throw new Error(`has the key id "${k.id}" twice`);
    if (byFingerprint.has(k.fingerprint)) throw new Error(`has the same key twice (ids "${byFingerprint.get(k.fingerprint)!.id}" and "${k.id}")`);
    byId.set(k.id, k);
    byFingerprint.set(k.fingerprint, k);
  }
  return { current: keys[0], keys, find: (keyId) => byId.get(keyId) ?? byFingerprint.get(keyId) };
}

function parseEntry(entry: string, index: number): SecretKey {
  const colon = entry.indexOf(':');
  const id = colon >= 0 ? entry.slice(0, colon) : undefined;
  const material = colon >= 0 ? entry.slice(colon + 1) : entry;
  if (id !== undefined && !KEY_ID.test(id)) throw new Error(`entry ${index + 1} has a malformed key id (letters, digits, _ or -)`);
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(material)) throw new Error(`entry ${index + 1} is not base64`);
  const key = Buffer.from(material, 'base64');
  if (key.length !== 32) throw new Error(`entry ${index + 1} must decode to 32 bytes, not ${key.length}`);
  const fingerprint = keyFingerprint(key);
  return { id: id ?? fingerprint, fingerprint, key };
}
