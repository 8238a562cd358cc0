/**
 * `npm run bench -- --kind absences [--employees 10000] [--changed 1] [--latency 50] [--json] [--check]`: the absence
 * sync against a plain script, on the same data and the same fake Xledger: N employees linked to Xledger, 3 absences
 * each in 2026 (a week of vacation, a day of sick leave, a day of child care). Scenarios: the first export, 1 % of
 * absences changed in HR, a no-op re-run. Requests are compared with the minimum: the reads (one page of absence
 * codes, the absences of the period in pages of 10,000, one introspection of the mutations) plus ceil(writes / 500).
 */
import { historyFigures, type ActivityTiming } from './history';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createConnectionsStore } from '../../db/connections-store';
import { createLinksStore } from '../../db/employees/links-store';
import { createAbsenceLinksStore } from '../../db/absences/links-store';
import { parseKeyring } from '../../db/secrets/keyring';
import type { HrAbsence } from '../../domain/absences/absence-types';
import { planAbsences } from '../../domain/absences/plan';
import { addAbsenceNode, updateAbsenceNode, writeOfPlan } from '../../domain/absences/writes';
import { chunk } from '../../domain/shared/collections';
import { createHrAbsencesStore } from '../../hr/absences-store';
import { createHrStore } from '../../hr/hr-store';
import { absenceSync } from '../../workflows/absences/absence-sync';
import type { AbsenceRunResult, AbsenceSyncInput } from '../../workflows/absences/types';
import { connectionKey, runKindKey, statusKey, triggerKey } from '../../workflows/shared/search-attributes';
import { createXledgerClient, MAX_PAGE_SIZE, type UpdateAbsenceNode } from '../../xledger/index';
import { createAbsenceApi } from '../../xledger/client/absences';
import { startFakeXledger, type FakeXledger } from '../../xledger/fake/server';
import { generateEmployees } from '../lib/generate-employees';
import { Cleanup, createBenchDatabase, resolveAdminUrl, startBenchTemporal, startBenchWorker, writeWorkflowBundle, type Log } from './environment';
import { ratio, secs } from './figures';
import { COMMON_BENCH_OPTIONS } from './common-options';

const OWNER = 1000;
const TOKEN = 'fake-full-access';
const CONNECTION = 'bench';
const NAMESPACE = 'xsync-bench';
const TASK_QUEUE = 'xsync-bench-absences';
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const SETTINGS = { recipients: [], absences: { cancelled: 'keep' } } as const;
const NODES_PER_WRITE = 500;

const optionsSchema = z.object({
  employees: z.coerce.number().int().min(1).max(100_000),
  changed: z.coerce.number().min(0).max(100),
  latency: z.coerce.number().int().min(0).max(10_000),
  json: z.boolean(),
  check: z.boolean(),
});

interface Figures {
  name: string;
  description: string;
  writes: { create: number; update: number };
  minimum: number;
  durable: { wallMs: number; requests: number; writeRequests: number; writtenNodes: number; result: AbsenceRunResult; activities: ActivityTiming[] };
  plain: { wallMs: number; requests: number };
  checks: Array<{ name: string; target: string; actual: string; ok: boolean }>;
}

