import { renderDecisionReminderEmail, renderRunResultEmail } from '../../mail/index';
import { createItemsStore } from '../../db/runs/items-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { ABSENCE_COUNT_LABELS, skippedAbsenceTotal, type AbsenceRunCounts } from '../../domain/absences/run-outcome';
import type { RunTrigger } from '../../domain/shared/run-types';
import type { AbsenceRunResult } from '../../workflows/absences/types';
import type { ActivityDeps } from '../deps';
import type { AbsenceItemRow } from './item-types';

const MAX_LISTED = 50;

export function createAbsenceNotifyActivities(deps: ActivityDeps) {
  const runs = createRunsStore(deps.db);
  const items = createItemsStore<AbsenceItemRow>(deps.db);
  const runLink = (runId: string) => `${deps.uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(deps.namespace)}/workflows/${encodeURIComponent(runId)}`;

  async function connectionOfRun(runId: string) {
    const run = await runs.getRunWithConnection(runId);
    if (!run) throw new Error(`run ${runId} was never started`);
    return { run, connection: await deps.connections.get(run.connection_name) };
  }

  const listed = (i: AbsenceItemRow, fallback: string) => ({
    employeeNumber: i.plan.employeeNumber,
    ...(i.plan.employeeName ? { name: i.plan.employeeName } : {}),
    field: `absence ${i.plan.absenceId}`,
    reason: i.outcome_detail ?? fallback,
  });

  return {
    /** Emails the absence run's result (counts with the kind's labels, failures and refusals, the import file if any). */
    async sendAbsenceResultEmail({ runId }: { runId: string }): Promise<{ sent: boolean; recipients: number }> {
      const { run, connection } = await connectionOfRun(runId);
      const [failures, skipped] = await Promise.all([items.failures(runId, MAX_LISTED), items.skippedItems(runId, MAX_LISTED)]);
      const summary = run.summary as Pick<AbsenceRunResult, 'counts' | 'importFile'>;
      const counts: AbsenceRunCounts = summary.counts;
      const status = run.status === 'DRY_RUN' ? 'OK' : (run.status as 'OK' | 'PARTIAL' | 'FAILED' | 'CANCELLED');
      const email = renderRunResultEmail({
        connectionName: connection.name,
        runId,
        runKind: run.kind,
        trigger: run.trigger as RunTrigger,
        dryRun: run.dry_run,
        status,
        startedAt: run.started_at.toISOString(),
        finishedAt: (run.finished_at ?? new Date()).toISOString(),
        counts,
        countLabels: ABSENCE_COUNT_LABELS,
        failures: failures.map((i) => listed(i, 'failed')),
        skipped: skipped.map((i) => listed(i, 'skipped')),
        skippedTotal: skippedAbsenceTotal(counts),
        uiUrl: runLink(runId),
        maxListed: MAX_LISTED,
        ...(summary.importFile
          ? {
              notes: [
                `The connected Xledger API has no absence mutation: ${summary.importFile.rows} absence(s) are in the import file ${summary.importFile.fileName}. Save it with: ${summary.importFile.command}, then import it in Xledger.`,
              ],
            }
          : {}),
      });
      const result = await deps.mailer.send({ to: connection.settings.recipients, ...email });
      return { sent: result.sent, recipients: result.accepted.length };
    },

    async sendAbsenceDecisionReminder(args: { runId: string; pendingCount: number; waitingSince: string; decideBy: string }): Promise<{ sent: boolean }> {
      const { connection } = await connectionOfRun(args.runId);
      const email = renderDecisionReminderEmail({
        connectionName: connection.name,
        runId: args.runId,
        pendingCount: args.pendingCount,
        waitingSince: args.waitingSince,
        decideBy: args.decideBy,
        timeoutPolicy: connection.settings.absences.timeoutPolicy,
        uiUrl: runLink(args.runId),
      });
      const result = await deps.mailer.send({ to: connection.settings.recipients, ...email });
      return { sent: result.sent };
    },
  };
}
