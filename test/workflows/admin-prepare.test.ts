import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { dropDatabase } from '../../db/ensure-database';
import { createDb, pendingMigrations } from '../../db/knex';
import { migrationSource } from '../../migrations/index';
import { findTemporalCli } from '../../scripts/lib/temporal-cli';
import { freePort, startDevServer } from '../../scripts/lib/temporal-dev-server';
import { allSearchAttributes } from '../../workflows/shared/search-attributes';
import { cliProcess } from '../support/cli-runner';
import { requireEnv } from '../support/test-env';

interface Prepared {
  ok: boolean;
  steps: Array<{ name: string; ok: boolean; detail: string }>;
}

/** `xsync admin prepare` (npm run setup) against the real dev server (a namespace it has never seen) and a database that does not exist yet. */
describe('xsync admin prepare: a fresh namespace and a fresh database', () => {
  const namespace = `prepare-${randomBytes(4).toString('hex')}`;
  const databaseUrl = (() => {
    const u = new URL(requireEnv('XSYNC_TEST_ADMIN_URL'));
    u.pathname = `/xsync_prepare_${randomBytes(4).toString('hex')}`;
    return u.toString();
  })();
  const env = { TEMPORAL_ADDRESS: requireEnv('TEMPORAL_ADDRESS'), TEMPORAL_NAMESPACE: namespace, DATABASE_URL: databaseUrl };
  afterAll(() => dropDatabase(databaseUrl));

  it('creates the namespace with every search attribute, checks updates, and creates and migrates the database', async () => {
    const r = cliProcess(['--json', 'admin', 'prepare', '--retention-days', '7'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Prepared;
    expect(report.steps.map((s) => [s.name, s.ok])).toEqual([
      ['namespace', true],
      ['updates', true],
      ['database', true],
    ]);
    expect(report.steps[0]!.detail).toBe(
      `created "${namespace}" (retention 7 days); search attributes added: ${allSearchAttributes.map((k) => k.name).join(', ')}`,
    );
    expect(report.steps[2]!.detail).toMatch(/^created "xsync_prepare_[0-9a-f]+"; migrations applied: 20261123_001_connections_and_runs, /);

    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    try {
      const described = await connection.workflowService.describeNamespace({ namespace });
      expect(Number(described.config?.workflowExecutionRetentionTtl?.seconds)).toBe(7 * 24 * 3600);
      const attributes = (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
      for (const key of allSearchAttributes) expect(Object.keys(attributes)).toContain(key.name);
    } finally {
      await connection.close();
    }
    const db = createDb(databaseUrl, { min: 0, max: 1 });
    try {
      expect(await pendingMigrations(db)).toEqual([]);
      expect((await migrationSource.getMigrations([])).length).toBeGreaterThan(5);
    } finally {
      await db.destroy();
    }
  });

  it('is safe to re-run: nothing to create, add or apply', () => {
    const r = cliProcess(['admin', 'prepare'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`ok    namespace "${namespace}" exists; search attributes all present`);
    expect(r.stdout).toContain('ok    updates   workflow updates are allowed');
    expect(r.stdout).toMatch(/ok {4}database {2}"xsync_prepare_[0-9a-f]+" exists; migrations up to date/);
  });

  it('reports a Temporal it cannot reach as a failed step, exit 1, and still prepares the database', async () => {
    const r = cliProcess(['--json', 'admin', 'prepare'], { ...env, TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Prepared;
    expect(report.ok).toBe(false);
    expect(report.steps[0]).toMatchObject({ name: 'namespace', ok: false });
    expect(report.steps[0]!.detail).toMatch(/^Temporal at TEMPORAL_ADDRESS=127\.0\.0\.1:\d+: /);
    expect(report.steps.at(-1)).toMatchObject({ name: 'database', ok: true });
  });

  it("says what the server's dynamic config must allow when workflow updates are off", async () => {
    const server = await startDevServer({ cli: await findTemporalCli(), port: await freePort(), namespace: 'default', enableUpdates: false });
    try {
      const r = cliProcess(['--json', 'admin', 'prepare'], { ...env, TEMPORAL_ADDRESS: server.address });
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as Prepared;
      expect(report.steps.map((s) => [s.name, s.ok])).toEqual([
        ['namespace', true],
        ['updates', false],
        ['database', true],
      ]);
      expect(report.steps[1]!.detail).toMatch(/disabled/i);
      expect(report.steps[1]!.detail).toContain(
        "the server's dynamic config must set frontend.enableUpdateWorkflowExecution=true and frontend.enableUpdateWorkflowExecutionAsyncAccepted=true",
      );
    } finally {
      await server.stop();
    }
  }, 120_000);
});
