import { createItemsStore } from '../../db/runs/items-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { INVOICE_COUNT_LABELS, INVOICE_ITEM_WORDS, type InvoiceRunCounts } from '../../domain/invoices/run-outcome';
import type { RunTrigger } from '../../domain/shared/run-types';
import { renderRunResultEmail } from '../../mail/index';
import type { ActivityDeps } from '../deps';

const MAX_LISTED = 50;

export function createInvoiceNotifyActivities(deps: ActivityDeps) {
  const runs = createRunsStore(deps.db);
  const items = createItemsStore(deps.db);
  const runLink = (runId: string) => `${deps.uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(deps.namespace)}/workflows/${encodeURIComponent(runId)}`;

  return {
    /**
     * Emails the result only when something failed (a document refused or not exported, or the run itself failed):
     * a run every 5 minutes must not fill inboxes with "all fine".
     */
    async invoiceSendResultEmail({ runId }: { runId: string }): Promise<{ sent: boolean; recipients: number }> {
      const run = await runs.getRunWithConnection(runId);
      if (!run || !run.finished_at) return { sent: false, recipients: 0 };
      const counts = (run.summary as { counts: InvoiceRunCounts }).counts;
      const somethingFailed = run.status === 'FAILED' || counts.failed + counts.invalid > 0;
      if (!somethingFailed) return { sent: false, recipients: 0 };
      const connection = await deps.connections.get(run.connection_name);
      const failures = await items.failures(runId, MAX_LISTED);
      const email = renderRunResultEmail({
        connectionName: connection.name,
        runId,
        runKind: run.kind,
        trigger: run.trigger as RunTrigger,
        dryRun: run.dry_run,
        status: run.status === 'DRY_RUN' ? 'OK' : (run.status as 'OK' | 'PARTIAL' | 'FAILED' | 'CANCELLED'),
        startedAt: run.started_at.toISOString(),
        finishedAt: run.finished_at.toISOString(),
        counts,
        countLabels: INVOICE_COUNT_LABELS,
        itemWords: INVOICE_ITEM_WORDS,
        failures: failures.map((i) => ({ employeeNumber: i.item_key, reason: i.outcome_detail ?? 'failed' })),
        skipped: [],
        uiUrl: runLink(runId),
        maxListed: MAX_LISTED,
      });
      const result = await deps.mailer.send({ to: connection.settings.recipients, ...email });
      return { sent: result.sent, recipients: result.accepted.length };
    },
  };
}
