import { createActivities } from '../../activities';
import { createActivityDeps } from '../../activities/create-deps';
import { loadConfig } from '../../config/config';
import { createConnectionsStore } from '../../db/connections-store';
import { parseKeyring } from '../../db/secrets/keyring';
import { cli } from '../support/cli-runner';
import { maybeRecordHistory } from '../support/record-history';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { requireEnv, TEST_NAMESPACE } from '../support/test-env';
import { connectTestTemporal, type TestTemporal } from '../support/test-temporal';

describe('doctor: a real workflow on a real Temporal dev server against real Postgres', () => {
  let t: TestDatabase;
  let temporal: TestTemporal;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    [t, temporal] = await Promise.all([createTestDatabase(), connectTestTemporal()]);
    env = {
      DATABASE_URL: t.url,
      TEMPORAL_ADDRESS: requireEnv('TEMPORAL_ADDRESS'),
      TEMPORAL_NAMESPACE: TEST_NAMESPACE,
      XSYNC_TASK_QUEUE: temporal.taskQueue,
      XSYNC_SECRET_KEY: temporal.secretKey,
    };
  });
  afterAll(async () => {
    await temporal.close();
    await t.drop();
  });

  it('reports a missing worker without hanging', async () => {
    const r = await cli(['doctor', '--json'], env);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['config', true],
      ['temporal', true],
      ['worker', false],
      ['codec', true],
    ]);
    expect(report.checks[2].detail).toContain(`no worker polls task queue "${temporal.taskQueue}"`);
  });

  it('runs the doctor workflow through a worker whose activity queries the database', async () => {
    const keyring = parseKeyring(env.XSYNC_SECRET_KEY!);
    await createConnectionsStore(t.db, keyring).add({ name: 'one', xledgerUrl: 'https://demo.xledger.net/graphql', ownerEntityId: 1, token: 'abcdefghijkl' });
    const worker = await temporal.startWorker(createActivities(createActivityDeps({ ...loadConfig(env), DATABASE_URL: t.url }, t.db)));
    const r = await worker.runUntil(cli(['doctor', '--json'], env));
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(true);
    const database = report.checks.find((c: { name: string }) => c.name === 'database');
    expect(database.detail).toMatch(/^PostgreSQL \d+/);
    expect(database.detail).toContain(`database ${new URL(t.url).pathname.slice(1)}`);
    expect(database.detail).toContain('1 connection(s)');
    expect(report.checks.find((c: { name: string }) => c.name === 'schedules')).toMatchObject({ ok: true, detail: '0 schedule(s), in step with Temporal' });
    expect(r.code).toBe(0);

    const runs = temporal.client.workflow.list({ query: `WorkflowType = 'doctorWorkflow' AND TaskQueue = '${temporal.taskQueue}'` });
    const found: string[] = [];
    for await (const run of runs) {
      found.push(run.status.name);
      await maybeRecordHistory(temporal.client.workflow.getHandle(run.workflowId, run.runId), 'doctor', temporal.secretKey);
    }
    expect(found).toEqual(['COMPLETED']);
  });
});
