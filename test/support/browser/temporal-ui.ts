import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { parseKeyring } from '../../../db/secrets/keyring';
import { findChromium } from '../../../scripts/lib/chromium';
import { dataDir } from '../../../scripts/lib/paths';
import { findTemporalCli } from '../../../scripts/lib/temporal-cli';
import { freePort, startDevServer, type RunningDevServer } from '../../../scripts/lib/temporal-dev-server';
import { startCodecServer, type CodecLogger, type RunningCodecServer } from '../../../temporal/codec-server';
import { EncryptionCodec } from '../../../temporal/encryption-codec';
import { startSyncHarness, type SyncHarness } from '../sync-harness';
import { TEST_NAMESPACE } from '../test-env';

export interface CodecLogLine {
  level: 'info' | 'warn';
  msg: string;
  [key: string]: unknown;
}

/**
 * A Temporal dev server *with its UI* (the suite's shared server is headless), pointed at our real codec endpoint,
 * and a sync harness (Postgres, fake Xledger, SMTP, worker, CLI) on it. The UI and the codec endpoint each get a
 * free loopback port; the codec endpoint allows exactly the UI's origin, as an operator would configure it.
 */
export interface UiStack {
  h: SyncHarness;
  temporal: RunningDevServer;
  uiUrl: string;
  codec: RunningCodecServer;
  /** Every line the codec endpoint logged, as pino would write it (object fields plus level and msg). */
  codecLog: CodecLogLine[];
  stop(): Promise<void>;
}

const log = (line: string) => process.stderr.write(`[browser test] ${line}\n`);

async function waitForUi(url: string, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/v1/settings`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Temporal UI at ${url} did not answer within ${timeoutMs / 1000}s (${last})`);
}

export async function startUiStack(employeeSettings: Record<string, unknown>): Promise<UiStack> {
  const [cli, port, uiPort, codecPort] = await Promise.all([findTemporalCli(log), freePort(), freePort(), freePort()]);
  const testDir = path.join(dataDir, 'test');
  fs.mkdirSync(testDir, { recursive: true });
  const codecUrl = `http://127.0.0.1:${codecPort}`;
  const temporal = await startDevServer({
    cli,
    port,
    uiPort,
    namespace: TEST_NAMESPACE,
    uiCodecEndpoint: codecUrl,
    logFile: path.join(testDir, 'temporal-ui.log'),
  });
  const uiUrl = temporal.uiUrl!;
  let h: SyncHarness | undefined;
  let codec: RunningCodecServer | undefined;
  try {
    await waitForUi(uiUrl);
    // The harness reads the Temporal address from the environment: point it at this server while it connects.
    const shared = process.env.TEMPORAL_ADDRESS;
    process.env.TEMPORAL_ADDRESS = temporal.address;
    try {
      h = await startSyncHarness(employeeSettings);
    } finally {
      process.env.TEMPORAL_ADDRESS = shared;
    }
    const codecLog: CodecLogLine[] = [];
    const logger: CodecLogger = {
      info: (obj, msg) => codecLog.push({ ...obj, level: 'info', msg }),
      warn: (obj, msg) => codecLog.push({ ...obj, level: 'warn', msg }),
    };
    codec = await startCodecServer({
      codec: new EncryptionCodec(parseKeyring(h.temporal.secretKey), { acceptPlaintext: true }),
      port: codecPort,
      host: '127.0.0.1',
      allowedOrigins: [uiUrl],
      logger,
    });
    const started = { h, codec };
    return {
      h,
      temporal,
      uiUrl,
      codec,
      codecLog,
      stop: async () => {
        await started.h.stop();
        await started.codec.close();
        await temporal.stop();
      },
    };
  } catch (err) {
    await h?.stop().catch(() => undefined);
    await codec?.close().catch(() => undefined);
    await temporal.stop();
    throw err;
  }
}

/** Headless Debian Chromium through puppeteer-core (which brings no browser of its own). Fails when there is none. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium(log);
  return puppeteer.launch({
    executablePath,
    headless: true,
    // As root in a container Chromium's sandbox cannot start; the pages opened are our own local UI only, and no
    // host name resolves (the UI's news feed, Chromium's own services): nothing leaves this machine.
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--window-size=1440,1000',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
    defaultViewport: { width: 1440, height: 1000 },
    protocolTimeout: 60000,
  });
}
