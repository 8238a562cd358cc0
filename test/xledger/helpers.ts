import type { XledgerClientOptions } from '../../xledger/client/client';
import { createXledgerClient } from '../../xledger/client/client';
import type { FakeXledger } from '../../xledger/fake/server';

export const FULL = 'fake-full-access';
export const HUMA = 'fake-huma-scopes';
export const READ_ONLY = 'fake-employee-read-only';
export const SUB = 'fake-sub-entity';

/** A client for the fake: no client-side limiter, sleeps recorded instead of waited unless `realSleep`. */
export function clientFor(fake: FakeXledger, token = FULL, extra: Partial<XledgerClientOptions> & { realSleep?: boolean } = {}) {
  const sleeps: number[] = [];
  const { realSleep, ...rest } = extra;
  const client = createXledgerClient({
    url: fake.url,
    token,
    limiter: false,
    ...(realSleep ? {} : { sleep: async (ms: number) => void sleeps.push(ms) }),
    ...rest,
  });
  return { client, sleeps };
}

export async function rawPost(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { data?: unknown; errors?: Array<Record<string, unknown>> } };
}

export const LIMITS_OFF = {
  burstLimit: { enabled: false },
  concurrencyLimit: { enabled: false },
  credits: { enabled: false },
} as const;
