import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { RunResult } from '../../../workflows/employees/types';
import { maybeRecordHistory } from '../../support/record-history';
import { CONNECTION, OWNER, RECIPIENT, startSyncHarness, type SyncHarness } from '../../support/sync-harness';

const TODAY = '2026-11-23';

describe('employee sync end to end: CLI → Temporal → Postgres → fake Xledger → SMTP', () => {
  let h: SyncHarness;
  const employees = generateEmployees(12, { seed: 7, today: TODAY });

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto', createInHr: 'ask' });
    await h.seedHr(employees);
  });
  afterAll(() => h?.stop());

  const xledgerEmployees = async () => h.xledger.employees.all({ filter: { ownerDbId: OWNER }, pageSize: 1000 });

  it('a dry run plans everything and writes nothing', async () => {
    const before = h.fake.stats().writtenNodes;
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--dry-run', '--wait');
    expect(result.status).toBe('DRY_RUN');
    expect(result.plan?.byClassification['only-in-hr']).toBe(12);
    expect(h.fake.stats().writtenNodes).toBe(before);
    expect(await xledgerEmployees()).toHaveLength(0);
    const mail = await h.smtp.waitForMessages(1);
    expect(mail[0].subject).toMatch(/^\[DRY RUN\]/);
    h.smtp.clear();
  });

  it('every payload of a run is encrypted in Temporal: inputs, results, queries are readable only with the key', async () => {
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--dry-run', '--wait');
    const history = await h.temporal.client.workflow.getHandle(result.runId).fetchHistory();
    const payloads: Array<{ metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }> = [];
    // Search attributes stay readable by design (the server indexes them): connection, kind, trigger, status only.
    const searchAttributeKeys = new Set<string>();
    const walk = (v: unknown): void => {
      if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
      if ('metadata' in v && 'data' in v && (v as { data: unknown }).data instanceof Uint8Array) payloads.push(v as (typeof payloads)[number]);
      else
        for (const [key, child] of Object.entries(v)) {
          if (key === 'searchAttributes') Object.keys((child as { indexedFields?: object }).indexedFields ?? {}).forEach((k) => searchAttributeKeys.add(k));
          else walk(child);
        }
    };
    walk(history.events);
    expect(payloads.length).toBeGreaterThan(10);
    expect([...searchAttributeKeys].sort()).toEqual([
      'TemporalChangeVersion',
      'XsyncConnection',
      'XsyncPendingDecisions',
      'XsyncReadMode',
      'XsyncRunKind',
      'XsyncStatus',
      'XsyncTrigger',
    ]);
    // Everything is encrypted but Temporal's own version markers (patched()), which hold only the change's name.
    const plain = payloads.filter((p) => Buffer.from(p.metadata?.encoding ?? new Uint8Array()).toString() !== 'binary/encrypted');
    expect(new Set(plain.map((p) => Buffer.from(p.data!).toString()))).toEqual(
      new Set(['pending-decisions-search-attribute', 'incremental-employee-runs'].map((id) => JSON.stringify({ id, deprecated: false }))),
    );
    const raw = payloads.map((p) => Buffer.from(p.data!).toString('latin1')).join('\n');
    expect(raw).not.toContain(CONNECTION);
    expect(raw).not.toContain(result.runId);
    // The client holds the key: the result and queries come back in clear.
    expect(result.status).toBe('DRY_RUN');
    await h.smtp.waitForMessages(1);
    h.smtp.clear();
  });

  it('the first sync creates everyone in Xledger with their person fields, in one addEmployees request', async () => {
    const addsBefore = h.fake.stats().byRootField.addEmployees ?? 0;
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    expect(result.status).toBe('OK');
    expect(result.counts.created).toBe(12);
    await maybeRecordHistory(h.temporal.client.workflow.getHandle(result.runId), 'employees-first-load-2026-12', h.temporal.secretKey);
    expect((h.fake.stats().byRootField.addEmployees ?? 0) - addsBefore).toBe(1);
    const inXledger = await xledgerEmployees();
    expect(inXledger.map((e) => e.code).sort()).toEqual(employees.map((e) => e.employeeNumber).sort());
    const first = employees[0];
    const x = inXledger.find((e) => e.code === first.employeeNumber)!;
    expect(x.description).toBe(`${first.firstName} ${first.lastName}`);
    expect(x.contact?.firstName).toBe(first.firstName);
    expect(x.contact?.socialSec).toBe(first.nationalId);
    expect(x.subledger?.bankAccount).toBe(first.bankAccount);
    expect(x.email).toBe(first.workEmail);
  });

  it('emails the result to the connection recipients, with national ids and bank accounts masked', async () => {
    const [mail] = await h.smtp.waitForMessages(1);
    expect(mail.subject).toMatch(new RegExp(`^\\[OK\\] ${CONNECTION} – employee sync`));
    expect((mail.to as { text: string }).text).toContain(RECIPIENT);
    expect(mail.text).toMatch(/Created\D+12/i);
    for (const e of employees) {
      expect(mail.text).not.toContain(e.nationalId!);
      expect(mail.html || '').not.toContain(e.bankAccount!);
    }
    h.smtp.clear();
  });

  it('a re-sync with nothing changed writes nothing to Xledger', async () => {
    const before = h.fake.stats();
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    expect(result.status).toBe('OK');
    expect(result.counts).toMatchObject({ created: 0, updated: 0, unchanged: 12, failed: 0 });
    expect(h.fake.stats().writtenNodes).toBe(before.writtenNodes);
    h.smtp.clear();
  });

  it('an HR change reaches Xledger, and history lists it', async () => {
    const changed = { ...employees[3], phone: '+4791234567', lastName: 'Ødegård-Nilsen' };
    await h.seedHr([changed]);
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    expect(result.counts).toMatchObject({ updated: 1, unchanged: 11, failed: 0 });
    const x = (await xledgerEmployees()).find((e) => e.code === changed.employeeNumber)!;
    expect(x.contact?.lastName).toBe('Ødegård-Nilsen');
    expect(x.contact?.phone).toBe('+4791234567');
    expect(x.description).toBe(`${changed.firstName} Ødegård-Nilsen`);

    const history = await h.cliJson<Array<{ event: string; field: string; new_value: string }>>('history', changed.employeeNumber);
    const created = history.filter((r) => r.event === 'created');
    expect(created).toHaveLength(1);
    expect(created[0].new_value).toContain(`firstName=${changed.firstName}`);
    expect(created[0].new_value).not.toContain(changed.nationalId!);
    expect(history).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'updated', field: 'lastName', new_value: 'Ødegård-Nilsen' })]));
    const text = (await h.cli('history', changed.employeeNumber)).stdout;
    expect(text).not.toContain(changed.nationalId!);
    expect(text).toContain('Ødegård-Nilsen');
  });
});
