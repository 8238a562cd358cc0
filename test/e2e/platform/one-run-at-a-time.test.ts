import { createRunsStore } from '../../../db/runs/runs-store';
import { generateEmployees } from '../../../scripts/lib/generate-employees';
import type { RunResult } from '../../../workflows/employees/types';
import { maybeRecordHistory } from '../../support/record-history';
import { CONNECTION, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';

const TODAY = '2026-11-23';

/** Two starts of one connection never run at the same time: the second is refused with the open run named, or queued. */
describe('one run at a time per connection and kind', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness({ createInXledger: 'auto', createInHr: 'auto' });
    await h.seedHr(generateEmployees(30, { seed: 9, today: TODAY }).map((e) => ({ ...e, status: 'active' as const })));
    h.fake.setKnobs({ latencyMs: 400 }); // every Xledger request takes a while: the first run is surely still open
  });
  afterAll(() => h?.stop());

  it('refuses the second of two parallel starts, naming the open run and its phase (exit 1)', async () => {
    const [first, second] = await Promise.all([
      h.cli('--json', 'sync', 'start', '--connection', CONNECTION, '--wait'),
      h.cli('--json', 'sync', 'start', '--connection', CONNECTION, '--wait'),
    ]);
    const [winner, loser] = first.code === 0 ? [first, second] : [second, first];
    expect(winner.code).toBe(0);
    const result = JSON.parse(winner.stdout) as RunResult;
    expect(result.status).toBe('OK');
    expect(result.counts.created).toBe(30);
    expect(loser.code).toBe(1);
    // With --json the refusal is one JSON line on stderr: {"error", "code": "REFUSED"}.
    const refusal = JSON.parse(loser.stderr) as { error: string; code: string };
    expect(refusal.code).toBe('REFUSED');
    expect(refusal.error).toMatch(
      new RegExp(`^run ${result.runId.replace(/\./g, '\\.')} of connection "acme" is still open \\((starting|snapshotting|planning|applying|reporting)\\)`),
    );
    // Xledger holds each person once: nobody was created twice.
    const codes = (await h.xledger.employees.all({})).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    const refused = (await h.t.db('sync_runs').where({ status: 'REFUSED', refused_by: result.runId }).first('id')) as { id: string } | undefined;
    if (refused) await maybeRecordHistory(h.temporal.client.workflow.getHandle(refused.id), 'employees-refused-2026-12', h.temporal.secretKey);
  });

  it('the lock is the run row itself: a second claim for the same connection and kind is refused atomically', async () => {
    const runs = createRunsStore(h.t.db);
    const connectionId = (await h.deps.connections.get(CONNECTION)).id;
    const claims = await Promise.all(
      ['lock-a', 'lock-b', 'lock-c'].map((id) => runs.claimRun({ id, connectionId, kind: 'lock-test', trigger: 'manual', dryRun: false })),
    );
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    const holder = ['lock-a', 'lock-b', 'lock-c'][claims.findIndex((c) => c.claimed)];
    for (const c of claims.filter((x) => !x.claimed)) expect(c).toEqual({ claimed: false, openRunId: holder });
    await runs.finishRun(holder!, 'OK', {});
    expect((await runs.claimRun({ id: 'lock-d', connectionId, kind: 'lock-test', trigger: 'manual', dryRun: false })).claimed).toBe(true);
    await runs.finishRun('lock-d', 'OK', {});
  });

  it('--queue waits for the open run to end, then runs', async () => {
    const first = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION);
    await waitFor(
      () => h.cliJson<{ phase?: string }>('sync', 'status', first.runId),
      (p) => p.phase !== undefined && p.phase !== 'starting',
    );
    const queued = await h.cli('--json', 'sync', 'start', '--connection', CONNECTION, '--queue', '--wait');
    expect(queued.code).toBe(0);
    expect(queued.stderr).toContain(`Waiting for run ${first.runId}`);
    const second = JSON.parse(queued.stdout) as RunResult;
    expect(second.status).toBe('OK');
    const rows = await h.t.db('sync_runs').whereIn('id', [first.runId, second.runId]).select('id', 'started_at', 'finished_at');
    const [a, b] = [rows.find((r) => r.id === first.runId), rows.find((r) => r.id === second.runId)];
    expect(a.finished_at.getTime()).toBeLessThanOrEqual(b.started_at.getTime());
  });

  it('a run Temporal terminated shows as TERMINATED in runs list and does not block the next run', async () => {
    h.fake.setKnobs({ latencyMs: 2_000 });
    const { runId } = await h.cliJson<{ runId: string }>('sync', 'start', '--connection', CONNECTION);
    await waitFor(
      () => h.cliJson<{ phase?: string }>('sync', 'status', runId),
      (p) => p.phase === 'snapshotting',
    );
    await h.temporal.client.workflow.getHandle(runId).terminate('test: terminated');
    const listed = await h.cliJson<Array<{ run: string; status: string }>>('runs', 'list', '--connection', CONNECTION);
    expect(listed.find((r) => r.run === runId)?.status).toBe('TERMINATED');
    h.fake.setKnobs({ latencyMs: 0 });
    const next = await h.cli('--json', 'sync', 'start', '--connection', CONNECTION, '--wait');
    expect(next.code).toBe(0);
    expect((JSON.parse(next.stdout) as RunResult).status).toBe('OK');
  });
});
