import type { Command } from 'commander';
import { ensureDatabase, splitDatabaseUrl } from '../../../db/ensure-database';
import { createDb, migrateLatest } from '../../../db/knex';
import { ensureNamespace, REQUIRED_DYNAMIC_CONFIG, updatesEnabled } from '../../../temporal/prepare-namespace';
import type { CliContext } from '../../context';
import { output } from '../../io';
import { parseCount } from '../../options';

interface Step {
  name: string;
  ok: boolean;
  detail: string;
}

async function step(name: string, run: () => Promise<string>): Promise<Step> {
  try {
    return { name, ok: true, detail: await run() };
  } catch (err) {
    return { name, ok: false, detail: (err as Error).message.split('\n')[0]! };
  }
}

/**
 * `xsync admin prepare`: what an install on its own Temporal and Postgres needs before the first worker starts —
 * the namespace (created when missing) with the search attributes runs carry, a check that the server accepts
 * workflow updates (how decisions go in), and the database, created when missing and migrated. Safe to re-run.
 */
export function registerAdminCommands(program: Command, ctx: CliContext): void {
  const admin = program.command('admin').description('operators: prepare Temporal and the database');
  admin
    .command('prepare')
    .description('create the Temporal namespace if missing, register the search attributes, check updates are allowed, create and migrate the database')
    .option('--retention-days <n>', "workflow history retention of a namespace this creates (an existing namespace's is left alone)", '30')
    .action(async (opts) => {
      const retentionDays = parseCount(opts.retentionDays, '--retention-days', { min: 1, max: 3650 });
      const { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, DATABASE_URL } = ctx.config('TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'DATABASE_URL');
      const steps: Step[] = [];
      const namespace = await step('namespace', async () => {
        const r = await ensureNamespace(TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, retentionDays).catch((err: Error) => {
          throw new Error(`Temporal at TEMPORAL_ADDRESS=${TEMPORAL_ADDRESS}: ${err.message.split('\n')[0]}`);
        });
        const attributes = r.addedAttributes.length ? `search attributes added: ${r.addedAttributes.join(', ')}` : 'search attributes all present';
        return `${r.created ? `created "${TEMPORAL_NAMESPACE}" (retention ${retentionDays} days)` : `"${TEMPORAL_NAMESPACE}" exists`}; ${attributes}`;
      });
      steps.push(namespace);
      if (namespace.ok) {
        steps.push(
          await step('updates', async () => {
            const r = await updatesEnabled(TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE);
            if (!r.ok)
              throw new Error(`${r.reason} Decisions are workflow updates: the server's dynamic config must set ${REQUIRED_DYNAMIC_CONFIG.join(' and ')}`);
            return 'workflow updates are allowed (decisions go in as updates)';
          }),
        );
      }
      steps.push(
        await step('database', async () => {
          const created = await ensureDatabase(DATABASE_URL);
          const db = createDb(DATABASE_URL, { min: 0, max: 1 });
          try {
            const applied = await migrateLatest(db);
            const name = splitDatabaseUrl(DATABASE_URL).database;
            return `${created ? `created "${name}"` : `"${name}" exists`}; ${applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations up to date'}`;
          } finally {
            await db.destroy();
          }
        }),
      );
      const ok = steps.every((s) => s.ok);
      output(ctx.io, Boolean(program.opts().json), { ok, steps }, (r) =>
        [
          ...r.steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'}  ${s.name.padEnd(9)} ${s.detail}`),
          r.ok ? 'Prepared. Start the worker (npm run worker) and check with xsync doctor.' : 'Some steps failed.',
        ].join('\n'),
      );
      if (!ok) ctx.exitCode = 1;
    });
}
