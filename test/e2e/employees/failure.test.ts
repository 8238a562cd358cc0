import { generateEmployees } from '../../../scripts/lib/generate-employees';
import { OWNER, RECIPIENT, startSyncHarness, type SyncHarness } from '../../support/sync-harness';

describe('a run Xledger refuses (bad token)', () => {
  let h: SyncHarness;
  const token = 'revoked-token-0123456789';

  beforeAll(async () => {
    h = await startSyncHarness();
    await h.seedHr(generateEmployees(3, { seed: 5, today: '2026-11-23' }));
    await h.deps.connections.add({ name: 'broken', xledgerUrl: h.fake.url, ownerEntityId: OWNER, token, settings: { recipients: [RECIPIENT] } });
  });
  afterAll(() => h?.stop());

  it('fails fast with a one-line reason, is recorded and emailed as FAILED, and never shows the token', async () => {
    const r = await h.cli('sync', 'start', '--connection', 'broken', '--wait');
    expect(r.code).toBe(1);
    const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^error: run employees\.broken\.\S+ failed: .*token/i);
    const [mail] = await h.smtp.waitForMessages(1, 15000);
    expect(mail.subject).toMatch(/^\[FAILED\] broken – employee sync/);
    const runs = await h.cliJson<Array<{ status: string }>>('runs', 'list', '--connection', 'broken');
    expect(runs.map((x) => x.status)).toEqual(['FAILED']);
    const runId = errorLines[0].match(/run (\S+) failed/)![1];
    const history = JSON.stringify(await h.temporal.client.workflow.getHandle(runId).fetchHistory());
    for (const text of [r.stdout, r.stderr, mail.text ?? '', history]) expect(text).not.toContain(token);
  });
});
