import net from 'node:net';
import { generateEmployees } from '../../scripts/lib/generate-employees';
import type { ConnectionCheckResult } from '../../workflows/admin/check-connection';
import { decryptHistory, maybeRecordHistory } from '../support/record-history';
import { addToXledger } from '../support/xledger-seeding';
import { CONNECTION, OWNER, startSyncHarness, type SyncHarness } from '../support/sync-harness';
import { HUMA, READ_ONLY } from '../xledger/helpers';

type CheckJson = ConnectionCheckResult & { workflowId: string };

const BAD_TOKEN = 'not-a-token-the-fake-knows-4711';
const DIALOG = 'edit the token under Administration > System Access > GraphQL > API tokens.';

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every string and byte payload of a workflow history, decoded, to look for a secret in it. */
function historyText(value: unknown, out: string[] = []): string[] {
  if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'));
  else if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) historyText(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) historyText(v, out);
  return out;
}

describe('connections test: CLI → Temporal → probe of the fake Xledger', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness();
    const add = (name: string, token: string, xledgerUrl = h.fake.url) => h.deps.connections.add({ name, xledgerUrl, ownerEntityId: OWNER, token });
    await add('read-only', READ_ONLY);
    await add('huma', HUMA);
    await add('bad-token', BAD_TOKEN);
    await add('nowhere', 'fake-full-access', `http://127.0.0.1:${await closedPort()}/graphql`);
  });
  afterAll(() => h?.stop());

  const check = async (name: string) => {
    const r = await h.cli('--json', 'connections', 'test', name);
    return { code: r.code, stderr: r.stderr, result: JSON.parse(r.stdout) as CheckJson };
  };

  it('a full-scope token is OK (exit 0); areas that need a contact to read through are reported as unchecked', async () => {
    const r = await h.cli('connections', 'test', CONNECTION);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Connection "${CONNECTION}" (${h.fake.url}, owner entity ${OWNER})`);
    expect(lines).toContainEqual(expect.stringMatching(/^area\s+needs\s+read\s+write\s+used for\s+detail$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Human Resources Employee\s+read\/write\s+ok\s+ok\s+employee sync$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Common Country\s+read\s+ok\s+not-needed\s+countries$/));
    expect(lines).toContain('Note: Could not check Common Address (read): no Common Contact record to read through');
    expect(lines.at(-1)).toBe('OK: the token reads employees and has every scope the integration needs.');

    const { code, result } = await check(CONNECTION);
    expect(code).toBe(0);
    expect(result).toMatchObject({ connection: CONNECTION, status: 'ok', ok: true, missing: [] });
    expect(result.workflowId).toMatch(new RegExp(`^check-connection\\.${CONNECTION}\\.`));
    await maybeRecordHistory(h.temporal.client.workflow.getHandle(result.workflowId), 'check-connection', h.temporal.secretKey);
  });

  it('with an employee in Xledger every area is verified, and the run is a real workflow with a summary', async () => {
    await addToXledger(h.xledger, generateEmployees(1, { seed: 3, today: '2026-11-23' }), '2026-11-23');
    const { code, result } = await check(CONNECTION);
    expect(code).toBe(0);
    expect(result.ownerDbId).toBe(OWNER);
    expect(result.notes).toEqual([]);
    for (const a of result.areas) {
      expect([a.area, a.read]).toEqual([a.area, 'ok']);
      expect([a.area, a.write]).toEqual([a.area, a.needs.write ? 'ok' : 'not-needed']);
    }
    const description = await h.temporal.client.workflow.getHandle(result.workflowId).describe();
    expect(description.type).toBe('checkConnection');
    expect(description.taskQueue).toBe(h.temporal.taskQueue);
    expect(await description.staticSummary()).toBe(`Connection test: ${CONNECTION}`);
  });

  it('an employee-read-only token names every missing scope as the token dialog does (exit 1)', async () => {
    const r = await h.cli('connections', 'test', 'read-only');
    expect(r.code).toBe(1);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      'FAIL: Missing in the Xledger API token: Human Resources Employee (write), Common Contact (read/write), Common Company (read), ' +
        'Common Country (read), Common Object Value (read), Common Subledger (read/write), Common Supplier (read/write), ' +
        'General Ledger (read), Common Currency (read), Fixed Assets (read), Human Resources Absence (read/write), ' +
        `Accounts Receivable (read/write), Logistics Product (read) — ${DIALOG}`,
    );
    // Nested areas cannot be told while their parent is missing: said so, not counted as missing.
    expect(r.stdout).toContain('Note: Could not check General Ledger Bank (read): needs Common Subledger read to check');

    const { result } = await check('read-only');
    expect(result.status).toBe('missing-scopes');
    expect(result.areas.find((a) => a.area === 'Human Resources Employee')).toMatchObject({ read: 'ok', write: 'missing' });
    expect(result.areas.filter((a) => a.read === 'unverified').map((a) => a.area)).toEqual(['Common Address', 'Common System Value', 'General Ledger Bank']);
  });

  it("Huma's published scope list covers the employee sync; the probe names what the other parts need (exit 1)", async () => {
    const { code, result } = await check('huma');
    expect(code).toBe(1);
    expect(result.status).toBe('missing-scopes');
    expect(result.missing.map((m) => [m.area, m.read, m.write, m.usedFor])).toEqual([
      ['General Ledger', true, false, 'chart of accounts'],
      ['Common Currency', true, false, 'currencies'],
      ['Fixed Assets', true, false, 'fixed assets'],
      ['Human Resources Absence', true, true, 'absence sync'],
      ['Accounts Receivable', true, true, 'invoice and order export'],
      ['Logistics Product', true, false, 'products for invoice export'],
    ]);
    // Everything on Huma's list itself is there.
    const humaList = [
      'Human Resources Employee',
      'Common Address',
      'Common Contact',
      'Common Company',
      'Common Country',
      'Common Object Value',
      'Common Subledger',
      'Common Supplier',
      'Common System Value',
      'General Ledger Bank',
    ];
    for (const area of humaList) {
      const a = result.areas.find((x) => x.area === area)!;
      expect([area, a.read, a.write]).toEqual([area, 'ok', a.needs.write ? 'ok' : 'not-needed']);
    }
    expect(result.verdict).toBe(
      'Missing in the Xledger API token: General Ledger (read), Common Currency (read), Fixed Assets (read), ' +
        `Human Resources Absence (read/write), Accounts Receivable (read/write), Logistics Product (read) — ${DIALOG}`,
    );
  });

  it("--for checks only the parts named: Huma's token is OK for the employee sync (exit 0) and not for absences (exit 1)", async () => {
    const r = await h.cli('connections', 'test', 'huma', '--for', 'employees');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Connection "huma" (${h.fake.url}, owner entity ${OWNER}), checked for: employees`);
    expect(lines.at(-1)).toBe('OK: the token reads employees and has every scope the employees part needs.');
    expect(r.stdout).not.toContain('Human Resources Absence');
    const employeeAreas = ['Human Resources Employee', 'Common Address', 'Common Contact', 'Common Country', 'Common Subledger', 'Common System Value'];
    const { result } = await check('huma');
    expect(result.checkedFor).toEqual([]);
    const forEmployees = JSON.parse((await h.cli('--json', 'connections', 'test', 'huma', '--for', 'employees')).stdout) as CheckJson;
    expect(forEmployees).toMatchObject({ status: 'ok', ok: true, checkedFor: ['employees'], missing: [] });
    expect(forEmployees.areas.map((a) => a.area)).toEqual(employeeAreas);

    const both = await h.cli('--json', 'connections', 'test', 'huma', '--for', 'employees, absences');
    expect(both.code).toBe(1);
    const bothResult = JSON.parse(both.stdout) as CheckJson;
    expect(bothResult.checkedFor).toEqual(['employees', 'absences']);
    expect(bothResult.missing.map((m) => m.area)).toEqual(['Human Resources Absence']);
    expect(bothResult.verdict).toBe(`Missing in the Xledger API token: Human Resources Absence (read/write) — ${DIALOG}`);
  });

  it('--for with an unknown part is a usage error naming the known parts (exit 2), before any workflow starts', async () => {
    const r = await h.cli('connections', 'test', 'huma', '--for', 'employees,payroll');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('error: --for: unknown part "payroll"; use employees, absences, master-data, invoices');
  });

  it('a token Xledger refuses says so in one line, without the token (exit 1), and no retries', async () => {
    const r = await h.cli('connections', 'test', 'bad-token');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      'FAIL: Xledger refused the API token (Invalid API Token. The token is unknown, expired or revoked.) — ' +
        'generate a new token under Administration > System Access > GraphQL > API tokens and store it again.',
    );
    expect(r.stdout).not.toContain(BAD_TOKEN);

    const { result } = await check('bad-token');
    expect(result).toMatchObject({ status: 'token-refused', ok: false, areas: [], missing: [] });
    const handle = h.temporal.client.workflow.getHandle(result.workflowId);
    const history = await handle.fetchHistory();
    expect(historyText(history).join('\n')).not.toContain(BAD_TOKEN); // as stored: payloads encrypted
    await decryptHistory(history, h.temporal.secretKey);
    const text = historyText(history).join('\n');
    expect(text).toContain('Invalid API Token'); // the payloads were decrypted: the search below is not vacuous
    expect(text).not.toContain(BAD_TOKEN);
    expect(history.events?.filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(1);
  });

  it('an unreachable Xledger URL gives a clear result quickly (exit 1)', async () => {
    const started = Date.now();
    const r = await h.cli('connections', 'test', 'nowhere');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(1);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^FAIL: Cannot reach Xledger at http:\/\/127\.0\.0\.1:\d+\/graphql: ECONNREFUSED\.$/);
  });

  it('an unknown connection name fails before any workflow starts (exit 2)', async () => {
    const r = await h.cli('connections', 'test', 'no-such-connection');
    expect(r.code).toBe(2); // an argument naming no connection is bad usage
    expect(r.stderr).toBe('error: No connection named "no-such-connection"\n');
  });
});
