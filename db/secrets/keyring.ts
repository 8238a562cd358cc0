import { createHash } from 'node:crypto';

export interface SecretKey {
  id: string;
  key: Buffer;
}

/** Keys in XSYNC_SECRET_KEY: the first encrypts, all decrypt, so old keys can stay while data is re-encrypted. */
export interface Keyring {
  current: SecretKey;
  byId: ReadonlyMap<string, SecretKey>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Accepts `base64key` or a comma-separated list of `id:base64key` entries, each key 32 bytes.
 * Never echoes the key material back in an error.
 */
export function parseKeyring(value: string | undefined): Keyring {
  if (!value || value.trim() === '') throw new Error('is not set (32 random bytes in base64, e.g. `openssl rand -base64 32`)');
  const keys = value.split(',').map((entry, index) => parseEntry(entry.trim(), index));
  const byId = new Map<string, SecretKey>();
  for (const k of keys) {
    if (byId.has(k.id)) throw new Error(`has the key id "${k.id}" twice`);
    byId.set(k.id, k);
  }
  return { current: keys[0], byId };
}

function parseEntry(entry: string, index: number): SecretKey {
  const colon = entry.indexOf(':');
  const id = colon >= 0 ? entry.slice(0, colon) : undefined;
  const material = colon >= 0 ? entry.slice(colon + 1) : entry;
  if (id !== undefined && !KEY_ID.test(id)) throw new Error(`entry ${index + 1} has a malformed key id (letters, digits, _ or -)`);
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(material)) throw new Error(`entry ${index + 1} is not base64`);
  const key = Buffer.from(material, 'base64');
  if (key.length !== 32) throw new Error(`entry ${index + 1} must decode to 32 bytes, not ${key.length}`);
  return { id: id ?? createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}
