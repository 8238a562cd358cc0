import fs from 'node:fs';
import type { Command } from 'commander';
import { createImportFilesStore } from '../../../db/absences/import-files-store';
import { createRunsStore } from '../../../db/runs/runs-store';
import { absenceDecideUpdate, absencePendingQuery } from '../../../workflows/absences/messages';
import type { AbsenceDecisionRequest } from '../../../workflows/absences/types';
import type { CliContext } from '../../context';
import { actingIdentity } from '../../identity';
import { NotFoundError, output, table, UsageError } from '../../io';
import { parseCount } from '../../options';
import { runError } from '../run-errors';
import { formatOsloDateTime } from '../../../mail/oslo-time';

/** `xsync absences …`: what an absence run waits for, the admin's answers, and the import file a run produced. */
export function registerAbsenceCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);
  const absences = program.command('absences').description('absence runs: decisions on cancelled absences, the import file');
  const handleOf = async (runId: string) => (await ctx.temporal()).client.workflow.getHandle(runId);

  absences
    .command('decisions')
    .argument('<run>')
    .option('--offset <n>', 'skip this many', '0')
    .option('--limit <n>', 'show at most this many', '50')
    .description('the absences HR cancelled or deleted that the run asks about (policy ask): remove from Xledger or keep')
    .action(async (runId: string, opts) => {
      const offset = parseCount(opts.offset, '--offset');
      const limit = parseCount(opts.limit, '--limit', { min: 1, max: 1000 });
      const page = await (await handleOf(runId)).query(absencePendingQuery, { offset, limit }).catch((err) => {
        throw runError(err);
      });
      output(
        ctx.io,
        json(),
        page,
        (p) =>
          `${table(p.items as unknown as Array<Record<string, unknown>>, ['absenceId', 'employeeNumber', 'code', 'fromDate', 'toDate'])}\n${p.offset + p.items.length} of ${p.total} pending`,
      );
    });

  absences
    .command('decide')
    .argument('<run>')
    .description('remove or keep absences HR cancelled; validated by the run, recorded with who decided')
    .option('--remove <absenceIds...>', 'remove these from Xledger')
    .option('--keep <absenceIds...>', 'keep these in Xledger')
    .option('--all <choice>', 'every absence still pending: remove | keep')
    .option('--finish', 'apply now; what is still undecided is kept')
    .option('--as <name>', 'who decides, for the audit trail (default: your OS user@host)')
    .action(async (runId: string, opts: { remove?: string[]; keep?: string[]; all?: string; finish?: boolean; as?: string }) => {
      if (opts.all !== undefined && opts.all !== 'remove' && opts.all !== 'keep') throw new UsageError('--all must be remove or keep');
      const request: AbsenceDecisionRequest = {
        decisions: [
          ...(opts.remove ?? []).map((absenceId) => ({ absenceId, choice: 'remove' as const })),
          ...(opts.keep ?? []).map((absenceId) => ({ absenceId, choice: 'keep' as const })),
        ],
        ...(opts.all ? { all: opts.all as 'remove' | 'keep' } : {}),
        ...(opts.finish ? { finish: true } : {}),
        by: actingIdentity(opts.as),
      };
      const progress = await (await handleOf(runId)).executeUpdate(absenceDecideUpdate, { args: [request] }).catch((err) => {
        throw runError(err);
      });
      output(ctx.io, json(), progress, (p) => `Decided ${p.decidedNow ?? 0}; ${p.pendingCount} still pending.`);
    });

  absences
    .command('file')
    .argument('<run>')
    .option('--out <file>', 'save it here (default: print it)')
    .description('the import file an absence run produced where the Xledger API has no absence mutation (CSV)')
    .action(async (runId: string, opts: { out?: string }) => {
      if (!(await createRunsStore(ctx.database()).getRun(runId))) throw new NotFoundError(`No run "${runId}"`);
      const file = await createImportFilesStore(ctx.database()).get(runId);
      if (!file) throw new NotFoundError(`Run ${runId} produced no import file (it wrote through the API, or had nothing to write)`);
      if (file.content === null)
        throw new NotFoundError(
          `The import file of run ${runId} (${file.rows} rows) was purged on ${formatOsloDateTime(file.purgedAt.toISOString())}: import files are kept absences.importFileRetentionDays days (default 30). Run the absence sync again to produce a new one.`,
        );
      if (!opts.out) return ctx.io.stdout(file.content);
      fs.writeFileSync(opts.out, file.content, 'utf8');
      output(ctx.io, json(), { runId, file: opts.out, rows: file.rows }, (v) => `Saved ${v.rows} absence(s) to ${v.file}`);
    });
}
