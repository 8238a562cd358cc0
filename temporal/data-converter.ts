import type { DataConverter } from '@temporalio/common';
import { parseKeyring } from '../db/secrets/keyring';
import { EncryptionCodec } from './encryption-codec';

/**
 * The one data converter of every Temporal client and worker of xledger-sync: default JSON payloads, encrypted by
 * EncryptionCodec with the keys of XSYNC_SECRET_KEY. Client and worker must use the same keys.
 */
export function createDataConverter(secretKey: string): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(parseKeyring(secretKey))] };
}
