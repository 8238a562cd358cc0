import type { DataConverter } from '@temporalio/common';
import { parseKeyring } from '../db/secrets/keyring';
import { EncryptionCodec } from './encryption-codec';

/** Bundled into the workflow code (bundleWorkflowCode) and loaded by clients and workers alike. */
export const failureConverterPath = require.resolve('./failure-converter');

export interface DataConverterOptions {
  /** Accept payloads that are not encrypted (only while migrating an install that ran without encryption). */
  acceptPlaintext?: boolean;
}

/**
 * The one data converter of every Temporal client and worker of xledger-sync: default JSON payloads, encrypted by
 * EncryptionCodec with the keys of XSYNC_SECRET_KEY, and failures whose message and stack are encoded (so encrypted)
 * too. Client and worker must use the same keys.
 */
export function createDataConverter(secretKey: string, options: DataConverterOptions = {}): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(parseKeyring(secretKey), options)], failureConverterPath };
}
