import fs from 'node:fs';
import { actingIdentity } from '../../identity';
import type { Command } from 'commander';
import { displayFieldValue, type Decision, type EmployeePlan } from '../../../domain/index';
import type { EmployeeFieldKey } from '../../../domain/employees/mapping/field-mapping-types';
import { createItemsStore } from '../../../db/runs/items-store';
import { createRunsStore } from '../../../db/runs/runs-store';
import { decideSignal, decideUpdate, pendingDecisionsQuery } from '../../../workflows/employees/messages';
import type { DecisionRequest } from '../../../workflows/employees/types';
import type { CliContext } from '../../context';
import { output, table, UsageError } from '../../io';
import { actionOnRunError, runError } from '../run-errors';
import { parseCount } from '../../options';

/** Another kind's run answers its own decisions command; employee-shaped rows of it would mislead. */
async function refuseOtherKinds(ctx: CliContext, runId: string): Promise<void> {
  const run = await createRunsStore(ctx.database()).getRun(runId);
  if (!run || run.kind === 'employees') return;
  if (run.kind === 'absences') throw new UsageError(`Run ${runId} is an absence run: see its decisions with xsync absences decisions ${runId}`);
  throw new UsageError(`Run ${runId} is a run of kind ${run.kind}: it has no employee decisions`);
}

/** `sync decisions` and `sync decide`: what an employee run waits for, and the admin's answers. */
export function registerEmployeeDecisionCommands(sync: Command, ctx: CliContext, json: () => boolean): void {
  const handleOf = async (runId: string) => (await ctx.temporal()).client.workflow.getHandle(runId);

  sync
    .command('decisions')
    .argument('<run>')
    .option('--offset <n>', 'skip this many', '0')
    .option('--limit <n>', 'show at most this many', '50')
    .description('what the run waits for: employee, field, HR value, Xledger value (national ids and bank accounts masked)')
    .action(async (runId: string, opts) => {
      const offset = parseCount(opts.offset, '--offset');
      const limit = parseCount(opts.limit, '--limit', { min: 1, max: 1000 });
      await refuseOtherKinds(ctx, runId);
      const handle = await handleOf(runId);
      const page = await handle.query(pendingDecisionsQuery, { offset, limit }).catch((err) => {
        throw runError(err);
      });
      const planOf = await createItemsStore(ctx.database()).plansByKey<EmployeePlan>(runId, [...new Set(page.items.map((i) => i.employeeNumber))]);
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
      output(
        ctx.io,
        json(),
        { ...page, items: rows },
        (p) => `${table(p.items, ['employee', 'name', 'field', 'hr', 'xledger'])}\n${p.offset + p.items.length} of ${p.total} pending`,
      );
    });

  sync
    .command('decide')
    .argument('<run>')
    .description('decide conflicts and creations; decisions are validated by the run before they count, and recorded with who decided')
    .option('--employee <number...>', 'employee number(s) the decision is for')
    .option('--field <field...>', 'field(s); default: every pending field of the employees')
    .option('--use <side>', 'for field conflicts: hr | xledger | skip')
    .option('--create <choice>', 'for people missing on one side: create | skip')
    .option('--all <side>', 'every pending field conflict: hr | xledger | skip')
    .option('--all-creations <choice>', 'every pending creation: create | skip')
    .option('--finish', 'apply now; whatever is still undecided is skipped')
    .option('--file <json>', 'a JSON DecisionRequest: {"decisions":[{"employeeNumber","field","choice"}], "all":{...}, "finish":true}')
    .option('--as <name>', 'who decides, for the audit trail (default: your OS user@host)')
    .option('--signal', 'send as a signal (fire-and-forget, not validated for you) instead of an update')
    .action(async (runId: string, opts) => {
      const handle = await handleOf(runId);
      const request: DecisionRequest = { ...buildRequest(opts), by: actingIdentity(opts.as) };
      if (opts.signal) {
        await handle.signal(decideSignal, request).catch(async (err) => {
          throw await actionOnRunError(ctx, handle, runId, err);
        });
        return output(ctx.io, json(), { signalled: true }, () => 'Decision sent as a signal.');
      }
      const progress = await handle.executeUpdate(decideUpdate, { args: [request] }).catch(async (err) => {
        throw await actionOnRunError(ctx, handle, runId, err);
      });
      output(
        ctx.io,
        json(),
        progress,
        (p) => `Recorded ${p.decidedNow ?? 0} decision(s) as ${request.by}. ${p.pendingCount} still pending, ${p.decidedCount} decided in all.`,
      );
    });
}

function buildRequest(opts: Record<string, unknown>): DecisionRequest {
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
    // Without --field the run itself finds each employee's pending fields, however many people are pending.
    if (fields)
      for (const e of employees) for (const f of fields) decisions.push({ employeeNumber: e, field: f as EmployeeFieldKey, choice: opts.use as 'hr' });
    else request.employees = employees.map((employeeNumber) => ({ employeeNumber, choice: opts.use as 'hr' }));
  }
  if (opts.create) {
    if (employees.length === 0) throw new UsageError('--create needs --employee (or use --all-creations)');
    for (const e of employees) decisions.push({ kind: 'create', employeeNumber: e, choice: opts.create as 'create' });
  }
  if (decisions.length) request.decisions = decisions;
  if (opts.all || opts.allCreations)
    request.all = { ...(opts.all ? { fields: opts.all as 'hr' } : {}), ...(opts.allCreations ? { creations: opts.allCreations as 'create' } : {}) };
  if (opts.finish) request.finish = true;
  if (!request.decisions && !request.employees && !request.all && !request.finish)
    throw new UsageError('nothing to decide: give --use, --create, --all, --all-creations, --finish or --file');
  return request;
}
