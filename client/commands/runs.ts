import type { Command } from 'commander';
import type { CliContext } from '../context';
import { output, table } from '../io';

export function registerRunsCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);

  program
    .command('runs')
    .description('recorded runs')
    .command('list')
    .option('--connection <name>', 'only this connection')
    .option('--limit <n>', 'at most this many', '20')
    .action(async (opts) => {
      const db = ctx.database();
      const q = db('sync_runs as r').join('connections as c', 'c.id', 'r.connection_id')
        .select('r.id', 'c.name as connection', 'r.kind', 'r.trigger', 'r.status', 'r.dry_run', 'r.started_at', 'r.finished_at', 'r.summary')
        .orderBy('r.started_at', 'desc').limit(Number(opts.limit));
      if (opts.connection) q.where('c.name', opts.connection);
      const rows = (await q).map((r: Record<string, unknown>) => {
        const counts = (r.summary as { counts?: Record<string, number> }).counts;
        return {
          run: r.id, connection: r.connection, kind: r.kind, trigger: r.trigger, status: r.dry_run ? `${r.status} (dry run)` : r.status,
          started: (r.started_at as Date).toISOString(), finished: r.finished_at ? (r.finished_at as Date).toISOString() : '',
          counts: counts ?? null,
        };
      });
      output(ctx.io, json(), rows, (v) => table(v, ['run', 'status', 'trigger', 'started', 'finished']));
    });

  program
    .command('history')
    .argument('<employee-number>')
    .option('--connection <name>', 'only this connection')
    .description("every recorded change of one employee across runs (national ids and bank accounts masked)")
    .action(async (employeeNumber: string, opts) => {
      const q = ctx.database()('employee_history as h').join('connections as c', 'c.id', 'h.connection_id')
        .where('h.employee_number', employeeNumber)
        .select('h.recorded_at', 'c.name as connection', 'h.run_id', 'h.event', 'h.field', 'h.old_value', 'h.new_value', 'h.direction', 'h.detail')
        .orderBy([{ column: 'h.recorded_at', order: 'asc' }, { column: 'h.id', order: 'asc' }]);
      if (opts.connection) q.where('c.name', opts.connection);
      const rows = (await q).map((r: Record<string, unknown>) => ({ ...r, recorded_at: (r.recorded_at as Date).toISOString() }) as Record<string, unknown>);
      output(ctx.io, json(), rows, (v) =>
        v.length === 0 ? `No history for employee ${employeeNumber}.` : table(v.map((r) => ({ ...r, change: r.field ? `${r.old_value ?? '(empty)'} → ${r.new_value ?? '(empty)'}` : '' })), ['recorded_at', 'event', 'field', 'change', 'direction', 'detail']),
      );
    });
}
