import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { canConnect } from '../../db/ensure-database';
import { ensureEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';
import { dataDir } from '../../scripts/lib/paths';
import { findTemporalCli } from '../../scripts/lib/temporal-cli';
import { freePort, startDevServer, type RunningDevServer } from '../../scripts/lib/temporal-dev-server';
import { workflowsPath } from '../../workers/create-worker';
import { failureConverterPath } from '../../temporal/data-converter';
import { TEST_NAMESPACE } from './test-env';

declare global {
  var __xsyncTemporal: RunningDevServer | undefined;
}

const log = (line: string) => process.stderr.write(`[test setup] ${line}\n`);

/**
 * One real Temporal dev server and one workflow bundle for the whole run; Postgres is the local server
 * (or an embedded one on a machine without it). Anything missing fails the run: no test skips silently.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.XSYNC_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await canConnect(adminUrl))) {
    if (process.env.XSYNC_TEST_ADMIN_URL) throw new Error(`XSYNC_TEST_ADMIN_URL=${adminUrl} is not reachable`);
    log('no PostgreSQL on 127.0.0.1:5432; using the embedded one');
    process.env.XSYNC_TEST_ADMIN_URL = await ensureEmbeddedPostgres(log);
  } else {
    process.env.XSYNC_TEST_ADMIN_URL = adminUrl;
  }

  const testDir = path.join(dataDir, 'test');
  fs.mkdirSync(testDir, { recursive: true });
  const cli = await findTemporalCli(log);
  const [server, bundle] = await Promise.all([
    startDevServer({ cli, port: await freePort(), namespace: TEST_NAMESPACE, logFile: path.join(testDir, 'temporal.log') }),
    bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: { trace() {}, debug() {}, info() {}, warn: log, error: log, log() {} } as never }),
  ]);
  globalThis.__xsyncTemporal = server;
  const bundlePath = path.join(testDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);
  process.env.TEMPORAL_ADDRESS = server.address;
  process.env.TEMPORAL_NAMESPACE = TEST_NAMESPACE;
  process.env.XSYNC_TEST_WORKFLOW_BUNDLE = bundlePath;
}
