import type { FakeTokenConfig, Knobs } from './types';

export function defaultKnobs(): Knobs {
  return {
    latencyMs: 0,
    latencyJitterMs: 0,
    http5xxRate: 0,
    http5xxAfterWriteRate: 0,
    burstLimit: { enabled: true, max: 20, windowMs: 5_000 },
    concurrencyLimit: { enabled: true, max: 5 },
    credits: { enabled: false, perWindow: 5_000, windowMs: 30 * 24 * 3_600_000 },
    forcedErrors: [],
    crashAfterWrites: null,
    rngSeed: 42,
    clockOffsetMs: 0,
    absenceMutations: true,
    exportKeyFilters: true,
  };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends Array<unknown> ? T[K] : T[K] extends object ? Partial<T[K]> : T[K] };
export type KnobPatch = DeepPartial<Knobs>;

/** Merge a patch into knobs (one level deep for the grouped limits). */
export function mergeKnobs(base: Knobs, patch: KnobPatch): Knobs {
  return {
    ...base,
    ...patch,
    burstLimit: { ...base.burstLimit, ...patch.burstLimit },
    concurrencyLimit: { ...base.concurrencyLimit, ...patch.concurrencyLimit },
    credits: { ...base.credits, ...patch.credits },
    forcedErrors: (patch.forcedErrors ?? base.forcedErrors).map((f) => ({ ...f })),
  } as Knobs;
}

/** Knobs from FAKE_XLEDGER_* environment variables (for `npm run fake-xledger`). */
export function knobsFromEnv(env: NodeJS.ProcessEnv): KnobPatch {
  const patch: KnobPatch = {};
  const num = (name: string) => (env[name] !== undefined && env[name] !== '' ? Number(env[name]) : undefined);
  const latency = num('FAKE_XLEDGER_LATENCY_MS');
  if (latency !== undefined) patch.latencyMs = latency;
  const rate = num('FAKE_XLEDGER_5XX_RATE');
  if (rate !== undefined) patch.http5xxRate = rate;
  const lost = num('FAKE_XLEDGER_5XX_AFTER_WRITE_RATE');
  if (lost !== undefined) patch.http5xxAfterWriteRate = lost;
  const seed = num('FAKE_XLEDGER_RNG_SEED');
  if (seed !== undefined) patch.rngSeed = seed;
  const crash = num('FAKE_XLEDGER_CRASH_AFTER_WRITES');
  if (crash !== undefined) patch.crashAfterWrites = crash;
  if (env.FAKE_XLEDGER_THROTTLE !== undefined) {
    const on = !/^(0|off|false|no)$/i.test(env.FAKE_XLEDGER_THROTTLE);
    patch.burstLimit = { enabled: on };
    patch.concurrencyLimit = { enabled: on };
  }
  const credits = num('FAKE_XLEDGER_CREDITS');
  if (credits !== undefined) patch.credits = { enabled: true, perWindow: credits };
  if (env.FAKE_XLEDGER_KNOBS) Object.assign(patch, JSON.parse(env.FAKE_XLEDGER_KNOBS) as KnobPatch);
  return patch;
}

export const DEMO_OWNER_DBID = 1000;
export const DEMO_SUB_ENTITY_DBID = 1001;

/** Default tokens of a fresh fake: full access, Huma's published scope list, read-only, and a sub-entity token. */
export function defaultTokens(): FakeTokenConfig[] {
  return [
    { token: 'fake-full-access', label: 'full access', ownerDbId: DEMO_OWNER_DBID, scopes: 'all' },
    {
      token: 'fake-huma-scopes',
      label: "Huma's documented scope list",
      ownerDbId: DEMO_OWNER_DBID,
      scopes: {
        'Human Resources Employee': 'read/write',
        'Common Address': 'read',
        'Common Contact': 'read/write',
        'Common Company': 'read',
        'Common Country': 'read',
        'Common Object Value': 'read',
        'Common Subledger': 'read/write',
        'Common Supplier': 'read/write',
        'Common System Value': 'read',
        'General Ledger Bank': 'read',
      },
    },
    {
      token: 'fake-employee-read-only',
      label: 'employees read only',
      ownerDbId: DEMO_OWNER_DBID,
      scopes: { 'Human Resources Employee': 'read' },
    },
    { token: 'fake-sub-entity', label: 'sub-entity 1001, full access', ownerDbId: DEMO_SUB_ENTITY_DBID, scopes: 'all' },
  ];
}
