import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { ActivityDeps } from '../../activities/deps';
import { createConnectionsStore } from '../../db/connections-store';
import { createHrStore } from '../../hr/hr-store';
import { parseKeyring } from '../../db/secrets/keyring';
import { createPersonalHasher } from '../../db/secrets/personal-hasher';
import type { HrEmployee } from '../../domain';
import { createMailer } from '../../mail';
import { createXledgerClient, type XledgerClient } from '../../xledger';
import { startFakeXledger, type FakeXledger } from '../../xledger/fake/server';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-server';
import { FULL, LIMITS_OFF } from '../xledger/helpers';
import { cli, type CliResult } from './cli-runner';
import { createTestDatabase, type TestDatabase } from './test-db';
import { requireEnv, testSecretKey, TEST_NAMESPACE } from './test-env';
import { connectTestTemporal, type TestTemporal } from './test-temporal';

export const OWNER = 1000;
export const CONNECTION = 'acme';
export const RECIPIENT = 'hr-admin@acme.test';

/**
 * Everything a sync run touches, all real: Postgres, a Temporal dev server and worker, the fake Xledger over HTTP,
 * an SMTP server, and the admin CLI.
 */
export interface SyncHarness {
  t: TestDatabase;
  temporal: TestTemporal;
  fake: FakeXledger;
  smtp: TestSmtpServer;
  env: NodeJS.ProcessEnv;
  deps: ActivityDeps;
  xledger: XledgerClient;
  worker: Worker;
  workerRun: Promise<void>;
  cli(...args: string[]): Promise<CliResult>;
  cliJson<T = unknown>(...args: string[]): Promise<T>;
  seedHr(employees: readonly HrEmployee[]): Promise<void>;
  restartWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** `employeeSettings` are the connection's `settings.employees` (e.g. `{ createInXledger: 'auto' }`); recipients is RECIPIENT. */
export async function startSyncHarness(employeeSettings: Record<string, unknown> = {}, options: { inProcessWorker?: boolean } = {}): Promise<SyncHarness> {
  const secret = testSecretKey();
  const [t, temporal, fake, smtp] = await Promise.all([
    createTestDatabase(),
    connectTestTemporal(secret),
    startFakeXledger({ port: 0, knobs: LIMITS_OFF }),
    startTestSmtpServer(),
  ]);
  const keyring = parseKeyring(secret);
  const connections = createConnectionsStore(t.db, keyring);
  await connections.add({
    name: CONNECTION,
    xledgerUrl: fake.url,
    ownerEntityId: OWNER,
    token: FULL,
    settings: { recipients: [RECIPIENT], employees: employeeSettings },
  });
  const deps: ActivityDeps = {
    db: t.db,
    connections,
    personalHasher: createPersonalHasher(keyring),
    stagingRetentionDays: 0,
    xledgerClient: (connection, token) => createXledgerClient({ url: connection.xledgerUrl, token, limiter: false, retry: { maxAttempts: 6 } }),
    mailer: createMailer({ smtpUrl: smtp.url, from: 'xledger-sync@test' }),
    uiUrl: 'http://127.0.0.1:8233',
    namespace: TEST_NAMESPACE,
  };
  const env = {
    SMTP_URL: smtp.url,
    DATABASE_URL: t.url,
    TEMPORAL_ADDRESS: requireEnv('TEMPORAL_ADDRESS'),
    TEMPORAL_NAMESPACE: TEST_NAMESPACE,
    XSYNC_TASK_QUEUE: temporal.taskQueue,
    XSYNC_SECRET_KEY: secret,
  };
  const h: SyncHarness = {
    t,
    temporal,
    fake,
    smtp,
    env,
    deps,
    xledger: createXledgerClient({ url: fake.url, token: FULL, limiter: false }),
    worker: undefined as never,
    workerRun: Promise.resolve(),
    cli: (...args) => cli(args, env),
    async cliJson<T>(...args: string[]) {
      const r = await cli(['--json', ...args], env);
      if (r.code !== 0) throw new Error(`xsync ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
    async seedHr(employees) {
      await createHrStore(t.db).upsertEmployees(employees);
    },
    async restartWorker() {
      h.worker.shutdown();
      await h.workerRun;
      await startWorker();
    },
    async stop() {
      h.worker?.shutdown();
      await h.workerRun;
      await temporal.close();
      await Promise.all([fake.stop(), smtp.stop(), t.drop()]);
      deps.mailer.close();
    },
  };
  async function startWorker() {
    h.worker = await temporal.startWorker(createActivities(deps));
    h.workerRun = h.worker.run();
  }
  if (options.inProcessWorker !== false) await startWorker();
  return h;
}

/**
 * Polls until `done` holds (a real wait on real components, bounded). A read that fails (e.g. a query while no
 * worker is up yet) is tried again until the deadline.
 */
export async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await read();
      if (done(v)) return v;
      last = v;
    } catch (err) {
      last = err instanceof Error ? err.message : err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
