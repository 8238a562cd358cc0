import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHrStore } from '../../../hr/hr-store';
import type { HrEmployee } from '../../../domain/index';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { PendingPage, RunProgress, RunResult } from '../../../workflows/employees/types';
import { pendingDecisionsKey } from '../../../workflows/shared/search-attributes';
import { CONNECTION, OWNER, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';
import { maybeRecordHistory } from '../../support/record-history';
import { addToXledger } from '../../support/xledger-seeding';

const TODAY = '2026-11-23';

describe('employee sync: conflicts and missing people wait for the admin', () => {
  let h: SyncHarness;
  let runId: string;
  const people = generateEmployees(8, { seed: 42, today: TODAY }).map((e) => ({ ...e, status: 'active' as const }));
  const [a, b, c, d, e, f, x1, x2] = people;
  const hrSide: HrEmployee[] = [a, b, c, d, e, { ...f, status: 'deactivated' }];
  const xledgerSide: HrEmployee[] = [
    { ...a, phone: '+4741111111' }, // conflict on phone
    { ...b, lastName: 'Xledger-Navn' }, // conflict on last name (and the full name that follows it)
    c, // identical
    { ...f, phone: '+4742222222' }, // differs, but deactivated in HR: locked
    x1, // only in Xledger
    x2, // only in Xledger
  ];
  let fModifiedAt: string | null | undefined;

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'ask', createInHr: 'ask' });
    await h.seedHr(hrSide);
    await addToXledger(h.xledger, xledgerSide, TODAY);
    fModifiedAt = (await h.xledger.employees.all({ filter: { code: f.employeeNumber, ownerDbId: OWNER } }))[0].modifiedAt;
  });
  afterAll(() => h?.stop());

  it('stops and waits, listing every pending decision with both values (personal numbers masked)', async () => {
    ({ runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION));
    const progress = await waitFor(
      () => h.cliJson<RunProgress>('sync', 'status', runId),
      (p) => p.phase === 'waiting-for-decisions',
    );
    expect(progress.plan?.byClassification).toMatchObject({ conflict: 2, unchanged: 1, locked: 1, 'only-in-hr': 2, 'only-in-xledger': 2 });

    const page = await h.cliJson<Omit<PendingPage, 'items'> & { items: Array<{ employee: string; field: string; hr: string; xledger: string }> }>(
      'sync',
      'decisions',
      runId,
    );
    const rows = page.items.map((i) => [i.employee, i.field, i.hr, i.xledger]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [a.employeeNumber, 'phone', a.phone, '+4741111111'],
        [b.employeeNumber, 'lastName', b.lastName, 'Xledger-Navn'],
        [d.employeeNumber, 'create in Xledger', '', ''],
        [e.employeeNumber, 'create in Xledger', '', ''],
        [x1.employeeNumber, 'create in HR', '', ''],
        [x2.employeeNumber, 'create in HR', '', ''],
      ]),
    );
    // What Temporal UI shows support staff: a summary and live details, no personal data.
    const handle = h.temporal.client.workflow.getHandle(runId);
    expect(await (await handle.describe()).staticSummary()).toBe(`Employee sync of "${CONNECTION}"`);
    const meta = (await handle.query('__temporal_workflow_metadata')) as { currentDetails?: string };
    expect(meta.currentDetails).toContain('Phase: waiting-for-decisions');
    expect(meta.currentDetails).toContain(`6 pending — xsync sync decisions ${runId}`);
    // Staff find runs waiting for an admin without decoding anything; the handlers say what they do.
    expect((await handle.describe()).typedSearchAttributes.get(pendingDecisionsKey)).toBe(6);
    const waiting = await waitFor(
      async () => {
        const ids: string[] = [];
        for await (const w of h.temporal.client.workflow.list({ query: 'XsyncPendingDecisions > 0' })) ids.push(w.workflowId);
        return ids;
      },
      (ids) => ids.includes(runId),
    );
    expect(waiting).toContain(runId);
    const definitions = (await handle.query('__temporal_workflow_metadata')) as {
      definition?: { queryDefinitions?: Array<{ name: string; description?: string }> };
    };
    expect(definitions.definition?.queryDefinitions?.find((q) => q.name === 'progress')?.description).toMatch(/no personal data/);
    const table = (await h.cli('sync', 'decisions', runId)).stdout;
    expect(table).toContain('Xledger-Navn');
    for (const p of people) expect(table).not.toContain(p.nationalId!);
  });

  it('rejects invalid decisions with a clear message, before they enter history', async () => {
    const unknown = await h.cli('sync', 'decide', runId, '--employee', 'NOPE', '--field', 'phone', '--use', 'hr');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error: decision rejected: No decision is pending for employee NOPE\n');
    const badField = await h.cli('sync', 'decide', runId, '--employee', a.employeeNumber, '--field', 'shoeSize', '--use', 'hr');
    expect(badField.stderr).toContain("Unknown field 'shoeSize'");
    const notPending = await h.cli('sync', 'decide', runId, '--employee', a.employeeNumber, '--field', 'email', '--use', 'hr');
    expect(notPending.stderr).toContain(`Employee ${a.employeeNumber} has no pending conflict on 'email' (pending: phone)`);
    const badChoice = await h.cli('sync', 'decide', runId, '--employee', a.employeeNumber, '--field', 'phone', '--use', 'both');
    expect(badChoice.stderr).toContain("Choice 'both' is not valid");

    const history = await h.temporal.client.workflow.getHandle(runId).fetchHistory();
    const updates = history.events!.filter((ev) => ev.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updates).toHaveLength(0);
  });

  it('takes decisions by update and by signal, and a selected list of people to create on either side', async () => {
    const byUpdate = await h.cliJson<{ pendingCount: number }>('sync', 'decide', runId, '--employee', a.employeeNumber, '--use', 'hr');
    expect(byUpdate.pendingCount).toBe(5);
    const bySignal = await h.cli('sync', 'decide', runId, '--employee', b.employeeNumber, '--field', 'lastName', '--use', 'xledger', '--signal');
    expect(bySignal.code).toBe(0);
    await waitFor(
      () => h.cliJson<RunProgress>('sync', 'status', runId),
      (p) => p.decisions.pendingCount === 4,
    );
    await h.cliJson('sync', 'decide', runId, '--employee', d.employeeNumber, x1.employeeNumber, '--create', 'create');
    await h.cliJson('sync', 'decide', runId, '--employee', e.employeeNumber, x2.employeeNumber, '--create', 'skip');

    const result = await waitFor(
      () => h.cliJson<RunResult | RunProgress>('sync', 'status', runId),
      (r) => 'counts' in r,
    );
    expect(result).toMatchObject({ status: 'OK', counts: { created: 1, updated: 1, createdInHr: 1, updatedInHr: 1, locked: 1, unchanged: 1, failed: 0 } });
    await maybeRecordHistory(h.temporal.client.workflow.getHandle(runId), 'employees-with-decisions-2026-12b', h.temporal.secretKey);
  });

  it('wrote exactly what was decided, and left the deactivated employee untouched', async () => {
    const xl = new Map((await h.xledger.employees.all({ filter: { ownerDbId: OWNER } })).map((x) => [x.code, x]));
    expect(xl.get(a.employeeNumber)?.contact?.phone).toBe(a.phone); // HR won
    expect(xl.get(d.employeeNumber)).toBeDefined(); // created
    expect(xl.get(e.employeeNumber)).toBeUndefined(); // not created
    expect(xl.get(f.employeeNumber)?.contact?.phone).toBe('+4742222222');
    expect(xl.get(f.employeeNumber)?.modifiedAt).toBe(fModifiedAt);

    const hr = createHrStore(h.t.db);
    expect((await hr.getEmployee(b.employeeNumber))?.lastName).toBe('Xledger-Navn'); // Xledger won, written to HR
    expect(await hr.getEmployee(x1.employeeNumber)).toMatchObject({ employeeNumber: x1.employeeNumber, firstName: x1.firstName, workEmail: x1.workEmail });
    expect(await hr.getEmployee(x2.employeeNumber)).toBeNull();
    expect((await hr.getEmployee(f.employeeNumber))?.phone).toBe(f.phone);

    const fHistory = await h.cliJson<Array<{ event: string }>>('history', f.employeeNumber);
    expect(fHistory.map((r) => r.event)).toEqual(['locked']);
    const bHistory = await h.cliJson<Array<{ event: string; field: string; direction: string; new_value: string }>>('history', b.employeeNumber);
    expect(bHistory).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: 'updated', field: 'lastName', direction: 'to-hr', new_value: 'Xledger-Navn' })]),
    );
  });

  it('a second run finds nothing left to do', async () => {
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    // e and x2 were skipped by the admin, so they are asked about again; everything else is in step.
    expect(result.plan?.byClassification).toMatchObject({ unchanged: 5, locked: 1, 'only-in-hr': 1, 'only-in-xledger': 1, conflict: 0 });
    expect(result.plan?.pendingCount).toBe(2);
    const secondRun = (result as unknown as { runId: string }).runId;

    // Decisions from a file go through the same validation.
    const file = path.join(os.tmpdir(), `decisions-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify({ decisions: [{ employeeNumber: 'NOPE', field: 'phone', choice: 'hr' }] }));
    const rejected = await h.cli('sync', 'decide', secondRun, '--file', file);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toBe('error: decision rejected: No decision is pending for employee NOPE\n');
    fs.rmSync(file);

    await h.cliJson('sync', 'cancel', secondRun);
    const cancelled = await waitFor(
      () => h.cliJson<RunResult | RunProgress>('sync', 'status', secondRun),
      (r) => 'counts' in r,
    );
    expect(cancelled).toMatchObject({ status: 'CANCELLED', counts: { created: 0, updated: 0, createdInHr: 0, updatedInHr: 0 } });
  });
});

describe('employee sync: the decision deadline', () => {
  const people = generateEmployees(2, { seed: 9, today: TODAY }).map((e) => ({ ...e, status: 'active' as const }));

  it.each([
    ['skip-undecided', 'OK'],
    ['cancel', 'CANCELLED'],
  ])('with timeoutPolicy %s, reminds the admin and then ends %s', async (timeoutPolicy, status) => {
    const h = await startSyncHarness({ decisionTimeout: '4 seconds', reminderAfter: '1 second', timeoutPolicy });
    try {
      await h.seedHr(people);
      await addToXledger(h.xledger, [{ ...people[0], phone: '+4743333333' }, people[1]], TODAY);
      const { runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION);
      const [reminder] = await h.smtp.waitForMessages(1, 15000);
      expect(reminder.subject).toBe(`[ACTION NEEDED] ${CONNECTION} – 1 decision waiting`);
      const result = await waitFor(
        () => h.cliJson<RunResult | RunProgress>('sync', 'status', runId),
        (r) => 'counts' in r,
        30000,
      );
      expect(result).toMatchObject({ status });
      const phone = (await h.xledger.employees.all({ filter: { code: people[0].employeeNumber, ownerDbId: OWNER } }))[0].contact?.phone;
      expect(phone).toBe('+4743333333'); // undecided: nothing written either way
      const [, resultMail] = await h.smtp.waitForMessages(2);
      expect(resultMail.subject).toMatch(new RegExp(`^\\[${status}\\]`));
    } finally {
      await h.stop();
    }
  });
});
