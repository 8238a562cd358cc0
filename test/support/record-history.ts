import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const historiesDir = path.resolve(__dirname, '..', 'replay', 'histories');

/**
 * With XSYNC_RECORD_HISTORIES=1, saves a finished workflow's history as a replay fixture
 * (test/replay/histories/NAME.json), so the replay test pins today's workflow code.
 */
export async function maybeRecordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.XSYNC_RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  fs.mkdirSync(historiesDir, { recursive: true });
  fs.writeFileSync(path.join(historiesDir, `${name}.json`), `${historyToJSON(history)}\n`);
}
