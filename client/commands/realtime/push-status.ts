import type { Command } from 'commander';
import { createOutboxStore } from '../../../db/realtime/outbox-store';
import type { CliContext } from '../../context';
import { output, table } from '../../io';
import { parseCount } from '../../options';

/** `xsync push status CONNECTION`: where a connection's real-time push stands, and what it held back for the next run. */
export function registerPushCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);
  program
    .command('push')
    .description('real-time push (employees.realtime)')
    .command('status')
    .argument('<connection>', 'connection name')
    .option('--limit <n>', 'held-back changes to list, newest first', '20')
    .description('changes waiting, done and held back; the held ones with their reason (the next run decides them)')
    .action(async (connectionName: string, opts: { limit: string }) => {
      const limit = parseCount(opts.limit, '--limit', { min: 1, max: 10_000 });
      const connection = await ctx.connections().get(connectionName);
      const outbox = createOutboxStore(ctx.database());
      const backlog = await outbox.backlog(connection.id);
      const held = await outbox.held(connection.id, limit);
      const result = {
        connection: connection.name,
        enabled: connection.settings.employees.realtime.enabled,
        createInXledger: connection.settings.employees.realtime.createInXledger,
        waiting: backlog.pending,
        oldestWaitingSince: backlog.oldestPendingAt?.toISOString() ?? null,
        done: backlog.done,
        heldBack: backlog.held,
        held: held.map((h) => ({ change: h.outboxId, employee: h.employeeNumber, run: h.runId ?? '', reason: h.reason ?? '' })),
      };
      output(ctx.io, json(), result, (r) =>
        [
          `Real-time push of "${r.connection}": ${r.enabled ? 'on' : 'off'}${r.enabled ? (r.createInXledger ? ', creates people added in HR' : ', people added in HR wait for a run') : ''}`,
          `Waiting: ${r.waiting}${r.oldestWaitingSince ? ` (oldest since ${r.oldestWaitingSince})` : ''}; done: ${r.done}; held back for the next run: ${r.heldBack}`,
          ...(r.held.length > 0 ? ['', table(r.held, ['change', 'employee', 'run', 'reason'])] : []),
        ].join('\n'),
      );
    });
}
