import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { historiesDir } from '../support/record-history';
import { requireEnv } from '../support/test-env';

/**
 * Replays recorded histories against today's workflow code: a change that would break running workflows
 * fails here with a DeterminismViolationError. Re-record on purpose with XSYNC_RECORD_HISTORIES=1.
 */
describe('replay of recorded workflow histories', () => {
  const files = fs.readdirSync(historiesDir).filter((f) => f.endsWith('.json'));

  it('has fixtures to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8')));
    await Worker.runReplayHistory({ workflowBundle: { codePath: requireEnv('XSYNC_TEST_WORKFLOW_BUNDLE') }, replayName: file }, history);
  });
});
