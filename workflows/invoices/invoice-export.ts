import { log, proxyActivities, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import { emptyInvoiceCounts, type InvoiceRunCounts } from '../../domain/invoices/run-outcome';
import type { RunStatus } from '../../domain/shared/run-types';
import { bookkeepingActivity, mailActivity, readActivity, writeActivity } from '../shared/activity-options';
import { runLifecycle, showRefused } from '../shared/run-lifecycle';
import { statusKey } from '../shared/search-attributes';
import { invoiceProgressQuery } from './messages';
import type { InvoiceExportInput, InvoiceRunPhase, InvoiceRunResult } from './types';

const reading = proxyActivities<Activities>(readActivity);
const writing = proxyActivities<Activities>(writeActivity);
const bookkeeping = proxyActivities<Activities>(bookkeepingActivity);
const mailing = proxyActivities<Activities>(mailActivity);

/**
 * One invoice export run: pick and validate the documents waiting to go, make sure their customers exist in Xledger,
 * send them batch by batch (each document exactly once), record each document's Xledger ids, and email only when
 * something failed. Documents, inputs and outcomes stay in Postgres; this workflow carries ids and counts.
 */
export async function invoiceExport(input: InvoiceExportInput): Promise<InvoiceRunResult> {
  const { connectionName } = input;
  const runId = input.runId ?? workflowInfo().workflowId;
  const dryRun = input.dryRun ?? false;
  let phase: InvoiceRunPhase = 'starting';
  let documents = 0;
  let customersCreated = 0;
  let sentBatches = 0;
  let batchCount = 0;
  let status: RunStatus | undefined;
  setHandler(
    invoiceProgressQuery,
    () => ({
      runId,
      connectionName,
      dryRun,
      phase,
      decisions: { pendingCount: 0, decidedCount: 0 },
      documents,
      batches: { sent: sentBatches, total: batchCount },
      ...(status ? { status } : {}),
    }),
    { description: 'Phase, documents, batches sent (no customer data)' },
  );

  const enter = (next: InvoiceRunPhase) => {
    phase = next;
    upsertSearchAttributes([{ key: statusKey, value: next }]);
    setCurrentDetails(`Phase: ${phase}${dryRun ? ' (dry run)' : ''}\nDocuments: ${documents}; batches sent ${sentBatches} of ${batchCount}`);
  };

  const finish = async (final: RunStatus): Promise<InvoiceRunResult> => {
    enter('reporting');
    const counts: InvoiceRunCounts = await bookkeeping.invoiceFinishRun({ runId, status: final, customersCreated });
    const emailed = await mailing.invoiceSendResultEmail({ runId }).then(
      (r) => r.sent,
      (err) => (log.warn('result email not sent', { error: (err as Error).message }), false),
    );
    phase = 'done';
    status = final;
    upsertSearchAttributes([{ key: statusKey, value: final }]);
    setCurrentDetails(`Status: ${final}\nDocuments: ${documents}; exported ${counts.exported}, refused ${counts.invalid}, failed ${counts.failed}`);
    return { runId, status: final, counts, documents, emailed };
  };

  return runLifecycle({
    start: () =>
      bookkeeping.invoiceStartRun({
        runId,
        connectionName,
        trigger: input.trigger,
        dryRun,
        workflowId: workflowInfo().workflowId,
        ...(input.scheduleId ? { scheduleId: input.scheduleId } : {}),
      }),
    refused: (open) => {
      status = 'REFUSED';
      phase = 'done';
      showRefused(connectionName, open);
      return {
        runId,
        status: 'REFUSED',
        counts: emptyInvoiceCounts(),
        documents: 0,
        emailed: false,
        refusedBy: open.openRunId,
        ...(open.openPhase ? { refusedPhase: open.openPhase } : {}),
      };
    },
    body: () => run(),
    finish,
  });

  async function run(): Promise<InvoiceRunResult> {
    enter('planning');
    const plan = await reading.invoicePlan({ runId, connectionName, ...(dryRun ? { dryRun } : {}) });
    documents = plan.documents;
    batchCount = plan.batches.length;
    if (dryRun) return finish('DRY_RUN');
    if (plan.toExport > 0) {
      enter('customers');
      customersCreated = (await writing.invoiceEnsureCustomers({ runId, connectionName })).created;
      enter('exporting');
      for (let batch = 0; batch < plan.batches.length; batch++) {
        await writing.invoiceExportBatch({ runId, connectionName, batch, mutation: plan.batches[batch]! });
        sentBatches++;
        setCurrentDetails(`Phase: exporting\nDocuments: ${documents}; batches sent ${sentBatches} of ${batchCount}`);
      }
    }
    return finish(await bookkeeping.invoiceRunOutcome({ runId }));
  }
}
