import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { Connection } from '@temporalio/client';
import { allSearchAttributes } from '../../workflows/shared/search-attributes';

export interface DevServerOptions {
  cli: string;
  port: number;
  /** undefined = headless (no UI) */
  uiPort?: number;
  namespace: string;
  /** SQLite file that keeps history across restarts; in-memory when absent */
  dbFilename?: string;
  /** Keep running after this process exits (the demo); tests keep it attached so it dies with them. */
  detached?: boolean;
  logFile?: string;
  /** Where Temporal UI decrypts payloads (the codec endpoint, temporal/codec-server.ts). */
  uiCodecEndpoint?: string;
  /** Workflow updates (how decisions go in) are on unless this is false (a test of `admin prepare`'s check). */
  enableUpdates?: boolean;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  pid: number;
  process?: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function devServerArgs(o: Omit<DevServerOptions, 'cli' | 'detached' | 'logFile'>): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(o.port), '--namespace', o.namespace];
  args.push(...(o.uiPort ? ['--ui-port', String(o.uiPort)] : ['--headless']));
  if (o.dbFilename) args.push('--db-filename', o.dbFilename);
  if (o.uiPort && o.uiCodecEndpoint) args.push('--ui-codec-endpoint', o.uiCodecEndpoint);
  for (const key of allSearchAttributes) args.push('--search-attribute', `${key.name}=${key.type === 'INT' ? 'Int' : 'Keyword'}`);
  args.push('--log-format', 'pretty', '--log-level', 'warn');
  // The same dynamic config the SDK's own test server uses: updates must be enabled for decision updates.
  args.push('--dynamic-config-value', `frontend.enableUpdateWorkflowExecution=${o.enableUpdates ?? true}`);
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true');
  return args;
}

/** Resolves once the frontend answers, or rejects after `timeoutMs` (a 2-core machine can take a while). */
export async function waitForTemporal(address: string, timeoutMs = 60000, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('the Temporal dev server exited during start-up');
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal at ${address} did not answer within ${timeoutMs / 1000}s: ${(lastError as Error)?.message ?? 'no answer'}`);
}

export async function startDevServer(o: DevServerOptions): Promise<RunningDevServer> {
  const out = o.logFile ? fs.openSync(o.logFile, 'a') : 'ignore';
  const child = spawn(o.cli, devServerArgs(o), {
    detached: o.detached ?? false,
    stdio: ['ignore', out, out],
  });
  if (typeof out === 'number') fs.closeSync(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  if (o.detached) child.unref();
  const address = `127.0.0.1:${o.port}`;
  try {
    await waitForTemporal(address, 60000, () => !exited);
  } catch (err) {
    child.kill('SIGKILL');
    const hint = o.logFile ? ` (see ${o.logFile})` : '';
    throw new Error(`${(err as Error).message}${hint}`);
  }
  return {
    address,
    uiUrl: o.uiPort ? `http://127.0.0.1:${o.uiPort}` : undefined,
    pid: child.pid!,
    process: child,
    stop: async () => {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await done;
      clearTimeout(timer);
    },
  };
}
