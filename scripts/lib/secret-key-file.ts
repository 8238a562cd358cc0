import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from './paths';

const keyFile = path.join(dataDir, 'secret.key');

/** For the local demo only: a key made once and kept in .data/secret.key (mode 0600). Production sets XSYNC_SECRET_KEY. */
export function localSecretKey(): string {
  if (fs.existsSync(keyFile)) return fs.readFileSync(keyFile, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = `local:${randomBytes(32).toString('base64')}`;
  fs.writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
  return key;
}
