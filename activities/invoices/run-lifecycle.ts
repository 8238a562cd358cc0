import { createItemsStore, type KeepTree } from '../../db/runs/items-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { emptyInvoiceCounts, type InvoiceRunCounts } from '../../domain/invoices/run-outcome';
import type { RunStatus, RunTrigger } from '../../domain/shared/run-types';
import type { InvoiceRunStart } from '../../workflows/invoices/types';
import type { ActivityDeps } from '../deps';
import { activityTemporalClient, claimRun } from '../shared/run-claim';
import { purgeRunStaging } from '../shared/staging-retention';
import type { InvoiceItemRow } from './item-types';

export const INVOICE_EXPORT_KIND = 'invoice-export';

/** What a settled plan keeps: the document's number, kind, totals and reasons (the mutation inputs are dropped). */
export const INVOICE_PLAN_KEEP: KeepTree = { number: true, kind: true, mutation: true, totals: true, issues: true };

export function createInvoiceLifecycleActivities(deps: ActivityDeps) {
  const runs = createRunsStore(deps.db);

  return {
    /** Opens the run, taking the connection's one-run-at-a-time lock for invoice exports, or says which run holds it. */
    async invoiceStartRun(args: {
      runId: string;
      connectionName: string;
      trigger: RunTrigger;
      dryRun: boolean;
      workflowId: string;
      scheduleId?: string;
    }): Promise<InvoiceRunStart> {
      const connection = await deps.connections.get(args.connectionName);
      const claim = await claimRun(deps.db, activityTemporalClient(), {
        id: args.runId,
        connectionId: connection.id,
        kind: INVOICE_EXPORT_KIND,
        trigger: args.trigger,
        dryRun: args.dryRun,
        scheduleId: args.scheduleId ?? null,
      });
      return claim.claimed ? {} : { refused: { openRunId: claim.openRunId, ...(claim.openPhase ? { openPhase: claim.openPhase } : {}) } };
    },

    /** PARTIAL when a document was refused or failed, else OK. */
    async invoiceRunOutcome({ runId }: { runId: string }): Promise<RunStatus> {
      const tally = await createItemsStore(deps.db).outcomeTally(runId);
      const invalid = await createItemsStore(deps.db).readItems(runId, { classification: 'invalid' }, { offset: 0, limit: 1 });
      return tally.failed + invalid.length > 0 ? 'PARTIAL' : 'OK';
    },

    /**
     * Settles every document of the run (refused ones as failed with their reasons; unsent ones as skipped: they stay
     * pending for the next run), counts, and closes the run row — once; a retry returns the stored counts.
     */
    async invoiceFinishRun({ runId, status, customersCreated }: { runId: string; status: RunStatus; customersCreated: number }): Promise<InvoiceRunCounts> {
      const run = await runs.getRun(runId);
      if (!run) return emptyInvoiceCounts();
      if (run.finished_at) return (run.summary as { counts?: InvoiceRunCounts }).counts ?? emptyInvoiceCounts();
      const counts = emptyInvoiceCounts();
      counts.customersCreated = customersCreated;
      await deps.db.transaction(async (trx) => {
        const items = createItemsStore<InvoiceItemRow>(trx);
        for await (const page of items.itemPages(runId, 1_000, { trx })) {
          const settled: Array<{ seq: number; outcome: 'failed' | 'skipped' | 'unchanged'; detail: string }> = [];
          for (const item of page) {
            if (item.classification === 'invalid') {
              counts.invalid++;
              settled.push({
                seq: item.seq,
                outcome: 'failed',
                detail: (item.plan.issues ?? []).map((i) => (i.line !== undefined ? `line ${i.line}: ${i.reason}` : i.reason)).join('; '),
              });
            } else if (item.classification === 'already-in-xledger') {
              counts.alreadyInXledger++;
              settled.push({ seq: item.seq, outcome: 'unchanged', detail: 'found in Xledger by its key, sent by an earlier run' });
            } else if (item.outcome === 'failed') counts.failed++;
            else if (item.outcome === 'created') counts[item.outcome_detail === 'exported' ? 'exported' : 'alreadyInXledger']++;
            else
              settled.push({
                seq: item.seq,
                outcome: 'skipped',
                detail: status === 'DRY_RUN' ? 'dry run: not sent' : 'not sent: the run ended first; the next run sends it',
              });
          }
          await items.settleOutcomes(runId, settled, trx);
        }
        await createRunsStore(trx).finishRun(runId, status, { counts });
        if (deps.stagingRetentionDays === 0) await purgeRunStaging(trx, runId, INVOICE_PLAN_KEEP);
      });
      return counts;
    },
  };
}
