import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createActivityDeps } from '../activities/create-deps';
import { runCli } from '../client/program';
import type { CliIo } from '../client/io';
import { loadConfig } from '../config/config';
import { createLogger } from '../config/logger';
import { runMain } from '../config/run-main';
import { createConnectionsStore } from '../db/connections-store';
import { createHrStore } from '../hr/hr-store';
import { createHrAbsencesStore } from '../hr/absences-store';
import { createLinksStore } from '../db/employees/links-store';
import { createDb } from '../db/knex';
import { parseKeyring } from '../db/secrets/keyring';
import { buildAddEmployeeInputs, readHrValues } from '../domain';
import { createXledgerClient } from '../xledger';
import { startFakeXledger } from '../xledger/fake/server';
import { createWorker } from '../workers/create-worker';
import { osloToday } from '../config/oslo-date';
import { demoData } from './lib/demo-data';
import { demoInvoiceImport } from './lib/demo-invoices';
import { prepareLocalEnv } from './lib/local-env';
import { startMailOutbox } from './lib/mail-outbox';
import { dataDir } from './lib/paths';
import { startCodecServer } from '../temporal/codec-server';
import { EncryptionCodec } from '../temporal/encryption-codec';

const say = (line: string) => process.stdout.write(`\n» ${line}\n`);
const FAKE_TOKEN = 'fake-full-access';
const FAKE_OWNER = 1000;

/**
 * The main job on embedded defaults: sets everything up (reusing what already runs), starts a worker, then walks
 * an admin through a real employee sync against the fake Xledger: a run that stops for decisions, the decisions,
 * the result, the email and the history; then a short absence run (and its import-file path). With XLEDGER_URL, XLEDGER_TOKEN and XLEDGER_OWNER_ENTITY set it runs a
 * dry run against that Xledger instead (it never writes to a real Xledger on its own).
 */
