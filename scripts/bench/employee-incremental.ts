/**
 * `npm run bench -- --kind employees-incremental [--employees 10000,50000] [--changed 1] [--latency 50] [--json] [--check]`:
 * whole employee runs (issue #15 part B) on the real worker, Temporal, Postgres and the fake Xledger over HTTP — a full
 * run (`--full`) with nothing changed, an incremental run with nothing changed, and an incremental run after `--changed`
 * % of the people changed (half in HR, half in Xledger) — with Xledger requests against the minimum, bytes downloaded
 * and wall time, side by side per company size.
 *
 * The runs are made to look an hour apart: what the first run wrote is stamped an hour back in Xledger (the fake's
 * clock) and in HR's outbox, as if the company had been synced at breakfast and the next run came before lunch.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startRun } from '../../client/start-run';
import { osloToday } from '../../config/oslo-date';
import { createConnectionsStore, type Connection } from '../../db/connections-store';
import { parseKeyring } from '../../db/secrets/keyring';
import { chunk } from '../../domain/shared/collections';
import { MAX_BULK_NODES, MAX_PAGE_SIZE } from '../../domain/shared/xledger-limits';
import { createHrStore } from '../../hr/hr-store';
import type { RunResult } from '../../workflows/employees/types';
import { createXledgerClient } from '../../xledger/client/client';
import { startFakeXledger, type FakeXledger } from '../../xledger/fake/server';
import { generateEmployees } from '../lib/generate-employees';
import { BENCH_SEED, changeSome } from './data';
import { Cleanup, createBenchDatabase, resolveAdminUrl, startBenchTemporal, startBenchWorker, writeWorkflowBundle, type Log } from './environment';
import { MUTATION_KINDS } from './figures';
import { historyFigures } from './history';
import { COMMON_BENCH_OPTIONS } from './common-options';

const NAMESPACE = 'xsync-bench';
const TASK_QUEUE = 'xsync-bench-incremental';
const OWNER = 1000;
const TOKEN = 'fake-full-access';
const HOUR = 3_600_000;
/** The most counterparts one `dbId_in` read asks for (activities/employees/xledger-change-read.ts). */
const IDS_PER_READ = 500;
/** No run waits for an admin: HR wins, nobody is created in HR, no email. */
const SETTINGS = { recipients: [], employees: { createInXledger: 'auto', createInHr: 'never', direction: 'hr-to-xledger' } } as const;

interface RunFigures {
  scenario: string;
  employees: number;
  read: string;
  requests: number;
  minimum: number;
  bytes: number;
  wallMs: number;
  planned: number;
  updated: number;
  status: string;
}

export async function runEmployeeIncrementalBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      employees: { type: 'string', default: '10000,50000' },
      ...COMMON_BENCH_OPTIONS,
    },
  });
  const sizes = values.employees.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 100))
    throw Object.assign(new Error(`--employees: "${values.employees}" is not a list of sizes ≥ 100`), { name: 'UsageError' });
  const changedPct = Number(values.changed);
  const latencyMs = Number(values.latency);
  const log: Log = (line) => process.stderr.write(`[bench employees-incremental] ${line}\n`);

  const rows: RunFigures[] = [];
  for (const size of sizes) rows.push(...(await benchSize(size, changedPct, latencyMs, log)));

  const failed = missedTargets(rows, sizes);
  if (values.json) console.log(JSON.stringify({ latencyMs, changedPct, rows, failed }, null, 2));
  else console.log(renderRows(rows, latencyMs, failed));
  return values.check && failed.length ? 3 : 0;
}

