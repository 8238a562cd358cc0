/**
 * `npm run bench -- --kind master-data [--suppliers 50000] [--accounts 5000] [--dimensions 20000] [--changed 1]`: the
 * master-data pull of suppliers, accounts and dimensions — a full pull, an incremental pull with `--changed` % of the
 * records changed, and a no-op — on the real worker (a process of its own, its RSS sampled), Temporal, Postgres and
 * the fake Xledger; each next to a plain script that reads the same records and upserts them into one table.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startRun } from '../../client/start-run';
import { createConnectionsStore } from '../../db/connections-store';
import { parseKeyring } from '../../db/secrets/keyring';
import type { MasterDataRunResult } from '../../workflows/master-data/types';
import { createXledgerClient } from '../../xledger/index';
import { toXledgerDateTime } from '../../xledger/client/formats';
import { generateMasterData, touchSuppliers } from '../../xledger/fake/master-data-seed';
import { startFakeXledger, type FakeXledger } from '../../xledger/fake/server';
import { Cleanup, createBenchDatabase, resolveAdminUrl, startBenchTemporal, startBenchWorker, writeWorkflowBundle, type Log } from './environment';

const NAMESPACE = 'xsync-bench';
const TASK_QUEUE = 'xsync-bench-md';
const OWNER = 1000;
const TOKEN = 'fake-full-access';
const PAGE_SIZE = 10_000;
const RSS_TARGET = 400 * 1024 ** 2;
const TYPES = ['suppliers', 'accounts', 'dimensions'];
const MD_OPERATIONS = ['MasterDataSuppliers', 'MasterDataSupplierDeltas', 'ListAccounts', 'ListObjectKinds', 'ListObjectValues'];

/** The requests a read of these parts needs at the least: one per page of what each returns (an empty read is one). */
function minimumRequests(fake: FakeXledger, since: string | null, supplierCursorProbe: boolean): number {
  const t = fake.state.tables;
  const changed = <R extends { modifiedAt: string }>(rows: readonly R[]) => (since ? rows.filter((r) => r.modifiedAt >= since) : rows).length;
  const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE_SIZE));
  return (
    pages(changed(t.subledgers.rows.filter((s) => s.ledgerType === 'SUPPLIER'))) +
    (supplierCursorProbe ? 1 : 0) +
    pages(changed(t.accounts.rows)) +
    pages(t.objectKinds.size) +
    pages(changed(t.objectValues.rows))
  );
}

/** The plain script: read the same records with the same client and upsert them into one table, nothing else. */
async function plainScript(fake: FakeXledger, db: import('knex').Knex): Promise<number> {
  const started = Date.now();
  const client = createXledgerClient({ url: fake.url, token: TOKEN, limiter: false });
  await db.raw('CREATE TABLE IF NOT EXISTS bench_plain (kind text, db_id bigint, data jsonb, PRIMARY KEY (kind, db_id))');
  const save = async (kind: string, nodes: Array<{ dbId: number }>) => {
    for (let i = 0; i < nodes.length; i += 2_000) {
      const part = nodes.slice(i, i + 2_000);
      await db('bench_plain')
        .insert(part.map((n) => ({ kind, db_id: n.dbId, data: JSON.stringify(n) })))
        .onConflict(['kind', 'db_id'])
        .merge();
    }
  };
  for await (const p of client.suppliers.pages({ pageSize: PAGE_SIZE, ownerSet: 'LOWER' })) await save('supplier', p.nodes);
  for await (const p of client.accounts.pages({ pageSize: PAGE_SIZE, ownerSet: 'LOWER' })) await save('account', p.nodes);
  for await (const p of client.objectValues.pages({ pageSize: PAGE_SIZE, ownerSet: 'LOWER' })) await save('value', p.nodes);
  return Date.now() - started;
}

