/**
 * Fault injection for `npm run bench -- --faults flaky | --kill-worker N | --crash-after N` (issue #5, "fault tests
 * as bench flags"), and the exact-final-state check every fault run ends with. See docs/benchmark.md, "Faults".
 */
import type { HrEmployee } from '../../domain';
import { createXledgerClient } from '../../xledger';
import type { FakeXledger } from '../../xledger/fake/server';
import type { KnobPatch } from '../../xledger/fake/knobs';
import { diffStates, duplicateCodes, expectedXledgerState, readXledgerState } from '../../test/support/expected-state';

export const BURST = 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED';
export const CONCURRENCY = 'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED';
export const FLAKY_SEED = 9001;

/** The bench's normal fake: no faults, no limits. */
export const NO_FAULTS: KnobPatch = {
  http5xxRate: 0,
  forcedErrors: [],
  crashAfterWrites: null,
  burstLimit: { enabled: false },
  concurrencyLimit: { enabled: false },
};

/** 10 % random 5xx (seeded), Xledger's real burst and concurrency limits, plus forced 5xx and throttles on reads and writes. */
export function flakyKnobs(): KnobPatch {
  return {
    http5xxRate: 0.1,
    rngSeed: FLAKY_SEED,
    burstLimit: { enabled: true, max: 20, windowMs: 5000 },
    concurrencyLimit: { enabled: true, max: 5 },
    // A run sends few requests (one page read, one write per 500 nodes), so 10 % random alone may serve no 5xx at
    // all: one forced 5xx on the read and on each kind of write makes sure every run meets at least one.
    forcedErrors: [
      { code: 'HTTP_502', count: 1, operation: 'employees' },
      { code: 'HTTP_503', count: 1, operation: 'addEmployees' },
      { code: 'HTTP_503', count: 1, operation: 'updateEmployees' },
      { code: CONCURRENCY, count: 2, operation: 'employees' }, // the snapshot read
      { code: BURST, count: 1, operation: 'employees' },
      { code: BURST, count: 2, operation: 'addEmployees' },
      { code: CONCURRENCY, count: 2, operation: 'addEmployees' },
      { code: BURST, count: 1, operation: 'updateContacts' },
      { code: CONCURRENCY, count: 1, operation: 'updateSubledgers' },
    ],
  };
}

export interface FaultFigures {
  /** What was injected, in words (flag and knobs). */
  mode: string;
  http5xx: number;
  throttled: Record<string, number>;
  kills: number;
  crashes: number;
  recoveries: number;
  /** Activity executions whose final attempt was > 1 (from the history), and the extra attempts they took. */
  retriedActivities: number;
  extraAttempts: number;
  /** The durable run's wall time, faults and all. */
  wallMs: number;
  finalState: { exact: boolean; expected: number; actual: number; duplicates: number; differences: string[] };
}

/** Xledger's owner-entity employees, compared field by field with the state worked out from HR. Faults must be off. */
export async function checkFinalState(fake: FakeXledger, token: string, hr: readonly HrEmployee[], today: string): Promise<FaultFigures['finalState']> {
  const xledger = createXledgerClient({ url: fake.url, token, limiter: false });
  const actual = await readXledgerState(xledger);
  const expected = expectedXledgerState(hr, today);
  const duplicates = duplicateCodes(actual);
  const differences = diffStates(expected, actual);
  return {
    exact: duplicates.length === 0 && actual.length === expected.length && differences.length === 0,
    expected: expected.length,
    actual: actual.length,
    duplicates: duplicates.length,
    differences: differences.slice(0, 20),
  };
}

/** When to kill the worker: after the k-th addEmployees request, N times, spread over the apply phase's batches. */
export function killThresholds(kills: number, batches: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= kills; i++) out.push(Math.max(i, Math.min(batches - 1, Math.round((batches * i) / (kills + 1)))));
  // Strictly increasing, at least 1 apart (with few batches, later kills land on later batches or their retries).
  for (let i = 1; i < out.length; i++) if (out[i]! <= out[i - 1]!) out[i] = out[i - 1]! + 1;
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
