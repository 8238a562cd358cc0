import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { parseKeyring } from '../../db/secrets/keyring';
import { EncryptionCodec, isEncrypted } from '../../temporal/encryption-codec';

export const historiesDir = path.resolve(__dirname, '..', 'replay', 'histories');

/** Replaces every encrypted payload in a history (in place) by its plaintext, with the keys of XSYNC_SECRET_KEY. */
export async function decryptHistory(history: unknown, secretKey: string): Promise<void> {
  await decryptPayloads(history, new EncryptionCodec(parseKeyring(secretKey)));
}

async function decryptPayloads(value: unknown, codec: EncryptionCodec): Promise<void> {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    if (child && typeof child === 'object' && 'metadata' in child && isEncrypted(child as Payload)) {
      [(value as Record<string | number, unknown>)[key]] = await codec.decode([child as Payload]);
    } else {
      await decryptPayloads(child, codec);
    }
  }
}

/**
 * With XSYNC_RECORD_HISTORIES=1, saves a finished workflow's history as a replay fixture
 * (test/replay/histories/NAME.json), so the replay test pins today's workflow code. Payloads are stored
 * decrypted (the test's key is random), so a fixture replays with any key and can be read.
 * A fixture that exists is never overwritten: shipped versions stay in the suite (runs of those versions may still
 * be in flight). Name a new version's fixture anew (e.g. with its date) to record it.
 */
export async function maybeRecordHistory(handle: WorkflowHandle, name: string, secretKey: string): Promise<void> {
  if (process.env.XSYNC_RECORD_HISTORIES !== '1') return;
  if (fs.existsSync(path.join(historiesDir, `${name}.json`))) return;
  const history = await handle.fetchHistory();
  await decryptHistory(history, secretKey);
  fs.mkdirSync(historiesDir, { recursive: true });
  fs.writeFileSync(path.join(historiesDir, `${name}.json`), `${historyToJSON(history)}\n`);
}