/** Three absences a year per employee, on days spread by the employee's index. */
function absencesOf(employeeNumber: string, i: number): HrAbsence[] {
  const day = (month: number, d: number) => `2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const base = { employeeNumber, startTime: null, endTime: null, percent: null, comment: null, status: 'approved' };
  return [
    { ...base, absenceId: `${employeeNumber}-V`, type: 'vacation', startDate: day(7, 1 + (i % 20)), endDate: day(7, 5 + (i % 20)) },
    { ...base, absenceId: `${employeeNumber}-S`, type: 'sick_leave', startDate: day(2, 1 + (i % 27)), endDate: day(2, 1 + (i % 27)) },
    { ...base, absenceId: `${employeeNumber}-C`, type: 'childcare', startDate: day(10, 1 + (i % 28)), endDate: day(10, 1 + (i % 28)), percent: '50' },
  ];
}

const requestsOf = (fake: FakeXledger) => fake.stats().requests;
const writeRequestsOf = (fake: FakeXledger) => {
  const s = fake.stats().byRootField;
  return (s.addAbsences ?? 0) + (s.updateAbsences ?? 0) + (s.removeAbsences ?? 0);
};

export async function runAbsenceBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      employees: { type: 'string', default: '10000' },
      ...COMMON_BENCH_OPTIONS,
    },
    strict: true,
  });
  const options = optionsSchema.parse(values);
  const log: Log = (line) => process.stderr.write(`[bench absences] ${line}\n`);
  const cleanup = new Cleanup();
  try {
    const adminUrl = await resolveAdminUrl(log);
    const [database, temporal, bundle, fake] = await Promise.all([
      createBenchDatabase(adminUrl, cleanup),
      startBenchTemporal(NAMESPACE, log, cleanup),
      writeWorkflowBundle(cleanup),
      startFakeXledger({
        port: 0,
        generateEmployees: options.employees,
        knobs: { latencyMs: options.latency, burstLimit: { enabled: false }, concurrencyLimit: { enabled: false }, credits: { enabled: false } },
      }),
    ]);
    cleanup.add('stop the fake Xledger', () => fake.stop());
    const secretKey = `bench:${randomBytes(32).toString('base64')}`;
    const connections = createConnectionsStore(database.db, parseKeyring(secretKey));
    const connection = await connections.add({ name: CONNECTION, xledgerUrl: fake.url, ownerEntityId: OWNER, token: TOKEN, settings: SETTINGS });

    // Everyone is linked already (as the employee sync leaves them) and employed since 2020.
    const inXledger = fake.state.tables.employees.rows.filter((r) => r.ownerDbId === OWNER).slice(0, options.employees);
    const hrPeople = generateEmployees(inXledger.length, { seed: 77, today: '2026-11-23' }).map((e, i) => ({
      ...e,
      employeeNumber: inXledger[i]!.code!,
      status: 'active',
      positions: [{ jobTitle: 'Consultant', startDate: '2020-01-01', endDate: null, probationEndDate: null, noticeDate: null, primary: true }],
    }));
    for (const part of chunk(hrPeople, 1000)) await createHrStore(database.db).upsertEmployees(part as never);
    await createLinksStore(database.db).upsert(
      inXledger.map((e) => ({
        connection_id: connection.id,
        employee_number: e.code!,
        xledger_employee_db_id: e.dbId,
        xledger_contact_db_id: null,
        xledger_subledger_db_id: null,
        baseline: {} as never,
        last_run_id: 'bench-setup',
      })),
    );
    const absences = inXledger.flatMap((e, i) => absencesOf(e.code!, i));
    const hr = createHrAbsencesStore(database.db);
    await hr.upsert(absences);
    log(`${inXledger.length} linked employees, ${absences.length} HR absences in ${PERIOD.from}..${PERIOD.to}; ${options.latency} ms latency per request`);

    const { client } = await startBenchWorker({
      databaseUrl: database.url,
      temporalAddress: temporal.address,
      namespace: NAMESPACE,
      taskQueue: TASK_QUEUE,
      secretKey,
      bundle,
      cleanup,
    });

    /** What someone would write without Temporal: read both sides, compare with the same rules, write in 500s. */
    async function plainScript(): Promise<{ create: number; update: number }> {
      const x = createXledgerClient({ url: fake.url, token: TOKEN });
      const api = createAbsenceApi(x, OWNER);
      const [codes, xledger] = [await api.codes(), await api.startingIn(PERIOD)];
      const hrNow = await hr.startingIn(PERIOD);
      const employees = new Map(
        (await createLinksStore(database.db).keys(connection.id)).map((l) => [
          l.hrEmployeeNumber,
          { employeeNumber: l.hrEmployeeNumber, xledgerDbId: l.xledgerDbId, employedFrom: '2020-01-01', employedTo: null, positionTitle: null, name: null },
        ]),
      );
      const links = await createAbsenceLinksStore(database.db).inPeriod(connection.id, PERIOD, []);
      const s = (await connections.get(CONNECTION)).settings.absences;
      const plans = planAbsences({
        hr: hrNow,
        employees,
        xledger,
        links,
        xledgerCodes: codes,
        mapping: { codes: s.codes, defaultPercent: s.defaultPercent, defaultComment: s.defaultComment },
        statuses: s.statuses,
        cancelled: 'keep',
      });
      const writes = plans.map((p) => writeOfPlan(p, false)).filter((w) => w !== null);
      const creates = writes.flatMap((w) => (w.kind === 'create' ? [{ clientId: w.create.absenceId, node: addAbsenceNode(w.create) }] : []));
      const updates = writes.flatMap((w) =>
        w.kind === 'update' ? [{ clientId: w.update.absenceId, node: updateAbsenceNode(w.update) as unknown as UpdateAbsenceNode }] : [],
      );
      if (creates.length) await api.add(creates);
      if (updates.length) await api.update(updates);
      return { create: creates.length, update: updates.length };
    }

    async function durableRun(name: string): Promise<{ wallMs: number; result: AbsenceRunResult; activities: ActivityTiming[] }> {
      const workflowId = `absences.${CONNECTION}.bench-${name}.${randomBytes(2).toString('hex')}`;
      const input: AbsenceSyncInput = { runId: workflowId, connectionName: CONNECTION, trigger: 'manual', period: PERIOD };
      const t0 = performance.now();
      const handle = await client.workflow.start(absenceSync, {
        taskQueue: TASK_QUEUE,
        workflowId,
        args: [input],
        typedSearchAttributes: [
          { key: connectionKey, value: CONNECTION },
          { key: runKindKey, value: 'absences' },
          { key: triggerKey, value: 'manual' },
          { key: statusKey, value: 'starting' },
        ],
        workflowExecutionTimeout: '1 hour',
      });
      const result = await handle.result();
      const wallMs = performance.now() - t0;
      return { wallMs, result, activities: historyFigures(await handle.fetchHistory()).activities };
    }

    async function measure(name: string, description: string): Promise<Figures> {
      log(`${name}: ${description}`);
      const before = fake.state.snapshot();
      fake.resetStats();
      const t0 = performance.now();
      const planned = await plainScript();
      const plain = { wallMs: performance.now() - t0, requests: requestsOf(fake) };
      fake.state.load(before);
      fake.resetStats();
      const d = await durableRun(name);
      const xledgerAbsences = d.result.plan?.xledgerAbsences ?? 0;
      const minimum =
        1 +
        1 +
        Math.max(1, Math.ceil(xledgerAbsences / MAX_PAGE_SIZE)) +
        Math.ceil(planned.create / NODES_PER_WRITE) +
        Math.ceil(planned.update / NODES_PER_WRITE);
      const durable = {
        wallMs: d.wallMs,
        requests: requestsOf(fake),
        writeRequests: writeRequestsOf(fake),
        writtenNodes: fake.stats().writtenNodes,
        result: d.result,
        activities: d.activities,
      };
      log(
        `  ${name}: plain ${secs(plain.wallMs)} / ${plain.requests} requests; durable ${secs(durable.wallMs)} / ${durable.requests} requests (minimum ${minimum})`,
      );
      const checks = [
        { name: 'requests', target: `= ${minimum} (minimum)`, actual: String(durable.requests), ok: durable.requests === minimum },
        { name: 'run status', target: 'OK', actual: d.result.status, ok: d.result.status === 'OK' },
        {
          name: 'same writes as the plain script',
          target: `${planned.create} created, ${planned.update} updated`,
          actual: `${d.result.counts.created} created, ${d.result.counts.updated} updated`,
          ok: d.result.counts.created === planned.create && d.result.counts.updated === planned.update,
        },
      ];
      if (name === 'noop')
        checks.push({ name: 'no-op writes nothing', target: '0 writes', actual: `${durable.writeRequests} writes`, ok: durable.writeRequests === 0 });
      return { name, description, writes: planned, minimum, durable, plain, checks };
    }

    const results: Figures[] = [];
    results.push(await measure('initial', 'first export of the year into Xledger'));
    const changedCount = Math.round((absences.length * options.changed) / 100);
    const every = Math.max(1, Math.floor(absences.length / Math.max(1, changedCount)));
    const changed = absences
      .filter((_, i) => i % every === 0)
      .slice(0, changedCount)
      .map((a) => ({ ...a, percent: '80', comment: 'changed in HR' }));
    await hr.upsert(changed);
    results.push(await measure('steady', `${options.changed} % of absences changed in HR (${changedCount}: percent and comment)`));
    results.push(await measure('noop', 'no-op re-run: nothing changed'));
    await cleanup.runAll(log);

    const ok = results.every((r) => r.checks.every((c) => c.ok));
    if (options.json) process.stdout.write(`${JSON.stringify({ options, results, ok }, null, 2)}\n`);
    else {
      const lines = [`Absence sync benchmark: ${inXledger.length} employees × 3 absences, ${options.latency} ms per Xledger request`, ''];
      for (const r of results) {
        lines.push(`${r.name}: ${r.description}`);
        lines.push(`  writes: ${r.writes.create} created, ${r.writes.update} updated`);
        lines.push(`  requests: durable ${r.durable.requests}, minimum ${r.minimum}, plain script ${r.plain.requests}`);
        lines.push(`  time: durable ${secs(r.durable.wallMs)}, plain script ${secs(r.plain.wallMs)} (ratio ${ratio(r.durable.wallMs / r.plain.wallMs)})`);
        lines.push(`  activities (scheduled → completed): ${r.durable.activities.map((a) => `${a.name} ${a.count}× ${secs(a.totalMs)}`).join(', ')}`);
        for (const c of r.checks) lines.push(`  ${c.ok ? 'ok  ' : 'MISS'} ${c.name}: ${c.actual} (target ${c.target})`);
        lines.push('');
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return options.check && !ok ? 3 : 0;
  } finally {
    await cleanup.runAll(log);
  }
}
