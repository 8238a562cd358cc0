import { z } from 'zod';
import { parseKeyring } from '../db/secrets/keyring';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_PAYLOADS, isLoopbackHost } from '../temporal/codec-server';

/** Days a settled HR outbox row is kept (XSYNC_OUTBOX_RETENTION_DAYS), and the least it may be set to. */
export const OUTBOX_RETENTION_DAYS = 7;
export const OUTBOX_MIN_RETENTION_DAYS = 4;

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
  /** Days a settled run's staging (snapshots, plans, writes: personal data) is kept for debugging; 0 = purged at once. */
  XSYNC_DEBUG_RETENTION_DAYS: z.coerce.number().int('must be a whole number of days').min(0, 'must be 0 to 30 days').max(30, 'must be 0 to 30 days').default(0),
  /** `true` only while migrating from unencrypted payloads: workers then still accept payloads without encryption. */
  XSYNC_ACCEPT_PLAINTEXT_PAYLOADS: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  /** `false`: this worker does not run the outbox relay (real-time push); run it in at least one worker. */
  XSYNC_RELAY: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Days a settled HR outbox row (every delivery done or held) is kept before the hourly maintenance purges it; at
   * least 4: incremental employee runs read the outbox for what HR changed over Xledger's 3-day delta window and overlap.
   */
  XSYNC_OUTBOX_RETENTION_DAYS: z.coerce
    .number()
    .int('must be a whole number of days')
    .min(OUTBOX_MIN_RETENTION_DAYS, `must be ${OUTBOX_MIN_RETENTION_DAYS} to 3650 days: incremental runs read the last 3 days of the outbox`)
    .max(3650, `must be ${OUTBOX_MIN_RETENTION_DAYS} to 3650 days: incremental runs read the last 3 days of the outbox`)
    .default(OUTBOX_RETENTION_DAYS),
  XSYNC_RELAY_POLL_MS: z.coerce.number().int('must be a whole number of milliseconds').min(100, 'must be at least 100 ms').default(5_000),
  XSYNC_CODEC_HOST: z
    .string()
    .trim()
    .min(1)
    .default('127.0.0.1')
    .refine(
      isLoopbackHost,
      'must be a loopback address (127.0.0.0/8 or ::1), e.g. 127.0.0.1: the codec endpoint decrypts for any caller with an allowed Origin, which only browsers enforce, so it listens on this machine only (README, Security)',
    ),
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
  XSYNC_CODEC_MAX_BYTES: z.coerce.number().int('must be a whole number of bytes').min(1024, 'must be at least 1024 bytes').default(DEFAULT_MAX_BODY_BYTES),
  XSYNC_CODEC_MAX_PAYLOADS: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').default(DEFAULT_MAX_PAYLOADS),
  /** Where `xsync doctor` finds the codec endpoint (setting it makes the endpoint required there). */
  XSYNC_CODEC_URL: httpUrl.refine((v) => /^https?:\/\//i.test(v), 'must be an http(s) URL').default('http://127.0.0.1:8888'),
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
