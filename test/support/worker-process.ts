import { spawn, type ChildProcess } from 'node:child_process';
import { WORKER_NODE_FLAGS } from '../../workers/heap-limit';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');

/** The real worker entry point (`npm run worker`) as a separate process, so a test can SIGKILL it. */
export function spawnWorkerProcess(env: NodeJS.ProcessEnv): ChildProcess {
  // node itself (not the tsx wrapper, which would survive as a parent while its child keeps working): a SIGKILL
  // must hit the process that runs the worker.
  const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, '--import', 'tsx', path.join(projectRoot, 'workers', 'main.ts')], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, XSYNC_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', process.env.XSYNC_TEST_VERBOSE ? 'inherit' : 'ignore'],
  });
  return child;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}
