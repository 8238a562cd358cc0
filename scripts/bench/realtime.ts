/**
 * `npm run bench -- --kind realtime`: push latency from an HR commit to the Xledger write, at steady rates and in a burst.
 *
 *   npm run bench -- --kind realtime [--employees 6000] [--rates 1,10,100] [--seconds 60] [--burst 5000] [--latency 50] [--json] [--profile]
 *
 * Real parts as in production: a Temporal dev server, a worker with the real activities, the outbox relay (LISTEN and
 * poll), Postgres triggers, and the fake Xledger over HTTP with a latency per request. Each change renames one person
 * in HR (one committed UPDATE); its latency ends when the fake Xledger holds that name (or a later one of the same
 * person: a coalesced push writes only the newest), observed every 10 ms in the fake's memory.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { z } from 'zod';
import { createActivities } from '../../activities';
import { createActivityDeps } from '../../activities/create-deps';
import { loadConfig } from '../../config/config';
import { createConnectionsStore } from '../../db/connections-store';
import { parseKeyring } from '../../db/secrets/keyring';
import { createHrStore } from '../../hr/hr-store';
import { OutboxRelay } from '../../realtime/outbox-relay';
import { createDataConverter } from '../../temporal/data-converter';
import { createWorker } from '../../workers/create-worker';
import { employeeSync } from '../../workflows/employees/employee-sync';
import { realtimeWorkflowId } from '../../workflows/realtime/employee-realtime';
import { startFakeXledger } from '../../xledger/fake/server';
import { generateEmployees } from '../lib/generate-employees';
import { Cleanup, createBenchDatabase, resolveAdminUrl, startBenchTemporal, writeWorkflowBundle, type Log } from './environment';
import { sleep } from './faults';
import { profilePushes } from './realtime-profile';

const OWNER = 1000;
const TOKEN = 'fake-full-access';
const CONNECTION = 'bench';
const NAMESPACE = 'xsync-bench';
const TASK_QUEUE = 'xsync-bench-realtime';
const TARGETS = { p95AtTenPerSecondMs: 2_000, burstMutations: 12 };

const optionsSchema = z.object({
  employees: z.coerce.number().int().min(100).max(100_000),
  rates: z
    .string()
    .transform((s) => s.split(',').map(Number))
    .pipe(z.array(z.number().positive().max(1_000)).min(1)),
  seconds: z.coerce.number().int().min(1).max(600),
  burst: z.coerce.number().int().min(0).max(100_000),
  latency: z.coerce.number().int().min(0).max(10_000),
  json: z.boolean(),
  profile: z.boolean(),
});

interface RateFigures {
  scenario: string;
  changes: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  pushRuns: number;
  mutations: number;
  requests: number;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export async function runRealtimeBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      employees: { type: 'string', default: '6000' },
      rates: { type: 'string', default: '1,10,100' },
      seconds: { type: 'string', default: '60' },
      burst: { type: 'string', default: '5000' },
      latency: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const options = optionsSchema.parse(values);
  if (options.burst > options.employees) throw new Error('--burst must not exceed --employees (one change per person)');
  const log: Log = (line) => process.stderr.write(`[bench realtime] ${line}\n`);
  const cleanup = new Cleanup();
  try {
    const adminUrl = await resolveAdminUrl(log);
    const [database, temporal, bundle, fake] = await Promise.all([
      createBenchDatabase(adminUrl, cleanup),
      startBenchTemporal(NAMESPACE, log, cleanup),
      writeWorkflowBundle(cleanup),
      startFakeXledger({
        port: 0,
        knobs: { latencyMs: options.latency, burstLimit: { enabled: false }, concurrencyLimit: { enabled: false }, credits: { enabled: false } },
      }),
    ]);
    cleanup.add('stop the fake Xledger', () => fake.stop());
    const secretKey = `bench:${randomBytes(32).toString('base64')}`;
    const connections = createConnectionsStore(database.db, parseKeyring(secretKey));
    const settings = { recipients: [], employees: { createInXledger: 'auto', createInHr: 'never', direction: 'hr-to-xledger' } };
    await connections.add({ name: CONNECTION, xledgerUrl: fake.url, ownerEntityId: OWNER, token: TOKEN, settings });
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: NAMESPACE,
      XSYNC_TASK_QUEUE: TASK_QUEUE,
      XSYNC_SECRET_KEY: secretKey,
    });

    Runtime.install({ logger: new DefaultLogger('WARN') });
    const native = await NativeConnection.connect({ address: temporal.address });
    cleanup.add('close the worker connection', () => native.close());
    const worker = await createWorker({
      connection: native,
      namespace: NAMESPACE,
      taskQueue: TASK_QUEUE,
      activities: createActivities(createActivityDeps(config, database.db)),
      secretKey,
      workflowBundle: { codePath: bundle },
    });
    const workerRun = worker.run();
    cleanup.add('stop the worker', async () => {
      worker.shutdown();
      await workerRun;
    });
    const clientConnection = await Connection.connect({ address: temporal.address });
    cleanup.add('close the client', () => clientConnection.close());
    const client = new Client({ connection: clientConnection, namespace: NAMESPACE, dataConverter: createDataConverter(secretKey) });

    log(`loading ${options.employees} employees (a full run), then switching real-time push on`);
    const employees = generateEmployees(options.employees, { seed: 15 }).map((e) => ({ ...e, status: 'active' as const }));
    await createHrStore(database.db).upsertEmployees(employees);
    await client.workflow.execute(employeeSync, {
      taskQueue: TASK_QUEUE,
      workflowId: `bench-load-${Date.now()}`,
      args: [{ connectionName: CONNECTION, trigger: 'manual' }],
    });
    await database.db('hr_outbox').update({ dispatched_at: database.db.fn.now(), settled_at: database.db.fn.now() }); // the load is synced already
    await connections.updateSettings(CONNECTION, { ...settings, employees: { ...settings.employees, realtime: { enabled: true, debounce: '200 ms' } } });
    const relay = new OutboxRelay({ db: database.db, databaseUrl: database.url, temporal: client, taskQueue: TASK_QUEUE, connections, pollMs: 5_000 });
    await relay.start();
    cleanup.add('stop the relay', () => relay.stop());

    const dbIdOf = new Map(fake.state.tables.employees.rows.filter((r) => r.ownerDbId === OWNER).map((r) => [r.code, r]));
    const contactOf = (code: string) => {
      const e = dbIdOf.get(code);
      return e?.contactDbId ? fake.state.tables.contacts.get(e.contactDbId) : undefined;
    };
    const numbers = employees.map((e) => e.employeeNumber);
    let seq = 0;

    type Change = { code: string; seq: number; committedAt: number };
    /**
     * Watches the fake Xledger while changes are being made (every 10 ms) until every change has landed; a change
     * counts as landed when its person's name in Xledger is its own or a later one. Returns the sorted latencies.
     */
    const watch = async (changes: Change[], producing: Promise<void>, timeoutMs: number) => {
      const latencies: number[] = [];
      const open = new Map<string, Change[]>();
      let seen = 0;
      let produced = false;
      void producing.then(() => (produced = true));
      const deadline = Date.now() + timeoutMs;
      while (!produced || seen < changes.length || open.size > 0) {
        if (Date.now() > deadline) throw new Error(`${open.size} people never reached Xledger within ${timeoutMs / 1000} s`);
        for (; seen < changes.length; seen++) open.set(changes[seen]!.code, [...(open.get(changes[seen]!.code) ?? []), changes[seen]!]);
        const now = Date.now();
        for (const [code, waiting] of open) {
          const written = /^RT(\d+)$/.exec(contactOf(code)?.lastName ?? '');
          if (!written) continue;
          const upTo = Number(written[1]);
          for (const w of waiting) if (w.seq <= upTo) latencies.push(now - w.committedAt);
          const rest = waiting.filter((w) => w.seq > upTo);
          if (rest.length === 0) open.delete(code);
          else open.set(code, rest);
        }
        await sleep(10);
      }
      await producing;
      return latencies.sort((a, b) => a - b);
    };
    const change = async (code: string) => {
      const s = ++seq;
      await database
        .db('hr_employees')
        .where({ employee_number: code })
        .update({ last_name: `RT${s}`, updated_at: database.db.fn.now() });
      return { code, seq: s, committedAt: Date.now() };
    };
    const pushRuns = async () => Number((await database.db('sync_runs').where({ trigger: 'realtime' }).count({ n: '*' }))[0]!.n);
    const figures: RateFigures[] = [];
    const scenario = async (name: string, produce: (out: Change[]) => Promise<void>) => {
      const [runsBefore, stats] = [await pushRuns(), fake.stats()];
      const mutationsBefore = stats.byRootField.updateEmployees ?? 0;
      const requestsBefore = stats.requests;
      const byRootFieldBefore = { ...stats.byRootField };
      const changes: Change[] = [];
      const startedAt = new Date();
      const latencies = await watch(changes, produce(changes), 300_000);
      await sleep(500);
      const after = fake.stats();
      const f: RateFigures = {
        scenario: name,
        changes: changes.length,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        p99Ms: percentile(latencies, 99),
        maxMs: latencies[latencies.length - 1] ?? 0,
        pushRuns: (await pushRuns()) - runsBefore,
        mutations: (after.byRootField.updateEmployees ?? 0) - mutationsBefore,
        requests: after.requests - requestsBefore,
      };
      figures.push(f);
      if (options.profile) {
        const requestsBy = Object.entries(after.byRootField).map(([field, n]) => `${field} ${n - (byRootFieldBefore[field] ?? 0)}`);
        log(
          `profile of ${name}:\n${await profilePushes(client, database.db, realtimeWorkflowId(CONNECTION), startedAt)}\nXledger requests: ${requestsBy.join(', ')}`,
        );
      }
      log(`${name}: p50 ${f.p50Ms} ms, p95 ${f.p95Ms} ms, p99 ${f.p99Ms} ms; ${f.pushRuns} push runs, ${f.mutations} mutations, ${f.requests} requests`);
    };

    for (const rate of options.rates) {
      await scenario(`${rate}/s for ${options.seconds} s`, async (out) => {
        const start = Date.now();
        const total = Math.round(rate * options.seconds);
        for (let i = 0; i < total; i++) {
          const due = start + (i * 1000) / rate;
          if (due > Date.now()) await sleep(due - Date.now());
          out.push(await change(numbers[i % numbers.length]!));
        }
      });
    }
    if (options.burst > 0) {
      await scenario(`burst of ${options.burst}`, async (out) => {
        const codes = numbers.slice(0, options.burst);
        const s = seq + 1;
        seq += codes.length;
        // One transaction, as an HR import would commit it.
        await database.db.raw(
          `UPDATE hr_employees h SET last_name = 'RT' || (? + v.i - 1), updated_at = now() FROM unnest(?::text[]) WITH ORDINALITY AS v(code, i) WHERE h.employee_number = v.code`,
          [s, codes],
        );
        const committedAt = Date.now();
        out.push(...codes.map((code, i) => ({ code, seq: s + i, committedAt })));
      });
    }

    const tenPerSecond = figures.find((f) => f.scenario.startsWith('10/s'));
    const burst = figures.find((f) => f.scenario.startsWith('burst'));
    const checks = [
      ...(tenPerSecond ? [{ target: `p95 < ${TARGETS.p95AtTenPerSecondMs} ms at 10 changes/s`, ok: tenPerSecond.p95Ms < TARGETS.p95AtTenPerSecondMs }] : []),
      ...(burst && options.burst === 5_000
        ? [{ target: `burst of 5,000 in ≤ ${TARGETS.burstMutations} mutations`, ok: burst.mutations <= TARGETS.burstMutations }]
        : []),
    ];
    const report = { options, figures, checks, ok: checks.every((c) => c.ok) };
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const rows = figures.map(
        (f) =>
          `${f.scenario.padEnd(20)} ${String(f.changes).padStart(6)} ${String(f.p50Ms).padStart(7)} ${String(f.p95Ms).padStart(7)} ${String(f.p99Ms).padStart(7)} ${String(f.pushRuns).padStart(6)} ${String(f.mutations).padStart(9)} ${String(f.requests).padStart(8)}`,
      );
      process.stdout.write(
        [
          `Real-time push, ${options.employees} employees, ${options.latency} ms per Xledger request`,
          `${'scenario'.padEnd(20)} ${'changes'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'runs'.padStart(6)} ${'mutations'.padStart(9)} ${'requests'.padStart(8)}`,
          ...rows,
          ...checks.map((c) => `${c.ok ? 'met   ' : 'MISSED'} ${c.target}`),
          '',
        ].join('\n'),
      );
    }
    return report.ok ? 0 : 3;
  } finally {
    await cleanup.runAll(log);
  }
}
