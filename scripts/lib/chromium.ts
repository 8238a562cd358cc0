import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

type Log = (line: string) => void;

const HOW_TO_INSTALL =
  'Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`; Fedora: `sudo dnf install chromium`; macOS: `brew install --cask chromium`) ' +
  'or set XSYNC_CHROMIUM_PATH to a Chromium or Chrome binary.';

function works(binary: string): boolean {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30000 });
  return r.status === 0 && /chrom/i.test(r.stdout);
}

function onPath(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = r.stdout.trim();
  return r.status === 0 && found ? found : undefined;
}

function fromPath(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    const found = onPath(name);
    if (found && works(found)) return found;
  }
  return undefined;
}

const canApt = () => process.getuid?.() === 0 && fs.existsSync('/etc/debian_version') && onPath('apt-get') !== undefined;

let aptTried = false;

function aptInstall(log: Log): void {
  aptTried = true;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const step = (args: string[]) => {
    log(`apt-get ${args.join(' ')}`);
    const r = spawnSync('apt-get', args, { encoding: 'utf8', env, timeout: 15 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) {
      const last = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-1)[0] ?? '';
      throw new Error(`apt-get ${args[0]} failed (exit ${r.status ?? r.signal}): ${last}. ${HOW_TO_INSTALL}`);
    }
  };
  step(['update', '-qq']);
  step(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
}

/**
 * Finds the Chromium the browser tests drive (with puppeteer-core, which downloads no browser of its own):
 * XSYNC_CHROMIUM_PATH, else `chromium` or `chromium-browser` on PATH, else — as root on Debian or Ubuntu with
 * apt — installs Debian's `chromium` (one `apt-get update`, then `apt-get install -y --no-install-recommends
 * chromium`), else fails with a message saying how to install it. Synchronous: callers run it before anything else.
 */
export function findChromium(log: Log = () => undefined, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.XSYNC_CHROMIUM_PATH?.trim();
  if (configured) {
    if (!works(configured))
      throw new Error(`XSYNC_CHROMIUM_PATH (${configured}) is not a working Chromium binary (\`${configured} --version\` failed). ${HOW_TO_INSTALL}`);
    return configured;
  }
  const found = fromPath();
  if (found) return found;
  if (canApt() && !aptTried) {
    log("no Chromium on PATH; installing Debian's chromium with apt-get (for the browser test)");
    aptInstall(log);
    const installed = fromPath();
    if (installed) return installed;
    throw new Error(`apt-get installed chromium, but no working \`chromium\` is on PATH. ${HOW_TO_INSTALL}`);
  }
  throw new Error(`No Chromium found for the browser test (XSYNC_CHROMIUM_PATH unset, no chromium or chromium-browser on PATH). ${HOW_TO_INSTALL}`);
}
