import { Option, type Command } from 'commander';
import { CancelledFailure, WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { createRunsStore } from '../../db/runs/runs-store';
import { RUN_KIND_IDS, RUN_KINDS, type RunKind, type RunKindId } from '../../kinds/registry';
import { progressQuery } from '../../workflows/employees/messages';
import type { RunCounts, RunProgress, RunResult } from '../../workflows/employees/types';
import type { CliContext } from '../context';
import { output, UsageError } from '../io';
import { RunOptionsError, startRun } from '../start-run';
import { registerEmployeeDecisionCommands } from './employees/decisions';
import { describeAbsenceProgress, describeAbsenceResult, isAbsenceProgress, isAbsenceResult } from './absences/describe';
import { describeMasterDataResult } from './master-data/describe';
import type { MasterDataRunResult } from '../../workflows/master-data/types';
import { finishedRunError, runError } from './run-errors';

function describeProgress(p: RunProgress): string {
  if (isAbsenceProgress(p)) return describeAbsenceProgress(p);
  const plan = p.plan ? ` — ${p.plan.items} employees, ${p.plan.pendingCount} decision(s) needed` : '';
  const waiting = p.phase === 'waiting-for-decisions' ? `, ${p.decisions.pendingCount} still pending (decide by ${p.decideBy})` : '';
  return `${p.runId}: ${p.status ?? p.phase}${plan}${waiting}${p.read ? `\n  read: ${p.read.mode} — ${p.read.why}` : ''}`;
}

function describeResult(r: RunResult): string {
  if (r.status === 'REFUSED') return `${r.runId}: REFUSED — run ${r.refusedBy} of this connection was open${r.refusedPhase ? ` (${r.refusedPhase})` : ''}`;
  if (isAbsenceResult(r)) return describeAbsenceResult(r);
  if ('parts' in r) return describeMasterDataResult(r as unknown as MasterDataRunResult);
  const c = r.counts;
  // Another kind's counts (e.g. the invoice export's): name = value, in the order the run gave them.
  if (!('created' in c) || !('createdInHr' in c))
    return `${r.runId}: ${r.status}${r.emailed ? ' (result emailed)' : ''}\n  ${Object.entries(c as Record<string, number>)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`;
  return [
    `${r.runId}: ${r.status}${r.emailed ? ' (result emailed)' : ''}`,
    `  Xledger: ${c.created} created, ${c.updated} updated   HR: ${c.createdInHr} created, ${c.updatedInHr} updated`,
    `  ${c.unchanged} unchanged, ${c.skipped} skipped, ${c.invalid} invalid, ${c.locked} locked, ${c.failed} failed`,
    ...(r.read ? [`  read: ${r.read.mode} — ${r.read.why}`] : []),
  ].join('\n');
}

/**
 * The kind's own options among the given `sync start` flags (kinds/registry.ts `cliOptions`), by option key; a flag of
 * another kind is a usage error. `startRun` validates the values with the kind's schema.
 */
function kindOptions(kindId: RunKindId, opts: Record<string, unknown>): Record<string, unknown> | undefined {
  const picked: Record<string, unknown> = {};
  const own = new Map((RUN_KINDS[kindId] as RunKind).cliOptions?.map((o) => [new Option(o.flags).attributeName(), o]) ?? []);
  for (const kind of Object.values(RUN_KINDS) as RunKind[]) {
    for (const o of kind.cliOptions ?? []) {
      const attribute = new Option(o.flags).attributeName();
      const value = opts[attribute];
      if (value === undefined) continue;
      // A flag several kinds share (--full) belongs to the kind started when it declares it.
      const mine = own.get(attribute);
      if (mine) picked[mine.key] = value;
      else throw new UsageError(`${o.flags.split(' ')[0]} is an option of --kind ${kind.id}, not of ${kindId}`);
    }
  }
  return Object.keys(picked).length > 0 ? picked : undefined;
}

/** The `sync start` flags of every kind, once each: a flag several kinds declare gets their descriptions joined. */
function kindFlags(): Array<{ flags: string; description: string }> {
  const byFlags = new Map<string, string[]>();
  for (const kind of Object.values(RUN_KINDS) as RunKind[])
    for (const o of kind.cliOptions ?? []) byFlags.set(o.flags, [...(byFlags.get(o.flags) ?? []), o.description]);
  return [...byFlags].map(([flags, descriptions]) => ({ flags, description: descriptions.join('; ') }));
}

export function registerSyncCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);
  const sync = program.command('sync').description('sync runs: start, follow, decide, cancel');
  const handleOf = async (runId: string) => (await ctx.temporal()).client.workflow.getHandle(runId);

  /** A run's result if it finished, else its live progress. A cancelled run's result is the one it recorded. */
  async function runState(handle: WorkflowHandle): Promise<{ finished: true; result: RunResult } | { finished: false; progress: RunProgress }> {
    const description = await handle.describe();
    if (description.status.name === 'RUNNING') {
      try {
        return { finished: false, progress: await handle.query(progressQuery) };
      } catch (err) {
        throw new Error(`run ${handle.workflowId} is running, but no worker answered (is a worker polling its task queue?): ${(err as Error).message}`);
      }
    }
    try {
      return { finished: true, result: (await handle.result()) as RunResult };
    } catch (err) {
      if (!(err instanceof WorkflowFailedError)) throw err;
      if (err.cause instanceof CancelledFailure || description.status.name === 'TERMINATED') {
        const row = await createRunsStore(ctx.database()).getRun(handle.workflowId);
        const status = row?.finished_at ? (row.status as RunResult['status']) : 'TERMINATED';
        const counts = (row?.summary as { counts?: RunCounts } | undefined)?.counts;
        return { finished: true, result: { runId: handle.workflowId, status, counts: counts ?? ({} as RunCounts), emailed: status === 'CANCELLED' } };
      }
      // The run recorded and emailed its failure before failing; say why in one line.
      const cause = (err.cause as Error | undefined)?.cause ?? err.cause;
      throw new Error(`run ${handle.workflowId} failed: ${(cause as Error | undefined)?.message ?? err.message}`);
    }
  }

  sync
    .command('start')
    .description('start a run: one at a time per connection and kind')
    .requiredOption('--connection <name>', 'the connection to sync')
    .option('--kind <kind>', `what to sync: ${RUN_KIND_IDS.join(', ')}`, 'employees')
    .option('--dry-run', 'plan only: match, diff and classify, write nothing')
    .option('--wait', 'follow the run until it finishes or needs decisions')
    .option('--queue', 'if a run of the connection is open, wait for it to end, then start')
    .action(async (opts) => {
      if (!(RUN_KIND_IDS as string[]).includes(opts.kind)) throw new UsageError(`--kind: unknown kind "${opts.kind}"; use ${RUN_KIND_IDS.join(', ')}`);
      const options = kindOptions(opts.kind as RunKindId, opts);
      const connection = await ctx.connections().get(opts.connection);
      const { client, taskQueue } = await ctx.temporal();
      const { runId, handle } = await startRun(client, ctx.database(), taskQueue, opts.kind as RunKindId, {
        connection,
        trigger: 'manual',
        dryRun: Boolean(opts.dryRun),
        ...(options ? { options } : {}),
        queue: Boolean(opts.queue),
        onWait: (open) => ctx.io.stderr(`Waiting for run ${open.runId} (${open.phase ?? 'open'}) to end…\n`),
      }).catch((err) => {
        throw err instanceof RunOptionsError ? new UsageError(`--kind ${opts.kind}: ${err.message}`) : err;
      });
      if (!opts.wait) return output(ctx.io, json(), { runId, started: true }, (v) => `Started ${v.runId}`);
      let last = '';
      for (;;) {
        const state = await runState(handle);
        if (state.finished) return output(ctx.io, json(), state.result, describeResult);
        if (state.progress.phase === 'waiting-for-decisions') {
          return output(ctx.io, json(), state.progress, (p) => `${describeProgress(p)}\nSee them with: xsync sync decisions ${p.runId}`);
        }
        const line = describeProgress(state.progress);
        if (line !== last && !json()) ctx.io.stderr(`${line}\n`);
        last = line;
        await new Promise((r) => setTimeout(r, 500));
      }
    });

  // Each kind's own start options (kinds/registry.ts cliOptions): absences' --from/--to/--employee, master-data's --types, --full of employees and master-data.
  const start = sync.commands.find((c) => c.name() === 'start')!;
  for (const o of kindFlags()) start.option(o.flags, o.description);

  sync
    .command('status')
    .argument('<run>', 'run id (the workflow id)')
    .description("a run's phase and counts, or its result")
    .action(async (runId: string) => {
      const state = await runState(await handleOf(runId)).catch((err) => {
        throw runError(err);
      });
      if (state.finished) output(ctx.io, json(), state.result, describeResult);
      else output(ctx.io, json(), state.progress, describeProgress);
    });

  registerEmployeeDecisionCommands(sync, ctx, json);

  sync
    .command('cancel')
    .argument('<run>')
    .description('cancel a run: nothing more is written; it ends as CANCELLED and the result email says what was done')
    .action(async (runId: string) => {
      const handle = await handleOf(runId);
      const description = await handle.describe().catch((err) => {
        throw runError(err);
      });
      if (description.status.name !== 'RUNNING') throw await finishedRunError(ctx, handle, runId);
      // The same request as Temporal UI's Cancel: the run settles and reports in a scope the cancel cannot interrupt.
      await handle.cancel();
      output(ctx.io, json(), { cancelled: runId }, (v) => `Cancelling ${v.cancelled}.`);
    });
}