runMain(async () => {
  const local = await prepareLocalEnv((l) => process.stdout.write(`» ${l}\n`));
  local.notes.forEach((n) => say(n));
  const real = process.env.XLEDGER_TOKEN
    ? { url: process.env.XLEDGER_URL ?? 'https://demo.xledger.net/graphql', token: process.env.XLEDGER_TOKEN, owner: Number(process.env.XLEDGER_OWNER_ENTITY) }
    : undefined;
  const outbox = process.env.SMTP_URL ? undefined : await startMailOutbox(path.join(dataDir, 'mail'));
  const env = { ...local.env, ...(outbox ? { SMTP_URL: outbox.url } : {}) };
  const config = loadConfig(env);
  const fake = real ? undefined : await startFakeXledger({ port: 0, knobs: { burstLimit: { enabled: false }, concurrencyLimit: { enabled: false } } });

  const codecEndpoint = await startCodecServer({
    // Shows what is in clear (patch markers, old runs) as it is: refusing unencrypted payloads is the workers' job.
    codec: new EncryptionCodec(parseKeyring(config.XSYNC_SECRET_KEY), { acceptPlaintext: true }),
    host: config.XSYNC_CODEC_HOST,
    port: config.XSYNC_CODEC_PORT,
    allowedOrigins: config.XSYNC_CODEC_ORIGINS,
    maxBodyBytes: config.XSYNC_CODEC_MAX_BYTES,
    maxPayloads: config.XSYNC_CODEC_MAX_PAYLOADS,
    // Its request and audit lines go to a file, not between the demo's steps.
    logger: createLogger(config.XSYNC_LOG_LEVEL, pino.destination({ dest: path.join(dataDir, 'codec.log'), mkdir: true })),
  }).catch((err: Error) => (say(`no codec endpoint for Temporal UI (${err.message}); payloads show encrypted there`), undefined));

  Runtime.install({ logger: new DefaultLogger('WARN') });
  const db = createDb(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const io: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), stdin: process.stdin, env };
  const xsync = async (...args: string[]) => {
    process.stdout.write(`\n$ xsync ${args.join(' ')}\n`);
    const code = await runCli(args, io);
    if (code !== 0) throw new Error(`xsync ${args.join(' ')} failed (exit ${code})`);
  };
  const xsyncJson = async <T>(...args: string[]): Promise<T> => {
    let out = '';
    const code = await runCli(['--json', ...args], { ...io, stdout: (t) => (out += t) });
    if (code !== 0) throw new Error(`xsync ${args.join(' ')} failed (exit ${code})`);
    return JSON.parse(out) as T;
  };

  /** A short absence run: HR absences of linked people to Xledger, one refused; then the import-file path. */
  async function absenceDemo(name: string): Promise<void> {
    const conn = await createConnectionsStore(db, parseKeyring(config.XSYNC_SECRET_KEY)).get(name);
    const linked = (await createLinksStore(db).keys(conn.id)).slice(0, 3).map((l) => l.hrEmployeeNumber);
    if (linked.length < 3) {
      say('absences: fewer than three linked employees; skipped');
      return;
    }
    const year = osloToday().slice(0, 4);
    say(`absences: three people's absences in HR (one with a leave code Xledger does not know), sent for ${year}`);
    const base = { startTime: null, endTime: null, percent: null, comment: null, status: 'approved' };
    const absences = createHrAbsencesStore(db);
    await absences.remove(['DEMO-1', 'DEMO-2', 'DEMO-3', 'DEMO-4']); // a demo run again starts from the same HR absences
    await absences.upsert([
      { ...base, absenceId: 'DEMO-1', employeeNumber: linked[0]!, type: 'vacation', startDate: `${year}-01-05`, endDate: `${year}-01-09` },
      {
        ...base,
        absenceId: 'DEMO-2',
        employeeNumber: linked[1]!,
        type: 'sick_leave',
        startDate: `${year}-01-12`,
        endDate: `${year}-01-12`,
        percent: '50',
        comment: 'Lege; "time" kl. 9',
      },
      { ...base, absenceId: 'DEMO-3', employeeNumber: linked[2]!, type: 'sabbatical', startDate: `${year}-01-14`, endDate: `${year}-01-16` },
    ]);
    const period = ['--from', `${year}-01-01`, '--to', `${year}-12-31`];
    await xsync('sync', 'start', '--kind', 'absences', '--connection', name, ...period, '--wait');
    await xsync('history', linked[1]!);
    say("absences: where Xledger's API has no absence mutation (the fake can hide it), the run writes an import file instead");
    fake!.setKnobs({ absenceMutations: false });
    try {
      await absences.upsert([
        { ...base, absenceId: 'DEMO-4', employeeNumber: linked[0]!, type: 'childcare', startDate: `${year}-02-02`, endDate: `${year}-02-02` },
      ]);
      const result = await xsyncJson<{ runId: string }>('sync', 'start', '--kind', 'absences', '--connection', name, ...period, '--wait');
      await xsync('sync', 'status', result.runId);
      await xsync('absences', 'file', result.runId);
    } finally {
      fake!.setKnobs({ absenceMutations: true });
    }
  }

  try {
    const worker = await createWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.XSYNC_TASK_QUEUE,
      activities: createActivities(createActivityDeps(config, db)),
      secretKey: config.XSYNC_SECRET_KEY,
    });
    await worker.runUntil(async () => {
      await xsync('doctor');
      const connections = createConnectionsStore(db, parseKeyring(config.XSYNC_SECRET_KEY));
      const name = real ? 'main' : 'demo';
      // A fresh demo each time: the fake Xledger lives in memory, so yesterday's links would point nowhere.
      const openRun = await connections.openRunOf(name);
      if (openRun) await xsync('sync', 'cancel', openRun); // a demo stopped halfway: its run would keep the connection
      if ((await connections.list()).some((c) => c.name === name)) await xsync('connections', 'remove', name);
      const settings = {
        recipients: ['hr-admin@example.no'],
        employees: { createInXledger: 'ask', createInHr: 'ask' },
        invoices: { transferMethodByDepartment: { BERGEN: 'orders' } },
      };
      await connections.add({ name, xledgerUrl: real?.url ?? fake!.url, ownerEntityId: real?.owner ?? FAKE_OWNER, token: real?.token ?? FAKE_TOKEN, settings });

      if (real) {
        say(`dry run against ${real.url} (owner entity ${real.owner}); nothing is written`);
        await xsync('sync', 'start', '--connection', name, '--dry-run', '--wait');
        return;
      }
      say('seeding ~50 Norwegian employees in HR and a partly different set in the fake Xledger');
      const today = osloToday();
      const data = demoData(today);
      await createHrStore(db).upsertEmployees(data.hr);
      await createHrStore(db).insertUnchecked(data.invalidRow);
      const { addEmployees } = buildAddEmployeeInputs(data.xledger.map((p) => ({ employeeNumber: p.employeeNumber, values: readHrValues(p, { today }) })));
      await createXledgerClient({ url: fake!.url, token: FAKE_TOKEN, limiter: false }).employees.add(addEmployees as never);

      say('an admin starts a sync; it stops when it needs decisions');
      await xsync('sync', 'start', '--connection', name, '--wait');
      const [run] = await xsyncJson<Array<{ run: string }>>('runs', 'list', '--connection', name, '--limit', '1');
      await xsync('sync', 'decisions', run.run);

      const pending = await xsyncJson<{ items: Array<{ employee: string; field: string }> }>('sync', 'decisions', run.run, '--limit', '1000');
      const conflicts = pending.items.filter((i) => !i.field.startsWith('create'));
      const conflict = conflicts[0];
      say("the admin decides: one conflict goes to Xledger's value, the rest to HR; HR-only people are created in Xledger, and one Xledger-only person in HR");
      if (conflict) await xsync('sync', 'decide', run.run, '--employee', conflict.employee, '--use', 'xledger');
      const hrOnly = pending.items.filter((i) => i.field === 'create in Xledger').map((i) => i.employee);
      const xlOnly = pending.items.filter((i) => i.field === 'create in HR').map((i) => i.employee);
      if (hrOnly.length) await xsync('sync', 'decide', run.run, '--employee', ...hrOnly, '--create', 'create');
      if (xlOnly.length) await xsync('sync', 'decide', run.run, '--employee', xlOnly[0], '--create', 'create');
      await xsync('sync', 'decide', run.run, '--all', 'hr', '--all-creations', 'skip');

      say('the run applies the decisions in batches and reports');
      for (let i = 0; i < 120; i++) {
        const state = await xsyncJson<{ counts?: unknown }>('sync', 'status', run.run);
        if (state.counts) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      await xsync('sync', 'status', run.run);
      await xsync('history', (conflicts[conflicts.length - 1] ?? pending.items[0]).employee);
      await xsync('runs', 'list', '--connection', name, '--limit', '3');

      say('the admin schedules the sync on weekdays shortly after 06:00 Oslo time, and runs the schedule once now');
      await xsync('schedules', 'set', name, '--kind', 'employees', '--days', 'mon-fri', '--at', '06:00');
      await xsync('schedules', 'list', '--connection', name);
      const triggered = await xsyncJson<{ runId: string | null }>('schedules', 'trigger', name, '--kind', 'employees');
      if (triggered.runId) {
        let phase = '';
        for (let i = 0; i < 120 && phase !== 'waiting-for-decisions' && phase !== 'done'; i++) {
          const state = await xsyncJson<{ phase?: string; counts?: unknown }>('sync', 'status', triggered.runId);
          phase = state.counts ? 'done' : (state.phase ?? '');
          if (phase !== 'done' && phase !== 'waiting-for-decisions') await new Promise((r) => setTimeout(r, 500));
        }
        await xsync('sync', 'status', triggered.runId);
        if (phase === 'waiting-for-decisions') {
          say('the scheduled run asks again about the people the admin skipped; the demo cancels it, as an admin could');
          await xsync('sync', 'cancel', triggered.runId);
          for (let i = 0; i < 60; i++) {
            if ((await xsyncJson<{ status?: string; counts?: unknown }>('sync', 'status', triggered.runId)).counts) break;
            await new Promise((r) => setTimeout(r, 500));
          }
          await xsync('sync', 'status', triggered.runId);
        }
      }
      await absenceDemo(name);

      // The demo's worker stops when the demo ends: no scheduled run should wait for it at 06:00.
      await xsync('schedules', 'pause', name, '--kind', 'employees', '--note', 'demo over; resume with: xsync schedules resume demo');
      say('invoice export: the invoicing system imports customers, products, invoices, a credit note and an order (Bergen exports orders)');
      const importFile = path.join(os.tmpdir(), `xsync-demo-invoices-${process.pid}.json`);
      fs.writeFileSync(importFile, JSON.stringify(demoInvoiceImport(today), null, 2));
      await xsync('invoices', 'import', importFile);
      fs.rmSync(importFile, { force: true });
      say('one export run: a missing customer is created once, invoices go as invoice basis items, the order as a sales order; INV-1003 is refused');
      await runCli(['sync', 'start', '--connection', name, '--kind', 'invoice-export', '--wait'], io);
      await runCli(['invoices', 'list'], io);
      await xsync('invoices', 'show', 'INV-1001');
      say('a second run finds nothing to send and makes no Xledger request');
      await xsync('sync', 'start', '--connection', name, '--kind', 'invoice-export', '--wait');
      say('master data: Xledger is its master; the admin pulls suppliers, accounts, dimensions … into the mirror other apps read');
      const pulled = await xsyncJson<{ runId: string }>('sync', 'start', '--kind', 'master-data', '--connection', name);
      for (let i = 0; i < 120; i++) {
        if ((await xsyncJson<{ parts?: unknown; status?: string; phase?: string }>('sync', 'status', pulled.runId)).phase === undefined) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      await xsync('sync', 'status', pulled.runId);
      await xsync('masterdata', 'status', '--connection', name);
      await xsync('masterdata', 'list', 'vat-codes', '--connection', name);
      say(`the run in Temporal UI: ${config.XSYNC_UI_URL}/namespaces/${config.TEMPORAL_NAMESPACE}/workflows/${run.run}`);
      say(
        `its payloads are encrypted with XSYNC_SECRET_KEY; Temporal UI decrypts them through the codec endpoint ${codecEndpoint?.url ?? `on port ${config.XSYNC_CODEC_PORT}`}` +
          ` (up while the demo runs; afterwards: \`${process.env.XSYNC_SECRET_KEY ? '' : 'XSYNC_SECRET_KEY=$(cat .data/secret.key) '}npm run codec-server\`)`,
      );
    });
    if (outbox) {
      await new Promise((r) => setTimeout(r, 300));
      say(`result emails (${outbox.received.length}) saved as .eml files in ${path.relative(process.cwd(), outbox.dir)}/:`);
      outbox.received.forEach((f) => process.stdout.write(`   ${path.relative(process.cwd(), f)}\n`));
    }
    say('Temporal and Postgres keep running for you to look around; `npm run stop` ends them');
  } finally {
    await connection.close();
    await db.destroy();
    await fake?.stop();
    await outbox?.stop();
    await codecEndpoint?.close();
  }
});
