import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..', '..');
/** Tools the project installs for itself (Temporal CLI), never committed. */
export const toolsDir = path.join(projectRoot, '.tools');
/** State of the local embedded services (secret key, Temporal's SQLite file, embedded Postgres), never committed. */
export const dataDir = path.join(projectRoot, '.data');
