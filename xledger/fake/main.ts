/**
 * `npm run fake-xledger` — a standalone fake Xledger GraphQL server.
 * Env: FAKE_XLEDGER_PORT (default 7300), FAKE_XLEDGER_HOST, FAKE_XLEDGER_SEED (path to seed JSON),
 * FAKE_XLEDGER_TOKENS (path to or inline JSON array of token configs), FAKE_XLEDGER_EMPLOYEES (generate N),
 * knob variables FAKE_XLEDGER_LATENCY_MS, FAKE_XLEDGER_5XX_RATE, FAKE_XLEDGER_THROTTLE=on|off,
 * FAKE_XLEDGER_CREDITS, FAKE_XLEDGER_CRASH_AFTER_WRITES, FAKE_XLEDGER_RNG_SEED, FAKE_XLEDGER_KNOBS (JSON).
 */
import { readFileSync } from 'node:fs';
import { knobsFromEnv } from './knobs';
import { startFakeXledger } from './server';
import type { FakeTokenConfig, Seed } from './types';

function jsonFromEnv<T>(value: string | undefined): T | undefined {
  if (!value) return undefined;
  const text = value.trim().startsWith('[') || value.trim().startsWith('{') ? value : readFileSync(value, 'utf8');
  return JSON.parse(text) as T;
}

async function main(): Promise<void> {
  const env = process.env;
  const seed = jsonFromEnv<Seed>(env.FAKE_XLEDGER_SEED);
  const tokens = jsonFromEnv<FakeTokenConfig[]>(env.FAKE_XLEDGER_TOKENS);
  const fake = await startFakeXledger({
    port: Number(env.FAKE_XLEDGER_PORT ?? 7300),
    host: env.FAKE_XLEDGER_HOST ?? '127.0.0.1',
    ...(seed ? { seed } : {}),
    ...(tokens ? { tokens } : {}),
    ...(env.FAKE_XLEDGER_EMPLOYEES ? { generateEmployees: Number(env.FAKE_XLEDGER_EMPLOYEES) } : {}),
    knobs: knobsFromEnv(env),
    verbose: env.FAKE_XLEDGER_VERBOSE === '1',
  });
  const k = fake.knobs();
  console.log(`fake Xledger listening on ${fake.url}`);
  console.log(`admin: GET ${fake.adminUrl}/stats | GET ${fake.adminUrl}/state | POST ${fake.adminUrl}/knobs | POST ${fake.adminUrl}/reset`);
  console.log(
    `limits: burst ${k.burstLimit.enabled ? `${k.burstLimit.max}/${k.burstLimit.windowMs}ms` : 'off'}, ` +
      `concurrency ${k.concurrencyLimit.enabled ? k.concurrencyLimit.max : 'off'}, credits ${k.credits.enabled ? k.credits.perWindow : 'off'}`,
  );
  console.log('tokens (header "Authorization: token <token>"):');
  for (const t of fake.tokens) {
    const scopes =
      t.scopes === 'all'
        ? 'all scopes read/write'
        : Object.entries(t.scopes)
            .map(([a, g]) => `${a}: ${g}`)
            .join('; ');
    console.log(`  ${t.token}  owner ${t.ownerDbId}${t.label ? ` (${t.label})` : ''}\n      ${scopes}`);
  }
  const shutdown = () => {
    void fake.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
