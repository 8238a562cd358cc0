import { MockActivityEnvironment } from '@temporalio/testing';
import { purgeSettledOutbox } from '../../../activities/admin/maintenance';
import { createOutboxStore } from '../../../db/realtime/outbox-store';
import { createHrStore } from '../../../hr/hr-store';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import { createTestDatabase, type TestDatabase } from '../../support/test-db';

describe('HR outbox triggers and store (real Postgres, migration 014)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  const outbox = () => t.db('hr_outbox').orderBy('id');

  it('writes one row per changed row in the writing transaction, and none when it rolls back', async () => {
    const [a, b] = generateEmployees(2, { seed: 1 });
    await createHrStore(t.db).upsertEmployees([a!, b!]);
    const inserted = await outbox();
    expect(inserted.filter((r) => r.source_table === 'hr_employees').map((r) => [r.employee_number, r.operation])).toEqual([
      [a!.employeeNumber, 'insert'],
      [b!.employeeNumber, 'insert'],
    ]);
    const before = inserted.length;
    await t.db
      .transaction(async (trx) => {
        await trx('hr_employees').where({ employee_number: a!.employeeNumber }).update({ phone: '+4790000000' });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await outbox()).toHaveLength(before);
  });

  it('records a position change and a deletion under the employee', async () => {
    const [e] = generateEmployees(3, { seed: 2 }).slice(2);
    await createHrStore(t.db).upsertEmployees([{ ...e!, employeeNumber: 'P1', workEmail: 'p1@acme.test' }]);
    const start = Number((await t.db('hr_outbox').max('id as id').first())!.id);
    await t.db('hr_positions').where({ employee_number: 'P1' }).update({ job_title: 'Controller' });
    await t.db('hr_employees').where({ employee_number: 'P1' }).delete();
    const rows = await t.db('hr_outbox').where('id', '>', start).orderBy('id');
    expect(rows[0]).toMatchObject({ source_table: 'hr_positions', employee_number: 'P1', operation: 'update', changed_fields: ['job_title'] });
    expect(rows.map((r) => [r.source_table, r.operation])).toContainEqual(['hr_employees', 'delete']);
  });

  it('attaches another HR table with one line (a table of its own here)', async () => {
    await t.db.raw(`CREATE TABLE hr_attach_probe (id serial PRIMARY KEY, employee_number text NOT NULL, starts date, ends date)`);
    await t.db.raw(`SELECT xsync_attach_hr_outbox('hr_attach_probe')`);
    await t.db('hr_attach_probe').insert({ employee_number: 'A9', starts: '2026-12-01' });
    const [row] = await t.db('hr_outbox').where({ source_table: 'hr_attach_probe' });
    expect(row).toMatchObject({ employee_number: 'A9', operation: 'insert', changed_fields: ['employee_number', 'ends', 'starts'] });
  });

  it('fans out to pushing connections once; settles only pending deliveries; settles a row no connection pushes', async () => {
    const store = createOutboxStore(t.db);
    const [{ id: connectionId }] = await t
      .db('connections')
      .insert({ name: 'c1', xledger_url: 'http://127.0.0.1:1/graphql', owner_entity_id: 1, token_ciphertext: 'x', token_key_id: 'k', settings: {} })
      .returning('id');
    expect(await store.dispatch([connectionId])).toBeGreaterThan(0);
    expect(await store.dispatch([connectionId])).toBe(0);
    const pending = await store.toSignal(connectionId, 60_000, 1_000);
    await store.markSignalled(
      connectionId,
      pending.map((p) => p.outboxId),
    );
    expect(await store.toSignal(connectionId, 60_000, 1_000)).toEqual([]);
    expect((await store.toSignal(connectionId, 0, 1_000)).length).toBe(pending.length); // handed over again when overdue
    const [first] = pending;
    expect(await store.settle(connectionId, 'run-1', [{ outboxId: first!.outboxId, status: 'done', reason: 'ok' }])).toBe(1);
    expect(await store.settle(connectionId, 'run-2', [{ outboxId: first!.outboxId, status: 'held', reason: 'again' }])).toBe(0);
    expect(await t.db('hr_outbox').where({ id: first!.outboxId }).first()).toMatchObject({ settled_at: expect.any(Date) });

    await t.db('hr_attach_probe').insert({ employee_number: 'A9', starts: '2026-12-02' });
    expect(await store.dispatch([])).toBe(1);
    expect(
      await t
        .db('hr_outbox')
        .whereNull('settled_at')
        .whereNotIn(
          'id',
          pending.map((p) => p.outboxId),
        ),
    ).toEqual([]);
  });

  it('purges settled rows past the retention with their deliveries (7 days by default, never under 4), keeps pending ones', async () => {
    const store = createOutboxStore(t.db);
    const [{ id: connectionId }] = await t
      .db('connections')
      .insert({ name: 'c-retention', xledger_url: 'http://127.0.0.1:1/graphql', owner_entity_id: 1, token_ciphertext: 'x', token_key_id: 'k', settings: {} })
      .returning('id');
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    // One outbox row per case, aged by hand: changed and settled `age` days ago (or never settled).
    const make = async (label: string, age: number, delivery: 'done' | 'held' | 'pending') => {
      await t.db('hr_attach_probe').insert({ employee_number: label, starts: '2026-12-03' });
      const { id } = (await t.db('hr_outbox').where({ employee_number: label }).first())!;
      await store.dispatch([connectionId]);
      if (delivery !== 'pending') await store.settle(connectionId, `run-${label}`, [{ outboxId: Number(id), status: delivery, reason: label }]);
      await t
        .db('hr_outbox')
        .where({ id })
        .update({ changed_at: daysAgo(age), ...(delivery === 'pending' ? {} : { settled_at: daysAgo(age) }) });
      return Number(id);
    };
    const ids = {
      doneLongAgo: await make('R1', 8, 'done'),
      heldLongAgo: await make('R2', 7.5, 'held'),
      doneFiveDays: await make('R3', 5, 'done'),
      doneThreeDays: await make('R4', 3.5, 'done'),
      pendingMonth: await make('R5', 30, 'pending'),
      doneNow: await make('R6', 0, 'done'),
    };
    const purge = (outboxRetentionDays?: number) =>
      new MockActivityEnvironment().run(() => purgeSettledOutbox({ db: t.db, ...(outboxRetentionDays === undefined ? {} : { outboxRetentionDays }) }));
    const left = async () => new Set((await t.db('hr_outbox').whereIn('id', Object.values(ids)).select('id')).map((r) => Number(r.id)));
    const deliveriesLeft = async () => Number((await t.db('hr_outbox_deliveries').whereIn('outbox_id', Object.values(ids)).count({ n: '*' }))[0]!.n);

    expect(await deliveriesLeft()).toBe(6);
    expect(await purge()).toBe(2); // the default: 7 days
    expect(await left()).toEqual(new Set([ids.doneFiveDays, ids.doneThreeDays, ids.pendingMonth, ids.doneNow]));
    expect(await deliveriesLeft()).toBe(4); // the purged rows' deliveries went with them
    expect(await purge()).toBe(0); // nothing more to do: safe to run again
    // A retention below the 4 days incremental runs need is raised to 4: 3.5 days old stays.
    expect(await purge(1)).toBe(1);
    expect(await left()).toEqual(new Set([ids.doneThreeDays, ids.pendingMonth, ids.doneNow]));
    // The pending change, a month old, is still to be pushed; its delivery is there for the relay.
    expect(await store.stillPending(connectionId, [ids.pendingMonth])).toEqual(new Set([ids.pendingMonth]));
  });
});
