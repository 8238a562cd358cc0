import { z } from 'zod';
import { parseKeyring } from '../db/secrets/keyring';

/** Thrown for bad configuration; its message is one line naming every bad setting. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '' && u.pathname.length > 1;
    } catch {
      return false;
    }
  }, 'must look like postgres://user@host:port/database');

const hostPort = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:7233');

const smtpUrl = z
  .string()
  .trim()
  .refine((v) => /^smtps?:\/\/[^\s]+$/.test(v), 'must look like smtp://host:port or smtps://user:pass@host:port');

const httpUrl = z.string().trim().url('must be an http(s) URL');

const secretKey = z.string().superRefine((value, ctx) => {
  try {
    parseKeyring(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
  }
});

const envSchema = z.object({
  DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/xledger_sync'),
  TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().trim().min(1).default('xledger-sync'),
  XSYNC_TASK_QUEUE: z.string().trim().min(1).default('xledger-sync'),
  XSYNC_SECRET_KEY: secretKey,
  SMTP_URL: smtpUrl.default('smtp://127.0.0.1:2525'),
  XSYNC_MAIL_FROM: z.string().trim().email('must be an email address').default('xledger-sync@localhost'),
  XSYNC_UI_URL: httpUrl.default('http://127.0.0.1:8233'),
  XSYNC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  XSYNC_CODEC_HOST: z.string().trim().min(1).default('127.0.0.1'),
  XSYNC_CODEC_PORT: z.coerce.number().int('must be a port number').min(0, 'must be a port number').max(65535, 'must be a port number').default(8888),
  XSYNC_CODEC_ORIGINS: z
    .string()
    .trim()
    .default('http://127.0.0.1:8233,http://localhost:8233')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .refine((origins) => origins.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'must be a comma-separated list of origins like http://127.0.0.1:8233'),
  XSYNC_CODEC_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
});

export type AppConfig = z.infer<typeof envSchema>;
export type ConfigKey = keyof AppConfig;

/** Reads only the named settings, so a command that needs no secret key does not demand one. */
export function loadConfig<K extends ConfigKey>(env: NodeJS.ProcessEnv, keys: readonly K[]): Pick<AppConfig, K>;
export function loadConfig(env?: NodeJS.ProcessEnv): AppConfig;
export function loadConfig(env: NodeJS.ProcessEnv = process.env, keys?: readonly ConfigKey[]): Partial<AppConfig> {
  const schema = keys ? envSchema.pick(Object.fromEntries(keys.map((k) => [k, true])) as Record<ConfigKey, true>) : envSchema;
  const raw = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues));
  return parsed.data;
}

const hintWhenMissing: Partial<Record<string, string>> = {
  XSYNC_SECRET_KEY: ' (32 random bytes in base64, e.g. `openssl rand -base64 32`)',
};

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.map((issue) => {
    const key = String(issue.path[0] ?? 'config');
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    return missing ? `${key} is not set${hintWhenMissing[key] ?? ''}` : `${key} ${issue.message}`;
  });
  return `Invalid configuration: ${parts.join('; ')}`;
}
