import { Client } from '@temporalio/client';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import { OWNER, RECIPIENT, CONNECTION, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';
import { TEST_NAMESPACE } from '../../support/test-env';
import { EncryptionCodec } from '../../../temporal/encryption-codec';
import { parseKeyring } from '../../../db/secrets/keyring';

/** Workers accept only encrypted payloads, and failures reach Temporal's history encoded (so encrypted) too. */
describe('only encrypted payloads, failures included', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness();
    await h.seedHr(generateEmployees(2, { seed: 8, today: '2026-11-23' }));
  });
  afterAll(() => h?.stop());

  it('a run started without the codec (plain JSON input) does not run', async () => {
    const plain = new Client({ connection: h.temporal.client.connection, namespace: TEST_NAMESPACE }); // no data converter
    const workflowId = `plain-start-${Date.now()}`;
    const handle = await plain.workflow.start('employeeSync', {
      taskQueue: h.temporal.taskQueue,
      workflowId,
      args: [{ connectionName: CONNECTION, trigger: 'manual' }],
    });
    try {
      const history = await waitFor(
        () => handle.fetchHistory(),
        (hist) => (hist.events ?? []).some((e) => e.workflowTaskFailedEventAttributes),
        30_000,
      );
      const failed = history.events!.find((e) => e.workflowTaskFailedEventAttributes)!.workflowTaskFailedEventAttributes!;
      // The reason is itself encrypted in history; decrypted with the key it reads as the codec's refusal.
      const [decoded] = await new EncryptionCodec(parseKeyring(h.temporal.secretKey)).decode([failed.failure!.encodedAttributes as never]);
      expect(Buffer.from(decoded!.data!).toString()).toContain('refused an unencrypted payload');
      expect(history.events!.some((e) => e.activityTaskScheduledEventAttributes)).toBe(false);
      expect(await h.t.db('sync_runs').where({ id: workflowId })).toEqual([]);
    } finally {
      await handle.terminate('test over');
    }
  });

  it('a failed run keeps its failure message and stack out of the clear history, and xsync still reads them', async () => {
    await h.deps.connections.add({
      name: 'broken',
      xledgerUrl: h.fake.url,
      ownerEntityId: OWNER,
      token: 'revoked-token-0123456789',
      settings: { recipients: [RECIPIENT] },
    });
    const r = await h.cli('sync', 'start', '--connection', 'broken', '--wait');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/failed: .*token/i); // decoded by the CLI's converter
    const runId = r.stderr.match(/run (\S+) failed/)![1]!;
    const history = await h.temporal.client.workflow.getHandle(runId).fetchHistory();
    const failures = history
      .events!.flatMap((e) => [e.activityTaskFailedEventAttributes?.failure, e.workflowExecutionFailedEventAttributes?.failure])
      .filter((f) => f);
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(f!.message).toBe('Encoded failure');
      expect(f!.stackTrace ?? '').toBe('');
      expect(f!.encodedAttributes?.metadata?.encoding && Buffer.from(f!.encodedAttributes.metadata.encoding).toString()).toBe('binary/encrypted');
    }
  });
});
