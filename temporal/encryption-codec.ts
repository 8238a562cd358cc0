import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Keyring, SecretKey } from '../db/secrets/keyring';

/**
 * Encrypts every Temporal payload (workflow and activity inputs and results, signals, updates, queries, failure
 * details) with AES-256-GCM before it leaves the process, so nothing a run carries is readable in Temporal's
 * history or UI without the key; the codec endpoint (codec-server.ts) decrypts for staff who may read it.
 *
 * Keys come from XSYNC_SECRET_KEY (the first encrypts, all decrypt), each expanded with HKDF so payloads and
 * stored API tokens never share a key. A payload that is not encrypted is refused (someone started a run without
 * the codec, e.g. `temporal workflow start --input …`), unless `acceptPlaintext` is set while an old install migrates.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_INFO = 'xledger-sync temporal payloads v1';
const Proto = temporal.api.common.v1.Payload;

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : undefined);

export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

export class EncryptionCodec implements PayloadCodec {
  private readonly keyring: Keyring;
  private readonly derived: ReadonlyMap<SecretKey, Buffer>;
  private readonly currentId: string;

  private readonly acceptPlaintext: boolean;

  constructor(keyring: Keyring, options: { acceptPlaintext?: boolean } = {}) {
    this.acceptPlaintext = options.acceptPlaintext ?? false;
    this.keyring = keyring;
    this.derived = new Map(keyring.keys.map((k) => [k, Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), HKDF_INFO, 32))]));
    this.currentId = keyring.current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.encrypt(p));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (isEncrypted(p)) return this.decrypt(p);
      if (this.acceptPlaintext) return p;
      throw new PayloadDecryptionError(
        'refused an unencrypted payload: runs must be started through xsync (or a client with XSYNC_SECRET_KEY); set XSYNC_ACCEPT_PLAINTEXT_PAYLOADS=true only while migrating',
      );
    });
  }

  private encrypt(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.derived.get(this.keyring.current)!, iv);
    cipher.setAAD(Buffer.from(this.currentId));
    const body = Buffer.concat([cipher.update(Proto.encode(payload).finish()), cipher.final()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(this.currentId) },
      data: Buffer.concat([iv, body, cipher.getAuthTag()]),
    };
  }

  private decrypt(payload: Payload): Payload {
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]) ?? '';
    const found = this.keyring.find(keyId);
    const key = found && this.derived.get(found);
    if (!key) throw new PayloadDecryptionError(`payload encrypted with key id "${keyId}", which XSYNC_SECRET_KEY does not hold`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError('encrypted payload is too short');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return Proto.decode(plain);
    } catch {
      throw new PayloadDecryptionError(`payload with key id "${keyId}" failed to decrypt (altered, or encrypted with another key of that id)`);
    }
  }
}

export function isEncrypted(payload: Payload): boolean {
  return text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;
}
