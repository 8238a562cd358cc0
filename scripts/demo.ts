import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createActivityDeps } from '../activities/create-deps';
import { runCli } from '../client/program';
import { loadConfig } from '../config/config';
import { runMain } from '../config/run-main';
import { createDb } from '../db/knex';
import { createWorker } from '../workers/create-worker';
import { prepareLocalEnv } from './lib/local-env';

const say = (line: string) => process.stdout.write(`» ${line}\n`);

/**
 * The main job on embedded defaults: sets everything up (reusing what already runs), starts a worker,
 * and runs the admin CLI against it. Temporal and Postgres stay up afterwards (`npm run stop` ends them).
 */
runMain(async () => {
  const local = await prepareLocalEnv(say);
  local.notes.forEach((n) => say(n));
  const config = loadConfig(local.env);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const db = createDb(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await createWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.XSYNC_TASK_QUEUE,
      activities: createActivities(createActivityDeps(config, db)),
    });
    say(`worker polling task queue "${config.XSYNC_TASK_QUEUE}" in namespace "${config.TEMPORAL_NAMESPACE}"`);
    const io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t), stdin: process.stdin, env: local.env };
    const code = await worker.runUntil(async () => {
      say('xsync doctor');
      return runCli(['doctor'], io);
    });
    say(`Temporal UI: ${local.uiUrl} (namespace ${config.TEMPORAL_NAMESPACE}) — the doctor run is listed there`);
    say('stop the local Temporal and embedded Postgres with `npm run stop`');
    return code;
  } finally {
    await connection.close();
    await db.destroy();
  }
});
