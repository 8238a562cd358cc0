import fs from 'node:fs';
import type { Command } from 'commander';
import { WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { displayFieldValue, type Decision, type EmployeePlan } from '../../domain';
import type { EmployeeFieldKey } from '../../domain/employees/mapping/field-mapping-types';
import { cancelSignal, decideSignal, decideUpdate, pendingDecisionsQuery, progressQuery } from '../../workflows/employees/messages';
import type { DecisionRequest, EmployeeSyncInput, RunProgress, RunResult } from '../../workflows/employees/types';
import { connectionKey, runKindKey, statusKey, triggerKey } from '../../workflows/shared/search-attributes';
import type { CliContext } from '../context';
import { output, table, UsageError } from '../io';
import { newRunId } from '../run-id';

function describeProgress(p: RunProgress): string {
  const plan = p.plan ? ` — ${p.plan.items} employees, ${p.plan.pendingCount} decision(s) needed` : '';
  const waiting = p.phase === 'waiting-for-decisions' ? `, ${p.decisions.pendingCount} still pending (decide by ${p.decideBy})` : '';
  return `${p.runId}: ${p.status ?? p.phase}${plan}${waiting}`;
}

function describeResult(r: RunResult): string {
  const c = r.counts;
  return [
    `${r.runId}: ${r.status}${r.emailed ? ' (result emailed)' : ''}`,
    `  Xledger: ${c.created} created, ${c.updated} updated   HR: ${c.createdInHr} created, ${c.updatedInHr} updated`,
    `  ${c.unchanged} unchanged, ${c.skipped} skipped, ${c.invalid} invalid, ${c.locked} locked, ${c.failed} failed`,
  ].join('\n');
}

/** A run's result if it finished, else its live progress. */
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
    // The run recorded and emailed its failure before failing; say why in one line.
    const cause = (err.cause as Error | undefined)?.cause ?? err.cause;
    throw new Error(`run ${handle.workflowId} failed: ${(cause as Error | undefined)?.message ?? err.message}`);
  }
}

function decisionError(err: unknown): Error {
  if (err instanceof WorkflowUpdateFailedError) return new UsageError(`decision rejected: ${(err.cause as Error | undefined)?.message ?? err.message}`);
  if (err instanceof WorkflowNotFoundError) return new UsageError(`no such run: ${err.workflowId}`);
  return err as Error;
}

