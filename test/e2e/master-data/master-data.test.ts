import { Client as PgClient } from 'pg';
import { startRun } from '../../../client/start-run';
import { MASTER_DATA_CHANNEL, type MasterDataNotice } from '../../../db/master-data/changes-store';
import { deleteSupplier, generateMasterData, touchSuppliers } from '../../../xledger/fake/master-data-seed';
import type { EmployeeRow } from '../../../xledger/fake/types';
import type { MasterDataRunResult } from '../../../workflows/master-data/types';
import { maybeRecordHistory } from '../../support/record-history';
import { FULL } from '../../xledger/helpers';
import { CONNECTION, OWNER, RECIPIENT, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';

/**
 * The master-data kind on real parts: Temporal dev server and worker, Postgres, the fake Xledger over HTTP, the CLI as
 * a child process. One connection, runs one after another, each test building on the mirror the last one left.
 */
describe('master-data pull', () => {
  let h: SyncHarness;
  let connectionId: number;

  const run = async (options: Record<string, unknown> = {}): Promise<MasterDataRunResult> => {
    const connection = await h.deps.connections.get(CONNECTION);
    const { handle } = await startRun(h.temporal.client, h.t.db, h.temporal.taskQueue, 'master-data', {
      connection,
      trigger: 'manual',
      ...(Object.keys(options).length > 0 ? { options } : {}),
    });
    return (await handle.result()) as MasterDataRunResult;
  };
  const part = (r: MasterDataRunResult, name: string) => r.parts.find((p) => p.part === name)!;
  const live = async (table: string) => Number((await h.t.db(table).where({ connection_id: connectionId }).whereNull('deleted_at').count('* as n'))[0]!.n);
  const changeCount = async () => Number((await h.t.db('md_changes').count('* as n'))[0]!.n);

  const employee = (dbId: number, code: string, email: string | null): EmployeeRow => ({
    dbId,
    ownerDbId: OWNER,
    createdAt: '2026-01-01T00:00:00',
    modifiedAt: '2026-01-01T00:00:00',
    code,
    description: `Employee ${code}`,
    email,
    employmentFrom: '2020-01-01',
    employmentTo: null,
    trialTo: null,
    noticeDate: null,
    dateFrom: null,
    dateTo: null,
    contactDbId: null,
    subledgerDbId: null,
  });

  beforeAll(async () => {
    h = await startSyncHarness();
    connectionId = (await h.deps.connections.get(CONNECTION)).id;
    const s = h.fake.state;
    // Suppliers on the owner entity and on both client entities; 2,500 of them so a read takes several pages.
    generateMasterData(s, { suppliers: 2_500, clientDbIds: [1001, 1002], clientEvery: 10 });
    await h.deps.connections.updateSettings(CONNECTION, { recipients: [RECIPIENT], masterData: { pageSize: 1_000 } });
    // Project managers: one with an email, one without, two sharing one.
    for (const e of [
      employee(9001, 'PM1', 'Kari.Nordmann@demo.example'),
      employee(9002, 'PM2', null),
      employee(9003, 'PM3', 'team@demo.example'),
      employee(9004, 'PM4', 'TEAM@demo.example'),
    ])
      s.tables.employees.insert(e);
    for (const [dbId, code, manager] of [
      [9101, 'PRJ-1', 9001],
      [9102, 'PRJ-2', 9002],
      [9103, 'PRJ-3', 9003],
      [9104, 'PRJ-4', null],
    ] as const) {
      s.tables.projects.insert({
        dbId,
        ownerDbId: OWNER,
        createdAt: s.timestamp(),
        modifiedAt: s.timestamp(),
        code,
        description: `Project ${code}`,
        dateFrom: '2026-01-01',
        dateTo: null,
        projectManagerDbId: manager,
      });
    }
  });
  afterAll(() => h?.stop());

  it('first pull reads every type in full, fills the mirror, logs the changes and NOTIFYs on commit', async () => {
    const listener = new PgClient({ connectionString: h.t.url });
    await listener.connect();
    const notices: MasterDataNotice[] = [];
    listener.on('notification', (n) => notices.push(JSON.parse(n.payload!) as MasterDataNotice));
    await listener.query(`LISTEN ${MASTER_DATA_CHANNEL}`);

    const started = await h.cliJson<{ runId: string }>('sync', 'start', '--kind', 'master-data', '--connection', CONNECTION);
    const handle = h.temporal.client.workflow.getHandle(started.runId);
    const r = (await handle.result()) as MasterDataRunResult;
    await maybeRecordHistory(handle, 'master-data-first-pull-2026-12', h.temporal.secretKey);

    expect(r.status).toBe('OK');
    expect(r.parts.map((p) => [p.part, p.status, p.mode])).toEqual(
      ['suppliers', 'accounts', 'dimension-kinds', 'dimension-values', 'currencies', 'vat-codes', 'fixed-assets', 'projects'].map((p) => [p, 'OK', 'full']),
    );
    const fake = h.fake.state.tables;
    const suppliers = fake.subledgers.rows.filter((x) => x.ledgerType === 'SUPPLIER').length;
    expect(part(r, 'suppliers').counts.added).toBe(suppliers);
    expect(await live('md_suppliers')).toBe(suppliers);
    expect(await live('md_accounts')).toBe(fake.accounts.size);
    expect(await live('md_dimension_kinds')).toBe(fake.objectKinds.size);
    const taxRule = fake.objectKinds.rows.find((k) => k.name === 'TAX_RULE')!.dbId;
    expect(await live('md_dimension_values')).toBe(fake.objectValues.rows.filter((v) => v.objectKindDbId !== taxRule).length);
    expect(await live('md_vat_codes')).toBe(fake.objectValues.rows.filter((v) => v.objectKindDbId === taxRule).length);
    expect(await live('md_currencies')).toBe(fake.currencies.size);
    expect(await live('md_fixed_assets')).toBe(fake.assets.size);
    expect(r.counts).toMatchObject({ updated: 0, deleted: 0, unchanged: 0, failedParts: 0 });

    // A supplier as Xledger has it: org number, bank account, address, currency, pay terms.
    const s100 = await h.t.db('md_suppliers').where({ connection_id: connectionId, code: 'S-100' }).first();
    expect(s100).toMatchObject({ owner_db_id: String(OWNER), bank_account: '12345678903', street_address: 'Storgata 1', currency_code: 'NOK' });
    expect(s100.modified_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    // VAT: rates over time from taxTableSetups, the code as the tenant has it.
    const vat = await h.t.db('md_vat_codes').where({ connection_id: connectionId, code: '2' }).first();
    expect(vat).toMatchObject({ current_percent: '25.00', rate_level: 'HIGH_LEVEL' });
    expect(vat.rates.map((x: { percent: string }) => x.percent)).toEqual(['24.00', '25.00']);

    // The change log holds one row per record, and the listener heard of every part that changed.
    expect(await changeCount()).toBe(r.counts.added);
    await waitFor(
      async () => notices.length,
      () => notices.some((n) => n.part === 'projects'),
      10_000,
    );
    await listener.end();
    expect(notices.filter((n) => n.part === 'suppliers').reduce((sum, n) => sum + n.added, 0)).toBe(suppliers);
    expect(notices.every((n) => n.connection === CONNECTION && n.runId === r.runId)).toBe(true);
  });

  it('resolves project managers to emails through the employee table, and reports what it cannot', async () => {
    const rows = await h.t.db('md_projects').where({ connection_id: connectionId }).orderBy('code').select('code', 'manager_email', 'manager_issue');
    expect(rows).toEqual([
      { code: 'PRJ-1', manager_email: 'kari.nordmann@demo.example', manager_issue: null },
      { code: 'PRJ-2', manager_email: null, manager_issue: 'manager (employee dbId 9002) has no email' },
      { code: 'PRJ-3', manager_email: null, manager_issue: "manager's email (employee dbId 9003) is shared by 2 employees" },
      { code: 'PRJ-4', manager_email: null, manager_issue: null },
    ]);
  });

  it('an incremental pull with nothing changed in Xledger changes nothing', async () => {
    const before = await changeCount();
    const r = await run();
    expect(r.status).toBe('OK');
    expect(part(r, 'accounts').mode).toBe('modified-since');
    expect(part(r, 'dimension-values').mode).toBe('modified-since');
    expect(part(r, 'currencies').mode).toBe('full');
    expect(r.counts).toMatchObject({ added: 0, updated: 0, deleted: 0 });
    expect(await changeCount()).toBe(before);
  });

  it('picks up edits and additions incrementally, and marks nothing deleted without a full read', async () => {
    const s = h.fake.state;
    const supplier = s.tables.subledgers.rows.find((x) => x.code === 'S-200')!;
    await h.xledger.suppliers.update([{ node: { dbId: supplier.dbId, description: 'Cloud Hosting Nordic Ltd' } }]);
    s.tables.accounts.insert({
      dbId: s.allocId(),
      ownerDbId: OWNER,
      createdAt: s.timestamp(),
      modifiedAt: s.timestamp(),
      code: '7700',
      description: 'Bank charges',
      posting: true,
      balanceSheet: false,
      revenue: false,
      cost: true,
      vat: false,
    });
    const gone = s.tables.accounts.rows.find((a) => a.code === '6300')!;
    s.tables.accounts.remove(gone.dbId);

    const r = await run({ types: ['suppliers', 'accounts'] });
    expect(r.parts.map((p) => p.part)).toEqual(['suppliers', 'accounts']);
    expect(part(r, 'suppliers')).toMatchObject({ mode: 'modified-since', counts: { added: 0, updated: 1, deleted: 0 } });
    expect(part(r, 'accounts')).toMatchObject({ mode: 'modified-since', counts: { added: 1, updated: 0, deleted: 0 } });
    expect((await h.t.db('md_suppliers').where({ connection_id: connectionId, db_id: supplier.dbId }).first()).description).toBe('Cloud Hosting Nordic Ltd');
    const change = await h.t.db('md_changes').where({ run_id: r.runId, type: 'suppliers' }).first();
    expect(change).toMatchObject({ change: 'updated', fields: ['description'] });
    // The removed account is still live: an incremental read cannot see deletions.
    expect((await h.t.db('md_accounts').where({ connection_id: connectionId, db_id: gone.dbId }).first()).deleted_at).toBeNull();

    const full = await run({ types: ['accounts'], full: true });
    expect(part(full, 'accounts')).toMatchObject({ mode: 'full', counts: { added: 0, updated: 0, deleted: 1 } });
    expect((await h.t.db('md_accounts').where({ connection_id: connectionId, db_id: gone.dbId }).first()).deleted_at).not.toBeNull();
    expect(await h.t.db('md_changes').where({ run_id: full.runId }).select('change', 'db_id')).toEqual([{ change: 'deleted', db_id: String(gone.dbId) }]);
  });

  it('reads suppliers from supplier_deltas after a full read, deletions included once the delta read is complete', async () => {
    await run({ types: ['suppliers'], full: true }); // notes the newest delta cursor
    const s = h.fake.state;
    const [a, b] = s.tables.subledgers.rows.filter((x) => x.ledgerType === 'SUPPLIER').slice(5, 7);
    touchSuppliers(s, [a!.dbId]);
    deleteSupplier(s, b!.dbId);
    const r = await run({ types: ['suppliers'] });
    expect(part(r, 'suppliers')).toMatchObject({ mode: 'deltas', counts: { added: 0, updated: 1, deleted: 1, unchanged: 0 } });
    expect((await h.t.db('md_suppliers').where({ connection_id: connectionId, db_id: b!.dbId }).first()).deleted_at).not.toBeNull();
  });

  it('a 5xx in the middle of a full read deletes nothing while it fails, then resumes after the last applied page', async () => {
    const s = h.fake.state;
    const victim = s.tables.subledgers.rows.filter((x) => x.ledgerType === 'SUPPLIER')[100]!;
    s.tables.subledgers.remove(victim.dbId); // gone from Xledger without a delta: only a full read can tell
    h.fake.resetStats();
    // The first page answers; the next six requests (all the client's in-process tries) fail: the activity fails once.
    h.fake.setKnobs({ forcedErrors: [{ code: 'HTTP_503', operation: 'MasterDataSuppliers', afterRequests: 1, count: 6 }] });
    const connection = await h.deps.connections.get(CONNECTION);
    const { runId, handle } = await startRun(h.temporal.client, h.t.db, h.temporal.taskQueue, 'master-data', {
      connection,
      trigger: 'manual',
      options: { types: ['suppliers'], full: true },
    });
    // While the read is failing: one page applied, nothing marked deleted.
    await waitFor(
      () => h.t.db('md_read_progress').where({ run_id: runId, type: 'suppliers' }).first(),
      (p) => p?.pages === 1,
      30_000,
    );
    expect((await h.t.db('md_suppliers').where({ connection_id: connectionId, db_id: victim.dbId }).first()).deleted_at).toBeNull();
    expect(await h.t.db('md_changes').where({ run_id: runId }).count('* as n')).toEqual([{ n: '0' }]);

    const r = (await handle.result()) as MasterDataRunResult;
    expect(part(r, 'suppliers')).toMatchObject({ status: 'OK', mode: 'full', counts: { deleted: 1 } });
    // Pages read = pages of the table: the retry went on after page 1 instead of starting again.
    const supplierCount = s.tables.subledgers.rows.filter((x) => x.ledgerType === 'SUPPLIER').length;
    expect(h.fake.stats().byOperation.MasterDataSuppliers).toBe(Math.ceil(supplierCount / 1_000));
    expect((await h.t.db('md_suppliers').where({ connection_id: connectionId, db_id: victim.dbId }).first()).deleted_at).not.toBeNull();
  });

  it('a type that fails does not fail the others: it gets its own status and keeps its bookmark', async () => {
    const before = await h.t.db('md_type_state').where({ connection_id: connectionId, type: 'fixed-assets' }).first();
    // Huma's published scope list has suppliers but not fixed assets: that read is refused for good (not retried).
    await h.deps.connections.update(CONNECTION, { token: 'fake-huma-scopes' });
    const r = await run({ types: ['suppliers', 'fixed-assets'] }).finally(() => h.deps.connections.update(CONNECTION, { token: FULL }));
    expect(r.status).toBe('PARTIAL');
    expect(part(r, 'suppliers').status).toBe('OK');
    expect(part(r, 'fixed-assets')).toMatchObject({ status: 'FAILED' });
    expect(part(r, 'fixed-assets').error).toMatch(/Fixed Assets/);
    const after = await h.t.db('md_type_state').where({ connection_id: connectionId, type: 'fixed-assets' }).first();
    expect(after).toMatchObject({ last_status: 'FAILED', since: before.since });
    expect(after.last_full_read_at).toEqual(before.last_full_read_at);
    expect(await live('md_fixed_assets')).toBe(h.fake.state.tables.assets.size);
  });

  it('shows client entity X the owner entity’s records and its own, never another client’s (CLI)', async () => {
    type Row = { dbId: number; ownerDbId: number };
    const seen = await h.cliJson<Row[]>('masterdata', 'list', 'suppliers', '--connection', CONNECTION, '--client-entity', '1001', '--limit', '10000');
    const owners = new Set(seen.map((x) => x.ownerDbId));
    expect([...owners].sort()).toEqual([OWNER, 1001]);
    const all = await h.cliJson<Row[]>('masterdata', 'list', 'suppliers', '--connection', CONNECTION, '--limit', '10000');
    expect(seen.length).toBe(all.filter((x) => x.ownerDbId !== 1002).length);
    const dims = await h.cliJson<Row[]>('masterdata', 'list', 'dimension-values', '--connection', CONNECTION, '--client-entity', '1002');
    expect(dims.some((d) => d.ownerDbId === 1001)).toBe(false);
    const search = await h.cliJson<Array<{ code: string }>>('masterdata', 'list', 'suppliers', '--connection', CONNECTION, '--search', 'cloud hosting');
    expect(search.map((x) => x.code)).toEqual(['S-200']);
  });

  it('xsync masterdata status shows each part: last run, counts, bookmark', async () => {
    const status = await h.cliJson<Array<{ part: string; lastStatus: string; bookmark: string | null; rows: number; lastFullReadAt: string | null }>>(
      'masterdata',
      'status',
      '--connection',
      CONNECTION,
    );
    const byPart = new Map(status.map((x) => [x.part, x]));
    expect(byPart.get('accounts')).toMatchObject({ lastStatus: 'OK', rows: await live('md_accounts') });
    expect(byPart.get('accounts')!.bookmark).toMatch(/^modifiedAt ≥ \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(byPart.get('suppliers')!.bookmark).toMatch(/^delta cursor \d+$/);
    expect(byPart.get('fixed-assets')!.lastStatus).toBe('FAILED');
    const human = await h.cli('masterdata', 'status', '--connection', CONNECTION);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('dimension-values');
  });

  it('one schedule per connection: every 30 minutes, each run reads the types whose own interval has passed', async () => {
    await h.deps.connections.updateSettings(CONNECTION, { recipients: [RECIPIENT], masterData: { pageSize: 1_000, types: ['accounts', 'currencies'] } });
    // Accounts (every 24 h) were last read two days ago; currencies a moment ago.
    await h.t
      .db('md_type_state')
      .where({ connection_id: connectionId, type: 'accounts' })
      .update({ last_ok_at: new Date(Date.now() - 2 * 86_400_000) });
    const set = await h.cliJson<{ scheduleId: string; spec: string }>('schedules', 'set', CONNECTION, '--kind', 'master-data');
    expect(set.scheduleId).toBe(`xsync.${CONNECTION}.master-data`);
    expect(set.spec).toMatch(/30 minutes|30m/);
    try {
      const status = await h.cliJson<Array<{ part: string; nextRun: string | null }>>('masterdata', 'status', '--connection', CONNECTION);
      expect(status.find((x) => x.part === 'accounts')!.nextRun).not.toBeNull();
      expect(status.find((x) => x.part === 'suppliers')!.nextRun).toBeNull(); // not a scheduled type now
      const triggered = await h.cliJson<{ runId: string }>('schedules', 'trigger', CONNECTION, '--kind', 'master-data');
      const r = (await h.temporal.client.workflow.getHandle(triggered.runId).result()) as MasterDataRunResult;
      expect(r.status).toBe('OK');
      expect(r.parts.map((p) => p.part)).toEqual(['accounts']);
    } finally {
      await h.cli('schedules', 'remove', CONNECTION, '--kind', 'master-data');
    }
  });

  it('refuses an unknown type or an option of another kind before starting anything', async () => {
    const bad = await h.cli('sync', 'start', '--kind', 'master-data', '--connection', CONNECTION, '--types', 'suppliers,vendors');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown master-data type(s) "vendors"');
    const foreign = await h.cli('sync', 'start', '--connection', CONNECTION, '--types', 'suppliers');
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('--types is an option of --kind master-data, not of employees');
  });
});
