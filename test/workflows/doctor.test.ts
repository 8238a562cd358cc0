import { createActivities } from '../../activities';
import { createActivityDeps } from '../../activities/create-deps';
import { loadConfig } from '../../config/config';
import { createConnectionsStore } from '../../db/connections-store';
import { parseKeyring } from '../../db/secrets/keyring';
import { cli } from '../support/cli-runner';
import { maybeRecordHistory } from '../support/record-history';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { requireEnv, TEST_NAMESPACE, testSecretKey } from '../support/test-env';
import { connectTestTemporal, type TestTemporal } from '../support/test-temporal';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-server';
import { freePort } from '../../scripts/lib/temporal-dev-server';

describe('doctor: a real workflow on a real Temporal dev server against real Postgres', () => {
  let t: TestDatabase;
  let temporal: TestTemporal;
  let smtp: TestSmtpServer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    [t, temporal, smtp] = await Promise.all([createTestDatabase(), connectTestTemporal(), startTestSmtpServer()]);
    env = {
      SMTP_URL: smtp.url,
      DATABASE_URL: t.url,
      TEMPORAL_ADDRESS: requireEnv('TEMPORAL_ADDRESS'),
      TEMPORAL_NAMESPACE: TEST_NAMESPACE,
      XSYNC_TASK_QUEUE: temporal.taskQueue,
      XSYNC_SECRET_KEY: temporal.secretKey,
    };
  });
  afterAll(async () => {
    await temporal.close();
    await Promise.all([t.drop(), smtp.stop()]);
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
      ['smtp', true],
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

describe('doctor checks SMTP: connect and EHLO to SMTP_URL, no mail sent', () => {
  const doctorSmtp = async (env: NodeJS.ProcessEnv) => {
    const r = await cli(['doctor', '--json'], { XSYNC_SECRET_KEY: testSecretKey(), TEMPORAL_ADDRESS: requireEnv('TEMPORAL_ADDRESS'), ...env });
    return {
      code: r.code,
      smtp: (JSON.parse(r.stdout) as { checks: Array<{ name: string; ok: boolean; detail: string }> }).checks.find((c) => c.name === 'smtp'),
    };
  };

  it('passes against the SMTP test server, and nothing is sent', async () => {
    const smtp = await startTestSmtpServer();
    try {
      const { smtp: check } = await doctorSmtp({ SMTP_URL: smtp.url });
      expect(check).toEqual({ name: 'smtp', ok: true, detail: `smtp://127.0.0.1:${smtp.port} answers EHLO (no mail sent)` });
      expect(smtp.messages).toEqual([]);
    } finally {
      await smtp.stop();
    }
  });

  it('fails with the reason when nothing listens, and never shows the password', async () => {
    const port = await freePort();
    const { code, smtp: check } = await doctorSmtp({ SMTP_URL: `smtp://mailer:s3cret-pass@127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(check!.ok).toBe(false);
    expect(check!.detail).toMatch(new RegExp(`^Could not reach the mail server via smtp://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
    expect(check!.detail).not.toContain('s3cret');
  });
});
