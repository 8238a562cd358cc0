import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../client/program';
import type { CliIo } from '../../client/io';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with captured output (fast; the same code path as the binary). */
export async function cli(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdin: Readable.from([Buffer.from(stdin)]),
    env,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const projectRoot = path.resolve(__dirname, '..', '..');

/** Runs the real CLI binary as a child process, as an admin would. */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv, stdin = ''): CliResult {
  const r = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), [path.join(projectRoot, 'client', 'cli.ts'), ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    input: stdin,
    encoding: 'utf8',
    timeout: 60000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
