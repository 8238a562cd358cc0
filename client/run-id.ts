import { randomBytes } from 'node:crypto';

/** A workflow id that names the connection and the run, e.g. `employees.acme.20261123T101500Z.3f2a`. */
export function newRunId(kind: string, connectionName: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${kind}.${connectionName.replace(/[^A-Za-z0-9_-]+/g, '-')}.${stamp}.${randomBytes(2).toString('hex')}`;
}
