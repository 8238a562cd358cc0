/**
 * The benchmark's Temporal worker, in a process of its own so its memory is measured apart from the
 * benchmark driver, the fake Xledger, Postgres and the Temporal server.
 *
 * Started by scripts/bench.ts with `fork` (IPC channel) and the environment of a real worker
 * (DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, XSYNC_TASK_QUEUE, XSYNC_SECRET_KEY) plus
 * XSYNC_BENCH_WORKFLOW_BUNDLE (a pre-built workflow bundle, so webpack's memory is not counted here).
 * The activities are the real ones from the real dependency factory, exactly as workers/main.ts builds them.
 *
 * Messages from the parent: {type:'peak-reset'} starts a new measuring window, {type:'peak'} asks for the
 * window's peak RSS (both answer 'peak'), {type:'stop'} shuts the worker down gracefully; the child answers 'ready', 'peak', 'stopped'.
 */
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createActivityDeps } from '../../activities/create-deps';
import { loadConfig } from '../../config/config';
import { createDb } from '../../db/knex';
import { createWorker } from '../../workers/create-worker';

export type ToWorker = { type: 'peak-reset' } | { type: 'peak' } | { type: 'stop' };
export type FromWorker =
  | { type: 'ready'; rss: number }
  | { type: 'peak'; peakRss: number; rss: number; heapUsed: number }
  | { type: 'stopped'; peakRss: number; maxRss: number }
  | { type: 'error'; message: string };

const SAMPLE_MS = 100;

function send(message: FromWorker): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('worker-process.ts is started by scripts/bench.ts (it needs an IPC channel)');
  const bundle = process.env.XSYNC_BENCH_WORKFLOW_BUNDLE;
  if (!bundle) throw new Error('XSYNC_BENCH_WORKFLOW_BUNDLE is not set');
  const config = loadConfig();
  Runtime.install({ logger: new DefaultLogger('WARN') });

  let windowPeak = process.memoryUsage().rss;
  let lifetimePeak = windowPeak;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > windowPeak) windowPeak = rss;
    if (rss > lifetimePeak) lifetimePeak = rss;
  }, SAMPLE_MS);

  const db = createDb(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.XSYNC_TASK_QUEUE,
    activities: createActivities(createActivityDeps(config, db)),
    secretKey: config.XSYNC_SECRET_KEY,
    workflowBundle: { codePath: bundle },
    identity: `bench-worker@${process.pid}`,
  });

  process.on('message', (m: ToWorker) => {
    const rss = process.memoryUsage().rss;
    windowPeak = Math.max(windowPeak, rss);
    if (m.type === 'peak-reset') windowPeak = rss;
    if (m.type === 'peak-reset' || m.type === 'peak') send({ type: 'peak', peakRss: windowPeak, rss, heapUsed: process.memoryUsage().heapUsed });
    else if (m.type === 'stop') worker.shutdown();
  });
  // The parent going away must not leave a worker behind.
  process.on('disconnect', () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  });

  const running = worker.run();
  send({ type: 'ready', rss: process.memoryUsage().rss });
  try {
    await running;
  } finally {
    clearInterval(sampler);
    await connection.close();
    await db.destroy();
  }
  // resourceUsage().maxRSS is in kilobytes.
  if (process.connected) send({ type: 'stopped', peakRss: lifetimePeak, maxRss: process.resourceUsage().maxRSS * 1024 });
  process.disconnect?.();
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  if (process.connected) send({ type: 'error', message });
  else process.stderr.write(`${message}\n`);
  process.exitCode = 1;
  process.disconnect?.();
});