export function registerSyncCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);
  const sync = program.command('sync').description('employee sync runs: start, follow, decide, cancel');
  const handleOf = async (runId: string) => (await ctx.temporal()).client.workflow.getHandle(runId);

  sync
    .command('start')
    .description('start an employee sync run')
    .requiredOption('--connection <name>', 'the connection to sync')
    .option('--dry-run', 'plan only: match, diff and classify, write nothing')
    .option('--wait', 'follow the run until it finishes or needs decisions')
    .action(async (opts) => {
      const connection = await ctx.connections().get(opts.connection);
      const { client, taskQueue } = await ctx.temporal();
      const runId = newRunId('employee-sync', connection.name);
      const input: EmployeeSyncInput = { runId, connectionName: connection.name, trigger: 'manual', dryRun: Boolean(opts.dryRun) };
      const handle = await client.workflow.start('employeeSync', {
        taskQueue,
        workflowId: runId,
        args: [input],
        typedSearchAttributes: [
          { key: connectionKey, value: connection.name },
          { key: runKindKey, value: 'employee-sync' },
          { key: triggerKey, value: 'manual' },
          { key: statusKey, value: 'starting' },
        ],
        staticSummary: `Employee sync of "${connection.name}"${opts.dryRun ? ' (dry run)' : ''}`,
        staticDetails: `Connection ${connection.name}, Xledger owner entity ${connection.ownerEntityId}, started from the CLI.`,
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

  sync
    .command('status')
    .argument('<run>', 'run id (the workflow id)')
    .description("a run's phase and counts, or its result")
    .action(async (runId: string) => {
      const state = await runState(await handleOf(runId)).catch((err) => {
        throw decisionError(err);
      });
      if (state.finished) output(ctx.io, json(), state.result, describeResult);
      else output(ctx.io, json(), state.progress, describeProgress);
    });

  sync
    .command('decisions')
    .argument('<run>')
    .option('--offset <n>', 'skip this many', '0')
    .option('--limit <n>', 'show at most this many', '50')
    .description('what the run waits for: employee, field, HR value, Xledger value (national ids and bank accounts masked)')
    .action(async (runId: string, opts) => {
      const handle = await handleOf(runId);
      const page = await handle.query(pendingDecisionsQuery, { offset: Number(opts.offset), limit: Number(opts.limit) }).catch((err) => {
        throw decisionError(err);
      });
      const plans = await ctx
        .database()('sync_run_items')
        .where({ run_id: runId })
        .whereIn('employee_number', [...new Set(page.items.map((i) => i.employeeNumber))])
        .select('employee_number', 'plan');
      const planOf = new Map(plans.map((r: { employee_number: string; plan: EmployeePlan }) => [r.employee_number, r.plan]));
      const rows = page.items.map((item) => {
        const plan = planOf.get(item.employeeNumber);
        const values = plan?.values;
        const name = [values?.hr?.firstName ?? values?.xledger?.firstName, values?.hr?.lastName ?? values?.xledger?.lastName].filter(Boolean).join(' ');
        if (item.kind === 'create') {
          return { employee: item.employeeNumber, name, field: `create in ${item.target === 'hr' ? 'HR' : 'Xledger'}`, hr: '', xledger: '' };
        }
        const conflict = plan?.conflicts.find((c) => c.field === item.field);
        const shown = (v: string | null | undefined) => displayFieldValue(item.field as EmployeeFieldKey, v ?? null);
        return { employee: item.employeeNumber, name, field: item.field!, hr: shown(conflict?.hrValue), xledger: shown(conflict?.xledgerValue) };
      });
      output(ctx.io, json(), { ...page, items: rows }, (p) => `${table(p.items, ['employee', 'name', 'field', 'hr', 'xledger'])}\n${p.offset + p.items.length} of ${p.total} pending`);
    });

  sync
    .command('decide')
    .argument('<run>')
    .description('decide conflicts and creations; decisions are validated by the run before they count')
    .option('--employee <number...>', 'employee number(s) the decision is for')
    .option('--field <field...>', 'field(s); default: every pending field of the employees')
    .option('--use <side>', 'for field conflicts: hr | xledger | skip')
    .option('--create <choice>', 'for people missing on one side: create | skip')
    .option('--all <side>', 'every pending field conflict: hr | xledger | skip')
    .option('--all-creations <choice>', 'every pending creation: create | skip')
    .option('--finish', 'apply now; whatever is still undecided is skipped')
    .option('--file <json>', 'a JSON DecisionRequest: {"decisions":[{"employeeNumber","field","choice"}], "all":{...}, "finish":true}')
    .option('--signal', 'send as a signal (fire-and-forget, not validated for you) instead of an update')
    .action(async (runId: string, opts) => {
      const handle = await handleOf(runId);
      const request = await buildRequest(handle, opts);
      if (opts.signal) {
        await handle.signal(decideSignal, request).catch((err) => {
          throw decisionError(err);
        });
        return output(ctx.io, json(), { signalled: true }, () => 'Decision sent as a signal.');
      }
      const progress = await handle.executeUpdate(decideUpdate, { args: [request] }).catch((err) => {
        throw decisionError(err);
      });
      output(ctx.io, json(), progress, (p) => `Recorded. ${p.pendingCount} decision(s) still pending, ${p.decidedCount} decided.`);
    });

  sync
    .command('cancel')
    .argument('<run>')
    .description('cancel a run: nothing more is written; the result email says what was done')
    .action(async (runId: string) => {
      await (await handleOf(runId)).signal(cancelSignal, { reason: 'cancelled from the CLI' }).catch((err) => {
        throw decisionError(err);
      });
      output(ctx.io, json(), { cancelled: runId }, (v) => `Cancelling ${v.cancelled}.`);
    });
}

async function buildRequest(handle: WorkflowHandle, opts: Record<string, unknown>): Promise<DecisionRequest> {
  if (opts.file) {
    try {
      return JSON.parse(fs.readFileSync(String(opts.file), 'utf8')) as DecisionRequest;
    } catch (err) {
      throw new UsageError(`cannot read decisions from ${opts.file}: ${(err as Error).message}`);
    }
  }
  const request: DecisionRequest = {};
  const employees = (opts.employee as string[] | undefined) ?? [];
  const decisions: Decision[] = [];
  if (opts.use) {
    if (employees.length === 0) throw new UsageError('--use needs --employee (or use --all)');
    const fields = opts.field as string[] | undefined;
    if (fields) for (const e of employees) for (const f of fields) decisions.push({ employeeNumber: e, field: f as EmployeeFieldKey, choice: opts.use as 'hr' });
    else {
      const page = await handle.query(pendingDecisionsQuery, { offset: 0, limit: 1000 });
      for (const item of page.items) {
        if (item.kind === 'field' && employees.includes(item.employeeNumber)) decisions.push({ employeeNumber: item.employeeNumber, field: item.field!, choice: opts.use as 'hr' });
      }
      if (decisions.length === 0) throw new UsageError(`no pending field conflicts for employee(s) ${employees.join(', ')}`);
    }
  }
  if (opts.create) {
    if (employees.length === 0) throw new UsageError('--create needs --employee (or use --all-creations)');
    for (const e of employees) decisions.push({ kind: 'create', employeeNumber: e, choice: opts.create as 'create' });
  }
  if (decisions.length) request.decisions = decisions;
  if (opts.all || opts.allCreations) request.all = { ...(opts.all ? { fields: opts.all as 'hr' } : {}), ...(opts.allCreations ? { creations: opts.allCreations as 'create' } : {}) };
  if (opts.finish) request.finish = true;
  if (!request.decisions && !request.all && !request.finish) throw new UsageError('nothing to decide: give --use, --create, --all, --all-creations, --finish or --file');
  return request;
}
