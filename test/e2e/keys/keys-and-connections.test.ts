import { randomBytes } from 'node:crypto';
import { createConnectionsStore } from '../../../db/connections-store';
import { keyFingerprint, parseKeyring } from '../../../db/secrets/keyring';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { RunResult } from '../../../workflows/employees/types';
import { cliProcess } from '../../support/cli-runner';
import { CONNECTION, startSyncHarness, type SyncHarness } from '../../support/sync-harness';
import { addToXledger } from '../../support/xledger-seeding';
import { FULL } from '../../xledger/helpers';

const TODAY = '2026-11-23';
const BETA_TOKEN = 'xl-BETA-TOKEN-0123456789';

interface Rotation {
  keyId: string;
  tokens: { reencrypted: Array<{ connection: string; fromKeyId: string }>; alreadyCurrent: number };
  baselines: { rehashed: number; keptUnder: Record<string, number> };
}

/**
 * `keys rotate` and `connections remove`, through the real CLI process, on a real run's data (Temporal dev server,
 * Postgres, the fake Xledger): every stored secret moves to the first key in one transaction; a removed connection's
 * audit trail stays readable and a new connection of the same name starts clean.
 */
describe('keys rotate and connections remove', () => {
  let h: SyncHarness;
  const people = generateEmployees(6, { seed: 11, today: TODAY }).map((e) => ({ ...e, status: 'active' as const }));
  const harnessKey = () => h.env.XSYNC_SECRET_KEY!.slice(h.env.XSYNC_SECRET_KEY!.indexOf(':') + 1);
  const bareKey = randomBytes(32).toString('base64');
  const newKey = randomBytes(32).toString('base64');
  let firstRun: string;

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto', createInHr: 'never' });
    await h.seedHr(people);
    await addToXledger(h.xledger, people.slice(0, 3), TODAY);
    const r = await h.cliJson<RunResult & { runId: string }>('sync', 'start', '--connection', CONNECTION, '--wait');
    expect(r.status).toBe('OK');
    firstRun = r.runId;
    // A second connection whose token was stored while XSYNC_SECRET_KEY was a bare key (no id).
    await createConnectionsStore(h.t.db, parseKeyring(bareKey)).add({ name: 'beta', xledgerUrl: h.fake.url, ownerEntityId: 1, token: BETA_TOKEN });
  });
  afterAll(() => h?.stop());

  const rotate = (secretKey: string) => cliProcess(['--json', 'keys', 'rotate'], { ...h.env, XSYNC_SECRET_KEY: secretKey });
  const keyIds = async () => Object.fromEntries((await h.t.db('connections').select('name', 'token_key_id')).map((r) => [r.name, r.token_key_id]));

  it("a bare key's id is its fingerprint, and the README's `id:key,oldid:oldkey` still finds what it encrypted", async () => {
    expect(await keyIds()).toEqual({ acme: 'test', beta: keyFingerprint(Buffer.from(bareKey, 'base64')) });
    const readme = parseKeyring(`new:${newKey},old:${bareKey}`);
    expect(await createConnectionsStore(h.t.db, readme).revealToken('beta')).toBe(BETA_TOKEN);
  });

  it('fails loudly and writes nothing when a secret cannot be decrypted with any key', async () => {
    const before = await h.t.db('connections').orderBy('id').select('token_ciphertext', 'token_key_id');
    const baselines = await h.t.db('employee_links').orderBy('employee_number').select('baseline');
    const r = rotate(`fresh:${newKey},test:${harnessKey()}`); // the bare key is missing: beta's token is unreadable
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ code: 'FAILED' });
    expect(JSON.parse(r.stderr).error).toMatch(/nothing was changed.*connection "beta".*key id "[0-9a-f]{8}", which XSYNC_SECRET_KEY does not hold/);
    expect(await h.t.db('connections').orderBy('id').select('token_ciphertext', 'token_key_id')).toEqual(before);
    expect(await h.t.db('employee_links').orderBy('employee_number').select('baseline')).toEqual(baselines);
  });

  it('re-encrypts every token and re-hashes baselines under the first key, says what it did, and is idempotent', async () => {
    const changed = people[0]!;
    await h.seedHr([{ ...changed, bankAccount: '15038832345' }]); // HR changed it since the last sync
    const keyring = `fresh:${newKey},test:${harnessKey()},old:${bareKey}`;
    const r = rotate(keyring);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Rotation;
    expect(report.keyId).toBe('fresh');
    expect(report.tokens.reencrypted).toEqual([
      { connection: 'acme', fromKeyId: 'test' },
      { connection: 'beta', fromKeyId: keyFingerprint(Buffer.from(bareKey, 'base64')) },
    ]);
    const hashes = (await h.t.db('employee_links').select('baseline')).flatMap((l) => [l.baseline.nationalId, l.baseline.bankAccount]).filter(Boolean);
    expect(hashes.length).toBeGreaterThanOrEqual(people.length * 2 - 1);
    expect(report.baselines).toEqual({ rehashed: hashes.length - 1, keptUnder: { test: 1 } });
    expect(hashes.filter((v: string) => v.startsWith('hmac:fresh:'))).toHaveLength(hashes.length - 1);
    // The tokens now decrypt with the new key alone.
    const onlyNew = createConnectionsStore(h.t.db, parseKeyring(`fresh:${newKey}`));
    expect(await onlyNew.revealToken('beta')).toBe(BETA_TOKEN);
    await expect(onlyNew.revealToken(CONNECTION)).resolves.toBeTruthy();

    const again = JSON.parse(rotate(keyring).stdout) as Rotation;
    expect(again).toEqual({ keyId: 'fresh', tokens: { reencrypted: [], alreadyCurrent: 2 }, baselines: { rehashed: 0, keptUnder: { test: 1 } } });
    const human = cliProcess(['keys', 'rotate'], { ...h.env, XSYNC_SECRET_KEY: keyring });
    expect(human.stdout).toMatch(/API tokens re-encrypted: none; already under "fresh": 2\./);
    expect(human.stdout).toMatch(/1 under "test"\. Keep those keys until this says none\./);
  });

  it('actions on a finished run are refused with its recorded status: "run R is finished (OK)", exit 1', async () => {
    for (const args of [
      ['sync', 'cancel', firstRun],
      ['sync', 'decide', firstRun, '--all', 'hr'],
      ['sync', 'decide', firstRun, '--all', 'hr', '--signal'],
    ]) {
      const r = await h.cli(...args);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 1, stderr: `error: run ${firstRun} is finished (OK)\n` });
    }
    const unknown = await h.cli('--json', 'sync', 'cancel', 'employees.nope.1');
    expect({ code: unknown.code, error: JSON.parse(unknown.stderr) }).toEqual({
      code: 2,
      error: { error: 'no such run: employees.nope.1', code: 'NOT_FOUND' },
    });
  });

  it('connections remove keeps the audit trail and says what it removed; a new connection of that name starts clean', async () => {
    const historyBefore = await h.cliJson<unknown[]>('history', people[4]!.employeeNumber);
    expect(historyBefore.length).toBeGreaterThan(0);
    const count = async (table: string) => Number((await h.t.db(table).count<Array<{ n: string }>>({ n: '*' }))[0]!.n);
    const [decisions, historyRows] = [await count('sync_run_decisions'), await count('employee_history')];
    expect(historyRows).toBeGreaterThan(0);
    const removed = await h.cli('connections', 'remove', CONNECTION);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`Removed connection "${CONNECTION}".`);
    expect(removed.stdout).toMatch(/Deleted: 6 links \(the sync's memory of who is who\), no schedules; its API token\./);
    expect(removed.stdout).toContain(
      `Kept for the audit trail: 1 run, 6 items' outcomes, ${decisions} decision${decisions === 1 ? '' : 's'}, ${historyRows} history rows`,
    );
    expect([await count('sync_runs'), await count('sync_run_items'), await count('sync_run_decisions'), await count('employee_history')]).toEqual([
      1,
      6,
      decisions,
      historyRows,
    ]);
    const row = await h.t.db('connections').where({ name: CONNECTION }).first();
    expect(row).toMatchObject({ token_ciphertext: null, token_key_id: null });
    expect(row.removed_at).toBeInstanceOf(Date);
    expect(await h.t.db('employee_links').where({ connection_id: row.id })).toEqual([]);

    // Still readable: runs list, sync status, history.
    const listed = await h.cliJson<Array<{ run: string; connection: string; status: string }>>('runs', 'list');
    expect(listed.find((r) => r.run === firstRun)).toMatchObject({ connection: `${CONNECTION} (removed)`, status: 'OK' });
    expect(await h.cliJson<{ status?: string }>('sync', 'status', firstRun)).toMatchObject({ status: 'OK' });
    const history = await h.cliJson<Array<{ connection: string }>>('history', people[4]!.employeeNumber);
    expect(history).toHaveLength(historyBefore.length);
    expect(new Set(history.map((e) => e.connection))).toEqual(new Set([`${CONNECTION} (removed)`]));
    expect((await h.cli('connections', 'show', CONNECTION)).code).toBe(2);
    expect((await h.cli('connections', 'remove', CONNECTION)).stderr).toMatch(/it was removed; --purge deletes its runs and history/);

    // A new connection of the same name: its own id, no links, no lock, and its run is its own.
    const add = cliProcess(['connections', 'add', CONNECTION, '--url', h.fake.url, '--owner-entity', '1000', '--token-stdin'], h.env, FULL);
    expect(add.stderr).toBe('');
    const fresh = await h.t.db('connections').where({ name: CONNECTION }).whereNull('removed_at').first();
    expect(fresh.id).not.toBe(row.id);
    expect(await h.t.db('employee_links').where({ connection_id: fresh.id })).toEqual([]);
    const second = await h.cliJson<RunResult & { runId: string }>('sync', 'start', '--connection', CONNECTION, '--wait');
    expect(second.runId).not.toBe(firstRun);
    expect((await h.t.db('sync_runs').where({ id: second.runId }).first()).connection_id).toBe(fresh.id);
    const own = await h.cliJson<Array<{ run: string; connection: string }>>('runs', 'list', '--connection', CONNECTION);
    expect(own.find((r) => r.run === second.runId)?.connection).toBe(CONNECTION);
  });

  it('connections remove --purge deletes the audit trail of every connection of that name, and says so', async () => {
    const r = await h.cli('--json', 'connections', 'remove', CONNECTION, '--purge');
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ name: CONNECTION, purged: true, removedBefore: 1, runs: 2 });
    expect(report.history).toBeGreaterThan(0);
    expect(await h.t.db('connections').where({ name: CONNECTION })).toEqual([]);
    expect(await h.t.db('sync_runs')).toEqual([]);
    expect(await h.t.db('employee_history')).toEqual([]);
    expect(await h.t.db('sync_run_items')).toEqual([]);
  });
});
