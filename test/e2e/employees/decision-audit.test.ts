import os from 'node:os';
import { actingIdentity } from '../../../client/identity';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { DecisionProgress, RunProgress, RunResult } from '../../../workflows/employees/types';
import { CONNECTION, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';
import { addToXledger } from '../../support/xledger-seeding';

const TODAY = '2026-11-23';

interface HistoryEntry {
  event: string;
  field: string | null;
  direction: string | null;
  detail: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decided_how: string | null;
}

/** A payroll audit asks who chose a value, and when: every decision is recorded with its maker and how it was made. */
describe('decisions carry who and how, whatever the number of pending people', () => {
  let h: SyncHarness;
  const PEOPLE = 1_600;
  const CREATIONS = 311;
  const people = generateEmployees(PEOPLE + CREATIONS, { seed: 77, today: TODAY }).map((e) => ({ ...e, status: 'active' as const }));
  const inBoth = people.slice(0, PEOPLE);
  const target = inBoth[1_549]!; // well past the first 1,000 pending decisions
  const perField = inBoth[1]!;
  let runId: string;

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'ask', createInHr: 'never' });
    await h.seedHr(people);
    // Everyone in both systems differs on the phone: one conflict each (no baseline yet).
    await addToXledger(
      h.xledger,
      inBoth.map((p, i) => ({ ...p, phone: `+47${String(40_000_000 + i)}` })),
      TODAY,
    );
    ({ runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION));
    await waitFor(
      () => h.cliJson<RunProgress>('sync', 'status', runId),
      (p) => p.phase === 'waiting-for-decisions',
      120_000,
    );
  }, 180_000);
  afterAll(() => h?.stop());

  it('decide --employee finds the pending fields of the 1,550th employee', async () => {
    const reply = await h.cliJson<DecisionProgress>('sync', 'decide', runId, '--employee', target.employeeNumber, '--use', 'xledger', '--as', 'kari@hr-laptop');
    expect(reply.decidedNow).toBe(1);
    expect(reply.pendingCount).toBe(PEOPLE + CREATIONS - 1);
  });

  it('a per-field decision and the bulk answers count what they just decided', async () => {
    const field = await h.cliJson<DecisionProgress>(
      'sync',
      'decide',
      runId,
      '--employee',
      perField.employeeNumber,
      '--field',
      'phone',
      '--use',
      'xledger',
      '--as',
      'ola@payroll',
    );
    expect(field.decidedNow).toBe(1);
    const creations = await h.cli('sync', 'decide', runId, '--all-creations', 'create', '--as', 'kari@hr-laptop');
    expect(creations.code).toBe(0);
    expect(creations.stdout).toBe(`Recorded ${CREATIONS} decision(s) as kari@hr-laptop. ${PEOPLE - 2} still pending, ${CREATIONS + 2} decided in all.\n`);
    const fields = await h.cliJson<DecisionProgress>('sync', 'decide', runId, '--all', 'xledger', '--as', 'kari@hr-laptop');
    expect(fields).toMatchObject({ decidedNow: PEOPLE - 2, pendingCount: 0 });
    const result = await waitFor(
      () => h.cliJson<RunResult | RunProgress>('sync', 'status', runId),
      (r) => 'counts' in r,
      120_000,
    );
    expect(result).toMatchObject({ status: 'OK' });
    expect((result as RunResult).counts).toMatchObject({ created: CREATIONS, updatedInHr: PEOPLE });
  });

  it('history says who chose each value, when, and how', async () => {
    const byHistory = async (employee: string) => (await h.cliJson<HistoryEntry[]>('history', employee)).filter((r) => r.field === 'phone');
    const [bulk] = await byHistory(inBoth[5]!.employeeNumber);
    expect(bulk).toMatchObject({ event: 'updated', direction: 'to-hr', decided_by: 'kari@hr-laptop', decided_how: 'bulk' });
    expect(bulk!.detail).toBe("Xledger's value chosen (by kari@hr-laptop, bulk --all xledger)");
    expect(Date.parse(bulk!.decided_at!)).not.toBeNaN();

    const [employee] = await byHistory(target.employeeNumber);
    expect(employee).toMatchObject({
      decided_by: 'kari@hr-laptop',
      decided_how: 'employee',
      detail: "Xledger's value chosen (by kari@hr-laptop, per employee)",
    });
    const [field] = await byHistory(perField.employeeNumber);
    expect(field).toMatchObject({ decided_by: 'ola@payroll', decided_how: 'field', detail: "Xledger's value chosen (by ola@payroll, per field)" });
  });

  it('a decision without --as names the OS user and host running the CLI', () => {
    expect(actingIdentity(undefined)).toBe(`${os.userInfo().username}@${os.hostname()}`);
    expect(actingIdentity('  auditor ')).toBe('auditor');
  });
});
