import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring';

export interface SealedSecret {
  keyId: string;
  /** `v1.<iv>.<tag>.<ciphertext>`, each part base64url */
  ciphertext: string;
}

const ALGORITHM = 'aes-256-gcm';

/** AES-256-GCM with the keyring's current key; `context` is bound as associated data so a sealed value cannot be moved to another row. */
export function seal(keyring: Keyring, plaintext: string, context: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, keyring.current.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
  return { keyId: keyring.current.id, ciphertext: `v1.${parts.join('.')}` };
}

export function unseal(keyring: Keyring, sealed: SealedSecret, context: string): string {
  const key = keyring.find(sealed.keyId);
  if (!key) throw new Error(`secret was encrypted with key id "${sealed.keyId}", which XSYNC_SECRET_KEY does not hold`);
  const [version, iv, tag, body] = sealed.ciphertext.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('secret is not in the v1 sealed format');
  const decipher = createDecipheriv(ALGORITHM, key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`secret could not be decrypted with key id "${sealed.keyId}" (wrong key or tampered data)`);
  }
}
