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
  const keys = new Map([...keyring.byId].map(([id, k]) => [id, Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), HKDF_INFO, 32))]));
  const digest = (keyId: string, value: string) => createHmac('sha256', keys.get(keyId)!).update(value, 'utf8').digest('base64url');
  return {
    hash: (normalized) => `hmac:${keyring.current.id}:${digest(keyring.current.id, normalized)}`,
    matches(stored, normalized) {
      const [, keyId, mac] = stored.split(':');
      if (!keyId || !mac || !keys.has(keyId)) return false;
      const a = Buffer.from(mac);
      const b = Buffer.from(digest(keyId, normalized));
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}
