import os from 'node:os';

/** Who acts, for the audit trail: `--as NAME`, else the OS user and host running the CLI. */
export function actingIdentity(as: unknown): string {
  if (typeof as === 'string' && as.trim() !== '') return as.trim();
  return `${os.userInfo().username}@${os.hostname()}`;
}
