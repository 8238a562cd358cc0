import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { PersonalHasher } from '../../domain/employees/baseline';
import type { Keyring } from './keyring';

const HKDF_INFO = 'xledger-sync personal-number baselines v1';

/**
 * HMAC-SHA256 of personal numbers (national ids, bank accounts) under a key derived from XSYNC_SECRET_KEY, so the
 * sync can tell whether a value changed since the last sync without keeping it. 'hmac:<key id>:<base64url>': a
 * hash made under an older key still matches while that key is in the keyring; the next run stores it anew.
 */
export function createPersonalHasher(keyring: Keyring): PersonalHasher {
  const derived = new Map(keyring.keys.map((k) => [k, Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), HKDF_INFO, 32))]));
  const macKey = (keyId: string) => {
    const key = keyring.find(keyId);
    return key && derived.get(key);
  };
  const digest = (key: Buffer, value: string) => createHmac('sha256', key).update(value, 'utf8').digest('base64url');
  return {
    hash: (normalized) => `hmac:${keyring.current.id}:${digest(derived.get(keyring.current)!, normalized)}`,
    matches(stored, normalized) {
      const [, keyId, mac] = stored.split(':');
      const key = keyId && mac ? macKey(keyId) : undefined;
      if (!key) return false;
      const a = Buffer.from(mac);
      const b = Buffer.from(digest(key, normalized));
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}