/** The targets, at 50,000 employees (or the largest size asked for). */
function missedTargets(rows: readonly RunFigures[], sizes: readonly number[]): string[] {
  const size = sizes.includes(50_000) ? 50_000 : Math.max(...sizes);
  const of = (scenario: string) => rows.find((r) => r.employees === size && r.scenario.startsWith(scenario))!;
  const [full, noop, changed] = [of('full'), of('incremental no-op'), of('incremental ')];
  const failed: string[] = [];
  if (noop.requests > 2 || noop.wallMs >= 1_000) failed.push(`${size} no-op: ${noop.requests} requests (≤ 2), ${noop.wallMs.toFixed(0)} ms (< 1,000)`);
  if (changed.requests > 1.1 * changed.minimum)
    failed.push(`${size} ${changed.scenario}: ${changed.requests} requests, more than 1.1 × the minimum ${changed.minimum}`);
  if (changed.bytes > 0.05 * full.bytes) failed.push(`${size} ${changed.scenario}: ${pct(changed.bytes, full.bytes)} of a full run's bytes (≤ 5 %)`);
  for (const r of rows) if (r.status !== 'OK') failed.push(`${r.employees} ${r.scenario}: status ${r.status}`);
  return failed;
}

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)} %`;

function renderRows(rows: readonly RunFigures[], latencyMs: number, failed: readonly string[]): string {
  const header = 'scenario                     employees  read          requests  minimum        bytes  % of full   wall time  planned  updated';
  const lines = rows.map((r) => {
    const full = rows.find((f) => f.employees === r.employees && f.scenario.startsWith('full'))!;
    return [
      r.scenario.padEnd(28),
      String(r.employees).padStart(9),
      ` ${r.read.padEnd(12)}`,
      String(r.requests).padStart(9),
      String(r.minimum).padStart(8),
      String(r.bytes).padStart(12),
      pct(r.bytes, full.bytes).padStart(10),
      `${(r.wallMs / 1000).toFixed(2)} s`.padStart(11),
      String(r.planned).padStart(8),
      String(r.updated).padStart(8),
    ].join(' ');
  });
  const verdict = failed.length
    ? `Targets missed:\n- ${failed.join('\n- ')}`
    : 'Targets met (at 50,000, or the largest size run: no-op ≤ 2 requests and < 1 s; the changed run ≤ 1.1 × the minimum requests and ≤ 5 % of the bytes).';
  return [`Whole employee runs, ${latencyMs} ms per Xledger request:`, header, ...lines, '', verdict].join('\n');
}

async function benchSize(size: number, changedPct: number, latencyMs: number, log: Log): Promise<RunFigures[]> {
  const cleanup = new Cleanup();
  try {
    const today = osloToday();
    const adminUrl = await resolveAdminUrl(log);
    const [database, temporal, bundle, fake] = await Promise.all([
      createBenchDatabase(adminUrl, cleanup),
      startBenchTemporal(NAMESPACE, log, cleanup),
      writeWorkflowBundle(cleanup),
      startFakeXledger({ port: 0, knobs: { latencyMs, burstLimit: { enabled: false }, concurrencyLimit: { enabled: false }, credits: { enabled: false } } }),
    ]);
    cleanup.add('stop the fake Xledger', () => fake.stop());
    const secretKey = `bench:${randomBytes(32).toString('base64')}`;
    const connection = await createConnectionsStore(database.db, parseKeyring(secretKey)).add({
      name: 'bench',
      xledgerUrl: fake.url,
      ownerEntityId: OWNER,
      token: TOKEN,
      settings: SETTINGS,
    });
    const { client } = await startBenchWorker({
      databaseUrl: database.url,
      temporalAddress: temporal.address,
      namespace: NAMESPACE,
      taskQueue: TASK_QUEUE,
      secretKey,
      bundle,
      cleanup,
    });

    const employees = generateEmployees(size, { seed: BENCH_SEED, today });
    const hr = createHrStore(database.db);
    for (let i = 0; i < employees.length; i += 1000) await hr.upsertEmployees(employees.slice(i, i + 1000));

    const run = async (scenario: string, full: boolean): Promise<{ result: RunResult; requests: number; bytes: number; wallMs: number }> => {
      fake.resetStats();
      const started = performance.now();
      const { handle } = await startRun(client, database.db, TASK_QUEUE, 'employees', { connection, trigger: 'manual', today, options: full ? { full } : {} });
      const result = (await handle.result()) as RunResult;
      const wallMs = performance.now() - started;
      const stats = fake.stats();
      const { activities, events } = historyFigures(await handle.fetchHistory());
      const steps = activities.map((a) => `${a.name} ${(a.totalMs / 1000).toFixed(2)} s`).join(', ');
      log(
        `${size}: ${scenario}: ${result.status}, ${result.read?.mode ?? '?'} read, ${stats.requests} requests, ${(wallMs / 1000).toFixed(2)} s, ${events} events (${steps})`,
      );
      return { result, requests: stats.requests, bytes: stats.responseBytes, wallMs };
    };

    // Breakfast: the company is loaded into Xledger (an hour ago, by the fake's clock and HR's outbox).
    fake.setKnobs({ clockOffsetMs: -HOUR });
    await run('initial load', true);
    const full = await run('full run, nothing changed', true);
    fake.setKnobs({ clockOffsetMs: 0 });
    await database.db('hr_outbox').update({ changed_at: database.db.raw("changed_at - interval '1 hour'") });

    const noop = await run('incremental, nothing changed', false);

    const { hrChanged, xledgerChanged, minimumReads } = await changePeople(employees, changedPct, connection, fake, hr);
    const changed = await run(`incremental, ${changedPct} % changed`, false);
    const writes = MUTATION_KINDS.reduce((sum, kind) => sum + Math.ceil((fake.stats().mutationNodes[kind] ?? 0) / MAX_BULK_NODES), 0);
    log(`${size}: ${hrChanged} changed in HR, ${xledgerChanged} in Xledger`);

    const figures = (scenario: string, r: Awaited<ReturnType<typeof run>>, minimum: number): RunFigures => ({
      scenario,
      employees: size,
      read: r.result.read?.mode ?? 'unknown',
      requests: r.requests,
      minimum,
      bytes: r.bytes,
      wallMs: r.wallMs,
      planned: r.result.plan?.items ?? 0,
      updated: r.result.counts.updated,
      status: r.result.status,
    });
    return [
      figures('full run, nothing changed', full, Math.ceil(size / MAX_PAGE_SIZE)),
      figures('incremental no-op', noop, 1),
      figures(`incremental ${changedPct} % changed`, changed, minimumReads + writes),
    ];
  } finally {
    await cleanup.runAll(log);
  }
}

/**
 * `pct` % of the people change: half in HR (phone, last name or address, as the employee bench changes them), half in
 * Xledger (a field the sync does not carry, so the run reads them and leaves them be). The fewest reads that see it
 * all: the pages of Xledger's changed employees, and the HR-changed people's counterparts, 500 to a read.
 */
async function changePeople(
  employees: ReturnType<typeof generateEmployees>,
  pct: number,
  connection: Connection,
  fake: FakeXledger,
  hr: ReturnType<typeof createHrStore>,
): Promise<{ hrChanged: number; xledgerChanged: number; minimumReads: number }> {
  const inHr = changeSome(employees, pct / 2).employees;
  for (let i = 0; i < inHr.length; i += 1000) await hr.upsertEmployees(inHr.slice(i, i + 1000));
  const changedInHr = new Set(inHr.map((e) => e.employeeNumber));
  const wanted = inHr.length;
  const inXledger = fake.state.tables.employees.rows.filter((r) => r.ownerDbId === connection.ownerEntityId && !changedInHr.has(String(r.code))).slice(-wanted);
  const xledger = createXledgerClient({ url: fake.url, token: TOKEN, limiter: false });
  for (const batch of chunk(inXledger, MAX_BULK_NODES)) await xledger.employees.update(batch.map((r) => ({ node: { dbId: r.dbId, trialTo: '2027-01-31' } })));
  const minimumReads = Math.max(1, Math.ceil(inXledger.length / MAX_PAGE_SIZE)) + Math.ceil(inHr.length / IDS_PER_READ);
  return { hrChanged: inHr.length, xledgerChanged: inXledger.length, minimumReads };
}
