import type { Command } from 'commander';
import { createRunsStore } from '../../db/runs/runs-store';
import { abandonedRunStatus, temporalRunState } from '../../temporal/run-state';
import type { CliContext } from '../context';
import { output, table } from '../io';
import { parseCount } from '../options';
import { registerEmployeeHistoryCommand } from './employees/history';

export function registerRunsCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);

  program
    .command('runs')
    .description('recorded runs')
    .command('list')
    .option('--connection <name>', 'only this connection')
    .option('--limit <n>', 'at most this many', '20')
    .description('recorded runs, newest first; a run Temporal ended without letting it finish shows as TERMINATED')
    .action(async (opts) => {
      const limit = parseCount(opts.limit, '--limit', { min: 1, max: 10_000 });
      const runs = createRunsStore(ctx.database());
      await reconcileOpenRuns(ctx, opts.connection);
      const rows = (await runs.listRuns({ connectionName: opts.connection, limit })).map((r) => {
        const counts = (r.summary as { counts?: Record<string, number> }).counts;
        return {
          run: r.id,
          connection: r.connection_name,
          kind: r.kind,
          trigger: r.trigger,
          status: r.dry_run ? `${r.status} (dry run)` : r.status,
          started: r.started_at.toISOString(),
          finished: r.finished_at ? r.finished_at.toISOString() : '',
          counts: counts ?? null,
          ...(r.refused_by ? { refusedBy: r.refused_by } : {}),
          ...(r.error ? { error: r.error } : {}),
        };
      });
      output(ctx.io, json(), rows, (v) => table(v, ['run', 'connection', 'kind', 'status', 'trigger', 'started', 'finished']));
    });

  registerEmployeeHistoryCommand(program, ctx, json);
}

/** Open runs whose workflow Temporal has closed without them recording an end (terminate) are closed as such. */
async function reconcileOpenRuns(ctx: CliContext, connectionName?: string): Promise<void> {
  const runs = createRunsStore(ctx.database());
  const open = await runs.openRuns(connectionName);
  if (open.length === 0) return;
  const { client } = await ctx.temporal();
  for (const run of open) {
    const state = await temporalRunState(client, run.id);
    if (!state.open)
      await runs.closeAbandoned(run.id, abandonedRunStatus(state.status), `Temporal closed the run as ${state.status} before it recorded its end`);
  }
}
