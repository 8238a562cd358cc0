import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { Knex } from 'knex';
import { canConnect, dropDatabase, ensureDatabase, splitDatabaseUrl } from '../../db/ensure-database';
import { createDb, migrateLatest } from '../../db/knex';
import { workflowsPath } from '../../workers/create-worker';
import { createDataConverter, failureConverterPath } from '../../temporal/data-converter';
import { WORKER_NODE_FLAGS } from '../../workers/heap-limit';
import { ensureEmbeddedPostgres } from '../lib/embedded-postgres';
import { dataDir, projectRoot } from '../lib/paths';
import { findTemporalCli } from '../lib/temporal-cli';
import { freePort, startDevServer, type RunningDevServer } from '../lib/temporal-dev-server';
import type { FromWorker, ToWorker } from './worker-process';

export type Log = (line: string) => void;

/** Cleanups run in reverse order of registration, each at most once, errors reported but not thrown. */
export class Cleanup {
  private readonly steps: Array<{ name: string; run: () => Promise<void> | void }> = [];
  private done = false;
  add(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }
  async runAll(log: Log): Promise<void> {
    if (this.done) return;
    this.done = true;
    for (const step of this.steps.reverse()) {
      try {
        await step.run();
      } catch (err) {
        log(`cleanup "${step.name}" failed: ${(err as Error).message}`);
      }
    }
  }
}

export const benchDir = path.join(dataDir, 'bench');

/** The Postgres server's maintenance URL: DATABASE_URL's server, the local default, or the embedded Postgres. */
export async function resolveAdminUrl(log: Log, env = process.env): Promise<string> {
  if (env.DATABASE_URL) return splitDatabaseUrl(env.DATABASE_URL).adminUrl;
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await canConnect(local)) return local;
  log('no PostgreSQL on 127.0.0.1:5432; using the embedded one');
  return ensureEmbeddedPostgres(log);
}

/** A fresh, migrated database `xsync_bench_<random>` on the server; dropped by the cleanup. */
export async function createBenchDatabase(adminUrl: string, cleanup: Cleanup): Promise<{ url: string; name: string; db: Knex }> {
  const url = new URL(adminUrl);
  const name = `xsync_bench_${randomBytes(4).toString('hex')}`;
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  await ensureDatabase(dbUrl);
  cleanup.add(`drop database ${name}`, () => dropDatabase(dbUrl));
  const db = createDb(dbUrl, { min: 0, max: 5 });
  cleanup.add('close the driver pool', () => db.destroy());
  await migrateLatest(db);
  return { url: dbUrl, name, db };
}

/** A headless, in-memory Temporal dev server on a free port (namespace and search attributes by its flags). */
export async function startBenchTemporal(namespace: string, log: Log, cleanup: Cleanup): Promise<RunningDevServer> {
  const cli = await findTemporalCli(log);
  fs.mkdirSync(benchDir, { recursive: true });
  const server = await startDevServer({ cli, port: await freePort(), namespace, logFile: path.join(benchDir, 'temporal.log') });
  cleanup.add('stop the Temporal dev server', () => server.stop());
  return server;
}

/** The workflow bundle, built here so the worker child's memory does not include webpack. */
export async function writeWorkflowBundle(cleanup: Cleanup): Promise<string> {
  fs.mkdirSync(benchDir, { recursive: true });
  const quiet = () => undefined;
  const bundle = await bundleWorkflowCode({
    workflowsPath,
    failureConverterPath,
    logger: { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet, log: quiet } as never,
  });
  const file = path.join(benchDir, `workflow-bundle-${process.pid}.js`);
  fs.writeFileSync(file, bundle.code);
  cleanup.add('remove the workflow bundle', () => fs.rmSync(file, { force: true }));
  return file;
}

/** A TypeScript child process (through tsx) with an IPC channel, and typed request/answer helpers. */
export class Child<ToChild extends { type: string }, FromChild extends { type: string }> {
  readonly process: ChildProcess;
  private readonly waiters: Array<{ type: string; resolve: (m: FromChild) => void; reject: (e: Error) => void }> = [];
  private exited = false;
  private lastError?: string;

  constructor(
    readonly name: string,
    file: string,
    env: NodeJS.ProcessEnv,
    nodeFlags: readonly string[] = [],
  ) {
    this.process = fork(file, [], {
      cwd: projectRoot,
      env,
      execArgv: [...nodeFlags, '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.process.on('message', (m: FromChild) => {
      if (m.type === 'error') this.lastError = (m as unknown as { message: string }).message;
      const i = this.waiters.findIndex((w) => w.type === m.type || m.type === 'error');
      if (i < 0) return;
      const [w] = this.waiters.splice(i, 1);
      if (m.type === 'error' && w!.type !== 'error') w!.reject(new Error(`${name}: ${this.lastError}`));
      else w!.resolve(m);
    });
    this.process.once('exit', (code, signal) => {
      this.exited = true;
      const why = new Error(`${name} exited (${signal ?? code})${this.lastError ? `: ${this.lastError}` : ''}`);
      for (const w of this.waiters.splice(0)) w.reject(why);
    });
  }

  next<T extends FromChild['type']>(type: T, timeoutMs = 120_000): Promise<Extract<FromChild, { type: T }>> {
    if (this.exited) return Promise.reject(new Error(`${this.name} is not running`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no "${type}" within ${timeoutMs / 1000}s`)), timeoutMs);
      this.waiters.push({
        type,
        resolve: (m) => (clearTimeout(timer), resolve(m as Extract<FromChild, { type: T }>)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  send(message: ToChild): void {
    if (!this.exited && this.process.connected) this.process.send(message);
  }

  async ask<T extends FromChild['type']>(message: ToChild, answer: T, timeoutMs?: number): Promise<Extract<FromChild, { type: T }>> {
    const reply = this.next(answer, timeoutMs);
    this.send(message);
    return reply;
  }

  /** Asks the child to stop, waits for it, and kills it when it does not go within `graceMs`. */
  async stop(message: ToChild, graceMs = 15_000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.send(message);
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }

  get running(): boolean {
    return !this.exited;
  }
}

/**
 * The durable side of a benchmark: a worker process (the production heap limit) on the bench's database and Temporal,
 * and a client that encrypts payloads as the worker does. Both are stopped by `cleanup`.
 */
export async function startBenchWorker(o: {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  secretKey: string;
  bundle: string;
  cleanup: Cleanup;
}): Promise<{ worker: Child<ToWorker, FromWorker>; client: Client }> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: o.databaseUrl,
    TEMPORAL_ADDRESS: o.temporalAddress,
    TEMPORAL_NAMESPACE: o.namespace,
    XSYNC_TASK_QUEUE: o.taskQueue,
    XSYNC_SECRET_KEY: o.secretKey,
    XSYNC_LOG_LEVEL: 'warn',
    XSYNC_BENCH_WORKFLOW_BUNDLE: o.bundle,
  };
  const worker = new Child<ToWorker, FromWorker>('worker', path.join(__dirname, 'worker-process.ts'), childEnv, WORKER_NODE_FLAGS);
  o.cleanup.add('stop the worker process', () => worker.stop({ type: 'stop' }));
  await worker.next('ready');
  const connection = await Connection.connect({ address: o.temporalAddress });
  o.cleanup.add('close the Temporal client', () => connection.close());
  return { worker, client: new Client({ connection, namespace: o.namespace, dataConverter: createDataConverter(o.secretKey) }) };
}
