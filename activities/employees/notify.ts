import { renderDecisionReminderEmail, renderRunResultEmail } from '../../mail/index';
import { createItemsStore } from '../../db/runs/items-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { createRunReadsStore } from '../../db/employees/run-reads-store';
import { EMPLOYEE_COUNT_LABELS } from '../../domain/employees/run-outcome';
import type { RunCounts, RunTrigger } from '../../workflows/employees/types';
import type { EmployeeItemRow as ItemRow } from './item-types';
import type { ActivityDeps } from '../deps';

const MAX_LISTED = 50;

const nameOf = (item: ItemRow): string | undefined => {
  const hr = item.plan.values.hr ?? item.plan.values.xledger;
  const name = [hr?.firstName, hr?.lastName].filter(Boolean).join(' ');
  return name || undefined;
};

export function createNotifyActivities(deps: ActivityDeps) {
  const runs = createRunsStore(deps.db);
  const items = createItemsStore<ItemRow>(deps.db);
  const runReads = createRunReadsStore(deps.db);
  const runLink = (runId: string) => `${deps.uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(deps.namespace)}/workflows/${encodeURIComponent(runId)}`;

  async function connectionOfRun(runId: string) {
    const run = await runs.getRunWithConnection(runId);
    if (!run) throw new Error(`run ${runId} was never started`);
    return { run, connection: await deps.connections.get(run.connection_name) };
  }

  return {
    /** Emails the run's result to the connection's recipients; national ids and bank accounts are masked by the renderer. */
    async sendRunResultEmail({ runId }: { runId: string }): Promise<{ sent: boolean; recipients: number }> {
      const { run, connection } = await connectionOfRun(runId);
      const [failures, skipped, read] = await Promise.all([items.failures(runId, MAX_LISTED), items.skippedItems(runId, MAX_LISTED), runReads.ofRun(runId)]);
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
        counts: (run.summary as { counts: RunCounts }).counts,
        countLabels: EMPLOYEE_COUNT_LABELS,
        failures: failures.map((i) => ({ employeeNumber: i.item_key, name: nameOf(i), reason: i.outcome_detail ?? 'failed' })),
        skipped: skipped.map((i) => ({ employeeNumber: i.item_key, name: nameOf(i), reason: i.outcome_detail ?? 'skipped' })),
        uiUrl: runLink(runId),
        maxListed: MAX_LISTED,
        ...(read ? { read: { mode: read.mode, why: read.why } } : {}),
      });
      const result = await deps.mailer.send({ to: connection.settings.recipients, ...email });
      return { sent: result.sent, recipients: result.accepted.length };
    },

    async sendDecisionReminder(args: { runId: string; pendingCount: number; waitingSince: string; decideBy: string }): Promise<{ sent: boolean }> {
      const { connection } = await connectionOfRun(args.runId);
      const email = renderDecisionReminderEmail({
        connectionName: connection.name,
        runId: args.runId,
        pendingCount: args.pendingCount,
        waitingSince: args.waitingSince,
        decideBy: args.decideBy,
        timeoutPolicy: connection.settings.employees.timeoutPolicy,
        uiUrl: runLink(args.runId),
      });
      const result = await deps.mailer.send({ to: connection.settings.recipients, ...email });
      return { sent: result.sent };
    },
  };
}
