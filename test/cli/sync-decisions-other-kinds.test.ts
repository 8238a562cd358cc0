import { createRunsStore } from '../../db/runs/runs-store';
import { cliProcess } from '../support/cli-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { testSecretKey } from '../support/test-env';

describe('xsync sync decisions on a run of another kind (the CLI binary, real Postgres)', () => {
  let t: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await createTestDatabase();
    env = { DATABASE_URL: t.url, XSYNC_SECRET_KEY: testSecretKey('main') };
    const add = cliProcess(
      ['connections', 'add', 'acme', '--url', 'https://demo.xledger.net/graphql', '--owner-entity', '777', '--token-stdin'],
      env,
      'xl-TOKEN\n',
    );
    expect(add.code).toBe(0);
    const { id } = await t.db('connections').where({ name: 'acme' }).first();
    const runs = createRunsStore(t.db);
    await runs.claimRun({ id: 'absences-acme-1', connectionId: id, kind: 'absences', trigger: 'manual', dryRun: false });
    await runs.claimRun({ id: 'invoice-export-acme-1', connectionId: id, kind: 'invoice-export', trigger: 'manual', dryRun: false });
  });
  afterAll(() => t.drop());

  it('refuses an absence run and points to xsync absences decisions', () => {
    const r = cliProcess(['sync', 'decisions', 'absences-acme-1'], env);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: Run absences-acme-1 is an absence run: see its decisions with xsync absences decisions absences-acme-1\n');
    expect(r.code).toBe(2);
  });

  it('refuses a run of a kind without employee decisions', () => {
    const r = cliProcess(['sync', 'decisions', 'invoice-export-acme-1'], env);
    expect(r.stderr).toBe('error: Run invoice-export-acme-1 is a run of kind invoice-export: it has no employee decisions\n');
    expect(r.code).toBe(2);
  });
});
