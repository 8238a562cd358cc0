import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import { mailActivity } from '../shared/activity-options';

const mailing = proxyActivities<Activities>(mailActivity);

export interface InvoiceDigestInput {
  connectionName: string;
}

/**
 * The invoice export's daily digest, started by the connection's schedule `xsync.<connection>.invoice-digest` at
 * `settings.invoices.dailyDigestAt` (Oslo): one email summing up the 24 hours before the workflow started. Not a run:
 * it takes no lock and reads only Postgres.
 */
export async function invoiceDigest(input: InvoiceDigestInput): Promise<{ sent: boolean; recipients: number }> {
  return mailing.invoiceSendDigest({ connectionName: input.connectionName, at: workflowInfo().startTime.toISOString() });
}