export async function runMasterDataBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      suppliers: { type: 'string', default: '50000' },
      accounts: { type: 'string', default: '5000' },
      dimensions: { type: 'string', default: '20000' },
      changed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  const n = (v: string | undefined, name: string) => {
    const x = Number(v);
    if (!Number.isFinite(x) || x < 0) throw new Error(`--${name}: "${v}" is not a number`);
    return x;
  };
  const volume = { suppliers: n(values.suppliers, 'suppliers'), accounts: n(values.accounts, 'accounts'), dimensionValues: n(values.dimensions, 'dimensions') };
  const changedPct = n(values.changed, 'changed');
  const log: Log = (line) => process.stderr.write(`[bench master-data] ${line}\n`);
  const cleanup = new Cleanup();
  const figures: Array<Record<string, unknown>> = [];
  let ok = true;
  try {
    const adminUrl = await resolveAdminUrl(log);
    const [database, temporal, bundle, fake] = await Promise.all([
      createBenchDatabase(adminUrl, cleanup),
      startBenchTemporal(NAMESPACE, log, cleanup),
      writeWorkflowBundle(cleanup),
      startFakeXledger({ port: 0, knobs: { burstLimit: { enabled: false }, concurrencyLimit: { enabled: false }, credits: { enabled: false } } }),
    ]);
    cleanup.add('stop the fake Xledger', () => fake.stop());
    // Made yesterday: an incremental read's 15-minute overlap then holds only what the scenario changes.
    generateMasterData(fake.state, { ...volume, clientDbIds: [1001, 1002], modifiedAt: toXledgerDateTime(new Date(Date.now() - 86_400_000)) });
    log(`${volume.suppliers} suppliers, ${volume.accounts} accounts, ${volume.dimensionValues} dimension values; ${changedPct}% changed`);

    const secretKey = `bench:${randomBytes(32).toString('base64')}`;
    const connections = createConnectionsStore(database.db, parseKeyring(secretKey));
    const connection = await connections.add({
      name: 'bench',
      xledgerUrl: fake.url,
      ownerEntityId: OWNER,
      token: TOKEN,
      settings: { recipients: [], masterData: { pageSize: PAGE_SIZE } },
    });
    const { worker, client } = await startBenchWorker({
      databaseUrl: database.url,
      temporalAddress: temporal.address,
      namespace: NAMESPACE,
      taskQueue: TASK_QUEUE,
      secretKey,
      bundle,
      cleanup,
    });

    const scenario = async (name: string, minimum: number, prepare?: () => void) => {
      prepare?.();
      fake.resetStats();
      await worker.ask({ type: 'peak-reset' }, 'peak');
      const started = Date.now();
      const { handle } = await startRun(client, database.db, TASK_QUEUE, 'master-data', { connection, trigger: 'manual', options: { types: TYPES } });
      const r = (await handle.result()) as MasterDataRunResult;
      const wallMs = Date.now() - started;
      const peak = await worker.ask({ type: 'peak' }, 'peak');
      const requests = MD_OPERATIONS.reduce((sum, op) => sum + (fake.stats().byOperation[op] ?? 0), 0);
      fake.resetStats();
      const plainMs = await plainScript(fake, database.db);
      const row = {
        scenario: name,
        status: r.status,
        counts: r.counts,
        modes: Object.fromEntries(r.parts.map((p) => [p.part, p.mode])),
        requests,
        minimumRequests: minimum,
        wallMs,
        plainScriptMs: plainMs,
        workerPeakRssMb: Math.round(peak.peakRss / 1024 ** 2),
      };
      figures.push(row);
      log(
        `${name}: ${r.status} in ${(wallMs / 1000).toFixed(1)} s (plain script ${(plainMs / 1000).toFixed(1)} s); requests ${requests}; ` +
          `worker peak RSS ${row.workerPeakRssMb} MB; +${r.counts.added} ~${r.counts.updated} -${r.counts.deleted} =${r.counts.unchanged}`,
      );
    };

    await scenario('full', minimumRequests(fake, null, true));
    await scenario('incremental', 0, () => {
      const suppliers = fake.state.tables.subledgers.rows.filter((s) => s.ledgerType === 'SUPPLIER');
      const k = Math.round((suppliers.length * changedPct) / 100);
      touchSuppliers(
        fake.state,
        suppliers.slice(0, k).map((s) => s.dbId),
      );
      const stamp = fake.state.timestamp();
      for (const a of fake.state.tables.accounts.rows.slice(0, Math.round((fake.state.tables.accounts.size * changedPct) / 100))) {
        a.description += ' (edited)';
        a.modifiedAt = stamp;
      }
      for (const v of fake.state.tables.objectValues.rows.slice(0, Math.round((fake.state.tables.objectValues.size * changedPct) / 100))) {
        v.description += ' (edited)';
        v.modifiedAt = stamp;
      }
    });
    await scenario('no-op', 0);
    // Incremental reads: one page per part (what changed fits a page), plus the supplier delta-cursor probe unless the
    // suppliers were read from their deltas.
    for (const f of figures.slice(1)) f.minimumRequests = 4 + ((f.modes as Record<string, string>).suppliers === 'deltas' ? 0 : 1);
    for (const f of figures) {
      f.pass = f.status === 'OK' && f.requests === f.minimumRequests && (f.workerPeakRssMb as number) * 1024 ** 2 < RSS_TARGET;
      ok &&= f.pass as boolean;
    }
    if (values.json) process.stdout.write(`${JSON.stringify({ volume, changedPct, figures }, null, 2)}\n`);
    else for (const f of figures) process.stdout.write(`${JSON.stringify(f)}\n`);
  } finally {
    await cleanup.runAll(log);
  }
  return ok ? 0 : 1;
}
