import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/config';
import { canConnect, ensureDatabase, splitDatabaseUrl } from '../../db/ensure-database';
import { createDb, migrateLatest } from '../../db/knex';
import { ensureEmbeddedPostgres } from './embedded-postgres';
import { dataDir } from './paths';
import { localSecretKey } from './secret-key-file';
import { findTemporalCli } from './temporal-cli';
import { startDevServer, waitForTemporal } from './temporal-dev-server';
import { ensureNamespace } from './temporal-namespace';

export interface LocalEnv {
  env: NodeJS.ProcessEnv;
  uiUrl?: string;
  notes: string[];
}

const DEFAULT_DATABASE_NAME = 'xledger_sync';
const temporalPidFile = path.join(dataDir, 'temporal.pid');

async function resolveDatabaseUrl(env: NodeJS.ProcessEnv, log: (s: string) => void): Promise<string> {
  if (env.DATABASE_URL) return loadConfig(env, ['DATABASE_URL']).DATABASE_URL;
  const local = `postgres://postgres@127.0.0.1:5432/${DEFAULT_DATABASE_NAME}`;
  if (env.XSYNC_EMBEDDED_PG !== '1' && (await canConnect(splitDatabaseUrl(local).adminUrl))) return local;
  const admin = await ensureEmbeddedPostgres(log);
  return admin.replace(/\/postgres$/, `/${DEFAULT_DATABASE_NAME}`);
}

async function resolveTemporal(env: NodeJS.ProcessEnv, log: (s: string) => void): Promise<{ address: string; uiUrl?: string }> {
  const { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, XSYNC_UI_URL, XSYNC_CODEC_PORT } = loadConfig(env, [
    'TEMPORAL_ADDRESS',
    'TEMPORAL_NAMESPACE',
    'XSYNC_UI_URL',
    'XSYNC_CODEC_PORT',
  ]);
  try {
    await waitForTemporal(TEMPORAL_ADDRESS, env.TEMPORAL_ADDRESS ? 10000 : 1500);
    log(`reusing the Temporal server at ${TEMPORAL_ADDRESS}`);
  } catch (err) {
    if (env.TEMPORAL_ADDRESS) throw new Error(`TEMPORAL_ADDRESS=${TEMPORAL_ADDRESS} does not answer: ${(err as Error).message}`);
    const cli = await findTemporalCli(log, env);
    const port = Number(TEMPORAL_ADDRESS.split(':').pop());
    fs.mkdirSync(dataDir, { recursive: true });
    log(`starting the Temporal dev server on ${TEMPORAL_ADDRESS} with the UI on ${XSYNC_UI_URL}`);
    const server = await startDevServer({
      cli,
      port,
      uiPort: Number(new URL(XSYNC_UI_URL).port || 8233),
      namespace: TEMPORAL_NAMESPACE,
      dbFilename: path.join(dataDir, 'temporal.db'),
      logFile: path.join(dataDir, 'temporal.log'),
      detached: true,
      uiCodecEndpoint: `http://127.0.0.1:${XSYNC_CODEC_PORT}`,
    });
    fs.writeFileSync(temporalPidFile, String(server.pid));
  }
  await ensureNamespace(TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE);
  return { address: TEMPORAL_ADDRESS, uiUrl: XSYNC_UI_URL };
}

/**
 * Sets up everything the main job needs on one machine, reusing whatever already runs:
 * a secret key, Postgres (local or embedded) with the schema migrated, and a Temporal dev server with UI.
 */
export async function prepareLocalEnv(log: (s: string) => void, base: NodeJS.ProcessEnv = process.env): Promise<LocalEnv> {
  const env: NodeJS.ProcessEnv = { ...base };
  const notes: string[] = [];
  if (!env.XSYNC_SECRET_KEY) {
    env.XSYNC_SECRET_KEY = localSecretKey();
    notes.push('XSYNC_SECRET_KEY: a local key kept in .data/secret.key (set your own in production)');
  }
  env.DATABASE_URL = await resolveDatabaseUrl(env, log);
  if (await ensureDatabase(env.DATABASE_URL)) log(`created database ${splitDatabaseUrl(env.DATABASE_URL).database}`);
  const db = createDb(env.DATABASE_URL);
  try {
    const applied = await migrateLatest(db);
    if (applied.length) log(`applied ${applied.length} migration(s)`);
  } finally {
    await db.destroy();
  }
  const temporal = await resolveTemporal(env, log);
  env.TEMPORAL_ADDRESS = temporal.address;
  return { env, uiUrl: temporal.uiUrl, notes };
}

export function localTemporalPid(): number | undefined {
  if (!fs.existsSync(temporalPidFile)) return undefined;
  return Number(fs.readFileSync(temporalPidFile, 'utf8').trim()) || undefined;
}

export function forgetLocalTemporal(): void {
  fs.rmSync(temporalPidFile, { force: true });
}
