import { randomBytes } from 'node:crypto';

export const TEST_NAMESPACE = 'xsync-test';

/** A fresh, valid keyring value for tests. */
export function testSecretKey(id = 'test'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the jest global setup did not run`);
  return value;
}
