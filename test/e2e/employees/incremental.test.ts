import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { RunProgress, RunResult } from '../../../workflows/employees/types';
import { maybeRecordHistory } from '../../support/record-history';
import { CONNECTION, OWNER, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';

const TODAY = '2026-11-23';

/**
 * Issue #15 part B on real parts: a run reads only what changed since the last successful run (Xledger's
 * `modifiedAt_gte` with the overlap, HR's outbox), and falls back to a full read when it must.
 */
describe('incremental employee runs', () => {
  let h: SyncHarness;
  const employees = generateEmployees(40, { seed: 21, today: TODAY });
  const [alice, bob, carol, dave] = employees;

  const hrUpdate = (employeeNumber: string, values: Record<string, string>) =>
    h.t
      .db('hr_employees')
      .where({ employee_number: employeeNumber })
      .update({ ...values, updated_at: h.t.db.fn.now() });
  const xledgerOf = async (employeeNumber: string) => {
    const [e] = await h.xledger.employees.all({ filter: { ownerDbId: OWNER, code: employeeNumber } });
    return e!;
  };
  const links = async () => Object.fromEntries((await h.t.db('employee_links').select('*')).map((l: { employee_number: string }) => [l.employee_number, l]));
  /** A run through the CLI, with the Xledger requests and bytes it cost and the nodes it wrote. */
  const measured = async (...flags: string[]) => {
    const before = h.fake.stats();
    const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait', ...flags);
    const after = h.fake.stats();
    return {
      result,
      requests: after.requests - before.requests,
      bytes: after.responseBytes - before.responseBytes,
      written: after.writtenNodes - before.writtenNodes,
    };
  };
  /** A run to its end: what it leaves undecided (dave's phone, left open on purpose below) is skipped. */
  const finished = async (...flags: string[]) => {
    const started = await measured(...flags);
    if ('phase' in started.result && started.result.phase === 'waiting-for-decisions') {
      await h.cli('sync', 'decide', started.result.runId, '--finish');
      started.result = await waitFor(
        () => h.cliJson<RunResult>('sync', 'status', started.result.runId),
        (r) => 'counts' in r && r.status !== undefined,
      );
    }
    return started;
  };
  let fullReadBytes = 0;
  /**
   * Makes HR's changes so far an hour old (Xledger's side is stamped an hour back by the fake's clock), as if the
   * runs were an hour apart: otherwise the 15-minute overlap reads the first runs' writes again.
   */
  const anHourLater = async () => {
    await h.t.db('hr_outbox').update({ changed_at: h.t.db.raw("changed_at - interval '1 hour'") });
  };

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto', createInHr: 'auto', fieldPolicies: { phone: 'ask' } });
    await h.seedHr(employees);
  });
  afterAll(() => h?.stop());

  it('the first run reads everyone: there is no bookmark yet', async () => {
    h.fake.setKnobs({ clockOffsetMs: -3_600_000 }); // what the first runs write in Xledger is an hour old
    const { result } = await measured();
    expect(result.status).toBe('OK');
    expect(result.counts.created + result.counts.locked).toBe(40); // the generator locks one person
    expect(result.read).toEqual({ mode: 'full', reason: 'no-bookmark', why: 'no earlier successful run to read changes from' });
    const { result: full, bytes } = await measured('--full');
    expect(full.read).toMatchObject({ mode: 'full', reason: 'asked' });
    expect(full.plan?.items).toBe(40);
    fullReadBytes = bytes;
    h.fake.setKnobs({ clockOffsetMs: 0 });
    await anHourLater();
    h.smtp.clear();
  });

  it('a run with nothing changed reads at most 2 Xledger requests, plans nobody and writes nothing', async () => {
    const { result, requests, written } = await measured();
    expect(result.status).toBe('OK');
    expect(result.read?.mode).toBe('incremental');
    expect(result.read?.why).toMatch(/^changes since \S+ \(Oslo time\); 1 person held back by earlier runs and unchanged since \(1 locked\) not listed again$/);
    // Nobody changed; the one locked person is counted, not planned again (a full run lists him).
    expect(result.read?.heldBackUnchanged).toEqual({ invalid: 0, locked: 1 });
    expect(result.plan?.items).toBe(0);
    expect(requests).toBeLessThanOrEqual(2);
    expect(written).toBe(0);
    expect(result.counts).toMatchObject({ created: 0, updated: 0, createdInHr: 0, updatedInHr: 0, failed: 0 });
    // The result email and Temporal UI say how the run read, and why.
    const [mail] = await h.smtp.waitForMessages(1);
    expect(mail!.text).toMatch(/Read:\s+incremental: changes since/);
    const described = await h.temporal.client.workflow.getHandle(result.runId).describe();
    expect(described.searchAttributes.XsyncReadMode).toEqual(['incremental']);
    h.smtp.clear();
    await maybeRecordHistory(h.temporal.client.workflow.getHandle(result.runId), 'employees-incremental-2026-12', h.temporal.secretKey);
  });

  it('reads only the changed people: one from HR, one from Xledger, one on both sides (a conflict); the others keep their links untouched', async () => {
    const linksBefore = await links();
    await hrUpdate(alice.employeeNumber, { last_name: 'Incrementsen' });
    await h.xledger.employees.update([{ node: { dbId: (await xledgerOf(bob.employeeNumber)).dbId, firstName: 'Changedinxledger' } }]);
    await hrUpdate(carol.employeeNumber, { phone: '+4791111111' });
    await h.xledger.employees.update([{ node: { dbId: (await xledgerOf(carol.employeeNumber)).dbId, phone: '+4792222222' } }]);

    const before = h.fake.stats();
    const { runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION);
    const waiting = await waitFor(
      () => h.cliJson<RunProgress>('sync', 'status', runId),
      (p) => p.phase === 'waiting-for-decisions',
    );
    expect(waiting.read?.mode).toBe('incremental');
    // Only the three changed people are planned.
    expect(waiting.plan?.items).toBe(3);
    expect(waiting.plan?.pendingCount).toBe(1);
    await h.cli('sync', 'decide', runId, '--employee', carol.employeeNumber, '--use', 'hr');
    const result = await waitFor(
      () => h.cliJson<RunResult>('sync', 'status', runId),
      (r) => 'counts' in r && r.status !== undefined,
    );
    expect(result.status).toBe('OK');
    const after = h.fake.stats();
    // One modifiedAt_gte read (the changed Xledger employees), one dbId_in read for alice's counterpart.
    expect((after.byRootField.employees ?? 0) - (before.byRootField.employees ?? 0)).toBe(2);
    expect(after.responseBytes - before.responseBytes).toBeLessThan(fullReadBytes * 0.2);

    expect((await xledgerOf(alice.employeeNumber)).contact?.lastName).toBe('Incrementsen');
    expect((await h.t.db('hr_employees').where({ employee_number: bob.employeeNumber }).first()).first_name).toBe('Changedinxledger');
    expect((await xledgerOf(carol.employeeNumber)).contact?.phone?.replace(/\D/g, '')).toMatch(/91111111$/);

    const linksAfter = await links();
    const touched = Object.keys(linksAfter).filter((n) => JSON.stringify(linksAfter[n]) !== JSON.stringify(linksBefore[n]));
    expect(touched.sort()).toEqual([alice, bob, carol].map((e) => e.employeeNumber).sort());
    h.smtp.clear();
  }, 120_000);

  it('a new hire in HR is created in Xledger and a person added in Xledger is created in HR, by an incremental run', async () => {
    const [newHire] = generateEmployees(1, { seed: 99, today: TODAY }).map((e) => ({ ...e, employeeNumber: 'E00900', workEmail: 'new.hire@fjordlys.no' }));
    await h.seedHr([newHire!]);
    const { result } = await measured();
    expect(result.read?.mode).toBe('incremental');
    expect(result.counts.created).toBe(1);
    expect((await xledgerOf('E00900')).code).toBe('E00900');
    h.smtp.clear();
  });

  it('a conflict left open by a run is asked again by the next incremental run, though nobody changed it since', async () => {
    await hrUpdate(dave.employeeNumber, { phone: '+4793333333' });
    await h.xledger.employees.update([{ node: { dbId: (await xledgerOf(dave.employeeNumber)).dbId, phone: '+4794444444' } }]);
    const { runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION);
    await waitFor(
      () => h.cliJson<RunProgress>('sync', 'status', runId),
      (p) => p.phase === 'waiting-for-decisions',
    );
    await h.cli('sync', 'decide', runId, '--finish');
    const skipped = await waitFor(
      () => h.cliJson<RunResult>('sync', 'status', runId),
      (r) => 'counts' in r && r.status !== undefined,
    );
    expect(skipped.status).toBe('OK');
    // Nothing changes dave again, and the next run reads from after his changes: only "left open" brings him back.
    await h.t
      .db('employee_run_reads')
      .where({ run_id: runId })
      .update({ read_started_at: h.t.db.raw("now() + interval '1 hour'") });

    const dry = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--dry-run', '--wait');
    expect(dry.read?.mode).toBe('incremental');
    expect(dry.plan?.pendingCount).toBe(1);
    // A dry run waits for decisions too (to show what they would do); leave it without deciding.
    await h.cli('sync', 'decide', dry.runId, '--finish');
    await waitFor(
      () => h.cliJson<RunResult>('sync', 'status', dry.runId),
      (r) => 'counts' in r && r.status !== undefined,
    );
    h.smtp.clear();
  }, 120_000);

  it('falls back to a full run when the bookmark is older than incremental reads cover, and on the weekly cadence', async () => {
    const fourDaysAgo = new Date(Date.now() - 4 * 86_400_000);
    await h.t.db('employee_run_reads').update({ read_started_at: fourDaysAgo });
    const stale = await finished();
    expect(stale.result.read).toMatchObject({ mode: 'full', reason: 'stale-bookmark' });
    expect(stale.result.read?.why).toMatch(/last successful run read 4 days ago, more than incremental reads cover/);
    expect(stale.result.plan?.items).toBeGreaterThanOrEqual(41);

    // The last full run is 8 days old, the last run of any kind is fresh: the cadence (default 7 days) asks for a full run.
    await h.t
      .db('employee_run_reads')
      .where({ mode: 'full' })
      .update({ read_started_at: new Date(Date.now() - 8 * 86_400_000) });
    await h.t
      .db('employee_run_reads')
      .where({ mode: 'incremental' })
      .update({ read_started_at: new Date(Date.now() - 3_600_000) });
    const cadence = await finished();
    expect(cadence.result.read).toMatchObject({ mode: 'full', reason: 'cadence' });
    expect(cadence.result.read?.why).toMatch(/periodic full run \(every 7 days/);
    const next = await finished();
    expect(next.result.read?.mode).toBe('incremental');
    h.smtp.clear();
  }, 120_000);

  it('--full is an option of the employee and master-data kinds only', async () => {
    const r = await h.cli('sync', 'start', '--connection', CONNECTION, '--kind', 'absences', '--full');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--full is an option of --kind (employees|master-data), not of absences/);
  });
});
