import { getHeapStatistics } from 'node:v8';
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createActivityDeps } from '../activities/create-deps';
import { loadConfig } from '../config/config';
import { createDb } from '../db/knex';
import { createLogger } from '../config/logger';
import { runMain } from '../config/run-main';
import { createWorker } from './create-worker';
import { Client, Connection } from '@temporalio/client';
import { ensureMaintenanceSchedule } from '../temporal/schedules';
import { startRelay } from '../realtime/start-relay';

/** Worker entry point: the Temporal runtime stops the worker gracefully on SIGINT/SIGTERM (in-flight tasks finish first). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.XSYNC_LOG_LEVEL);
  Runtime.install({ logger: new DefaultLogger(config.XSYNC_LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN') });
  const db = createDb(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await createWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.XSYNC_TASK_QUEUE,
      activities: createActivities(createActivityDeps(config, db)),
      secretKey: config.XSYNC_SECRET_KEY,
      acceptPlaintext: config.XSYNC_ACCEPT_PLAINTEXT_PAYLOADS,
    });
    // Purges personal data of settled runs past the debug retention; every worker makes sure it exists.
    const client = new Client({ connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }), namespace: config.TEMPORAL_NAMESPACE });
    await ensureMaintenanceSchedule(client, config.XSYNC_TASK_QUEUE);
    await client.connection.close();
    // The outbox relay lives and dies with the worker: a push needs a worker anyway (README "Real-time push").
    const relay = config.XSYNC_RELAY ? await startRelay(config, db, log) : undefined;
    const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
    log.info(
      { taskQueue: config.XSYNC_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE, address: config.TEMPORAL_ADDRESS, heapLimitMb, relay: !!relay },
      'worker started',
    );
    await worker.run();
    await relay?.stop();
    log.info('worker stopped');
  } finally {
    await connection.close();
    await db.destroy();
  }
}

runMain(main);
