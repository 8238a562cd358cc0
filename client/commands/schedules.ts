import type { Command } from 'commander';
import type { Connection } from '../../db/connections-store';
import { runKind } from '../../kinds/registry';
import type { CliContext } from '../context';
import { actingIdentity } from '../identity';
import { output, table, UsageError } from '../io';
import { INVOICE_DIGEST, INVOICE_DIGEST_LABEL } from './invoices/digest-schedule';
import { createSchedulesService, parseKind, parseScheduleRequest, parseUntil, type ScheduleView } from '../schedules-service';

function describeView(v: ScheduleView): string {
  const paused = v.paused ? `paused: ${v.pauseNote ?? 'no note'}${v.pausedUntil ? ` (resumes ${v.pausedUntil})` : ''}` : 'active';
  return [
    `${v.scheduleId}: ${v.kind === INVOICE_DIGEST ? INVOICE_DIGEST_LABEL : runKind(v.kind).label} of ${v.connection}, ${v.spec} — ${paused}`,
    `  next runs: ${v.paused ? '(none while paused)' : v.nextRuns.length ? v.nextRuns.join(', ') : '(none)'}`,
    `  last run:  ${v.lastRun ? `${v.lastRun.runId} ${v.lastRun.status} (${v.lastRun.startedAt})` : '(none yet)'}`,
    ...(v.drift.length ? [`  DRIFT:     ${v.drift.join('; ')} — run \`xsync schedules set\` again to repair`] : []),
  ].join('\n');
}

export function registerScheduleCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);
  const schedules = program.command('schedules').description('Temporal Schedules of each connection and kind: set, list, pause, resume, trigger, remove');
  const service = async () => {
    const { client, taskQueue } = await ctx.temporal();
    return createSchedulesService(client, ctx.database(), taskQueue);
  };
  /** An unknown connection is bad input here (exit 2), named like the other arguments. */
  const connectionOf = async (name: string): Promise<Connection> => {
    try {
      return await ctx.connections().get(name);
    } catch (err) {
      if ((err as Error).name === 'ConnectionNotFoundError') throw new UsageError(`connection: no connection named "${name}"`);
      throw err;
    }
  };

  schedules
    .command('set')
    .argument('<connection>')
    .requiredOption('--kind <kind>', 'which runs: employees')
    .option('--days <days>', 'days of the week: mon,wed,fri or mon-fri or daily (with --at)')
    .option('--at <HH:MM>', 'time of day in Oslo (with --days)')
    .option('--every <interval>', 'an interval instead: 30m, 6h, 1d')
    .option('--as <name>', 'who sets it, for the record (default: your OS user@host)')
    .description("create or change a connection's schedule for a kind (without --days/--at/--every: the kind's default)")
    .action(async (name: string, opts) => {
      const kind = parseKind(opts.kind);
      const request = parseScheduleRequest(kind, opts);
      const connection = await connectionOf(name);
      const v = await (await service()).set(connection, kind, request, actingIdentity(opts.as));
      output(ctx.io, json(), v, describeView);
    });

  schedules
    .command('list')
    .option('--connection <name>', 'only this connection')
    .description('every schedule: kind, spec, next 3 runs (Oslo), paused and why, last run, drift from Temporal')
    .action(async (opts) => {
      if (opts.connection) await connectionOf(opts.connection);
      const { schedules: views, orphans } = await (await service()).list(opts.connection);
      if (views.some((v) => v.drift.length) || orphans.length) ctx.exitCode = 1;
      output(ctx.io, json(), { schedules: views, orphans }, (r) =>
        [
          r.schedules.length
            ? table(
                r.schedules.map((v) => ({
                  connection: v.connection,
                  kind: v.kind,
                  spec: v.spec,
                  'next runs (Oslo)': v.paused ? '(paused)' : v.nextRuns.join(', '),
                  state: v.paused ? `paused: ${v.pauseNote ?? ''}${v.pausedUntil ? ` until ${v.pausedUntil}` : ''}` : 'active',
                  'last run': v.lastRun?.status ?? '',
                  drift: v.drift.join('; '),
                })),
                ['connection', 'kind', 'spec', 'next runs (Oslo)', 'state', 'last run', 'drift'],
              )
            : 'No schedules.',
          ...r.orphans.map((o) => `ORPHAN ${o.scheduleId}: ${o.problem}`),
        ].join('\n'),
      );
    });

  schedules
    .command('show')
    .argument('<connection>')
    .requiredOption('--kind <kind>', 'which schedule')
    .action(async (name: string, opts) => {
      const kind = parseKind(opts.kind);
      output(ctx.io, json(), await (await service()).show(await connectionOf(name), kind), describeView);
    });

  schedules
    .command('pause')
    .argument('<connection>')
    .option('--kind <kind>', 'only this kind (default: all of the connection)')
    .requiredOption('--note <text>', 'why, e.g. "payroll freeze"')
    .option('--until <date>', 'resume by itself then: YYYY-MM-DD (midnight, Oslo) or YYYY-MM-DDTHH:MM')
    .option('--as <name>', 'who pauses, for the record')
    .description('pause schedules (manual runs still work)')
    .action(async (name: string, opts) => {
      const kind = opts.kind === undefined ? undefined : parseKind(opts.kind);
      if (String(opts.note).trim() === '') throw new UsageError('--note: say why the schedule is paused');
      const until = opts.until === undefined ? undefined : parseUntil(opts.until);
      const views = await (await service()).pause(await connectionOf(name), kind, String(opts.note).trim(), until, actingIdentity(opts.as));
      output(ctx.io, json(), views, (vs) => vs.map(describeView).join('\n'));
    });

  schedules
    .command('resume')
    .argument('<connection>')
    .option('--kind <kind>', 'only this kind (default: all of the connection)')
    .option('--as <name>', 'who resumes, for the record')
    .action(async (name: string, opts) => {
      const kind = opts.kind === undefined ? undefined : parseKind(opts.kind);
      const views = await (await service()).resume(await connectionOf(name), kind, actingIdentity(opts.as));
      output(ctx.io, json(), views, (vs) => vs.map(describeView).join('\n'));
    });

  schedules
    .command('trigger')
    .argument('<connection>')
    .requiredOption('--kind <kind>', 'which schedule')
    .description('a scheduled run now (refused while a run of the connection is open)')
    .action(async (name: string, opts) => {
      const kind = parseKind(opts.kind);
      const r = await (await service()).trigger(await connectionOf(name), kind);
      output(ctx.io, json(), r, (v) =>
        v.runId ? `Triggered ${v.scheduleId}: run ${v.runId}` : `Triggered ${v.scheduleId}; the run has not shown yet (see xsync runs list)`,
      );
    });

  schedules
    .command('remove')
    .argument('<connection>')
    .option('--kind <kind>', 'only this kind (default: all of the connection)')
    .action(async (name: string, opts) => {
      const kind = opts.kind === undefined ? undefined : parseKind(opts.kind);
      const removed = await (await service()).remove(await connectionOf(name), kind);
      output(ctx.io, json(), { removed }, (v) => (v.removed.length ? `Removed ${v.removed.join(', ')}` : 'No schedules to remove.'));
    });
}
