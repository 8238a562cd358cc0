import { createRunReadsStore } from '../../../db/employees/run-reads-store';
import { createHrStore } from '../../../hr/hr-store';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import { createTestDatabase, type TestDatabase } from '../../support/test-db';

describe('employee run reads: bookmark and HR changes (real Postgres, migration 015)', () => {
  let t: TestDatabase;
  let connectionId: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    const [row] = await t
      .db('connections')
      .insert({ name: 'acme', xledger_url: 'http://x', owner_entity_id: 1, token_ciphertext: 'c', token_key_id: 'k' })
      .returning('id');
    connectionId = (row as { id: number }).id;
  });
  afterAll(() => t?.drop());

  const at = (iso: string) => new Date(iso);
  async function run(id: string, status: string, mode: 'full' | 'incremental', readStartedAt: string, dryRun = false) {
    await t.db('sync_runs').insert({ id, connection_id: connectionId, kind: 'employees', trigger: 'manual', status, dry_run: dryRun, finished_at: new Date() });
    await createRunReadsStore(t.db).record(connectionId, {
      runId: id,
      mode,
      reason: mode === 'full' ? 'no-bookmark' : 'changes',
      why: 'test',
      readStartedAt: at(readStartedAt),
    });
  }

  it('has no bookmark until a full run succeeded; then the last successful run’s read start, and the last full one’s', async () => {
    const store = createRunReadsStore(t.db);
    expect(await store.bookmark(connectionId)).toBeNull();
    await run('r1', 'FAILED', 'full', '2026-12-01T06:00:00Z');
    await run('r2', 'OK', 'full', '2026-12-01T07:00:00Z', true); // a dry run writes nothing: no bookmark
    expect(await store.bookmark(connectionId)).toBeNull();
    await run('r3', 'OK', 'full', '2026-12-02T06:00:00Z');
    await run('r4', 'OK', 'incremental', '2026-12-03T06:00:00Z');
    await run('r5', 'PARTIAL', 'incremental', '2026-12-04T06:00:00Z');
    expect(await store.bookmark(connectionId)).toEqual({ readStartedAt: at('2026-12-03T06:00:00Z'), lastFullReadAt: at('2026-12-02T06:00:00Z') });
    expect(await store.ofRun('r4')).toEqual({ runId: 'r4', mode: 'incremental', reason: 'changes', why: 'test', readStartedAt: at('2026-12-03T06:00:00Z') });
  });

  it('rejects a mode that is neither full nor incremental', async () => {
    await expect(run('r6', 'OK', 'sideways' as 'full', '2026-12-05T06:00:00Z')).rejects.toThrow(/employee_run_reads_mode/);
  });

  it('lists the employee numbers HR changed from an instant on (employees and positions), once each', async () => {
    const store = createRunReadsStore(t.db);
    const [a, b] = generateEmployees(2, { seed: 3 });
    await createHrStore(t.db).upsertEmployees([a!, b!]);
    const since = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await t.db('hr_employees').where({ employee_number: a!.employeeNumber }).update({ phone: '+4790000001' });
    await t.db('hr_employees').where({ employee_number: a!.employeeNumber }).update({ phone: '+4790000002' });
    await t.db('hr_positions').where({ employee_number: b!.employeeNumber }).update({ job_title: 'Controller' });
    expect(await store.hrChangedSince(since)).toEqual([a!.employeeNumber, b!.employeeNumber].sort());
    expect(await store.hrChangedSince(new Date(Date.now() + 60_000))).toEqual([]);
  });

  it('lists the people runs left open since an instant: skipped (invalid too), or written with fields left out; not unchanged or dry', async () => {
    const store = createRunReadsStore(t.db);
    const item = (runId: string, seq: number, key: string, classification: string, outcome: string, skipped: unknown = null) =>
      t.db('sync_run_items').insert({ run_id: runId, seq, item_key: key, classification, plan: '{}', outcome, skipped: JSON.stringify(skipped) });
    await run('o1', 'OK', 'incremental', '2026-12-06T06:00:00Z');
    await run('o2', 'OK', 'incremental', '2026-12-07T06:00:00Z');
    await run('o3', 'OK', 'incremental', '2026-12-07T07:00:00Z', true);
    await item('o1', 1, 'E-OLD', 'conflict', 'skipped'); // before the instant
    await item('o2', 1, 'E-SKIP', 'conflict', 'skipped');
    await item('o2', 2, 'E-PART', 'matched', 'updated', [{ field: 'phone', reason: 'undecided' }]);
    await item('o2', 3, 'E-DONE', 'matched', 'updated', []);
    await item('o2', 4, 'E-BAD', 'invalid', 'skipped');
    await item('o2', 5, 'E-SAME', 'unchanged', 'unchanged');
    await item('o2', 6, 'X-ONLY', 'only-in-xledger', 'skipped');
    await item('o3', 1, 'E-DRY', 'conflict', 'skipped');
    const open = await store.leftOpenSince(connectionId, at('2026-12-07T00:00:00Z'));
    expect(open.map((o) => `${o.key} ${o.classification}`).sort()).toEqual(['E-BAD invalid', 'E-PART matched', 'E-SKIP conflict', 'X-ONLY only-in-xledger']);
  });
});
