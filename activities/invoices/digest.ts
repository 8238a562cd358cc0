import { createInvoiceDigestStore } from '../../db/invoices/digest-store';
import { renderInvoiceDigestEmail } from '../../mail/index';
import type { ActivityDeps } from '../deps';

const MAX_LISTED = 50;
const DAY_MS = 24 * 3_600_000;

export function createInvoiceDigestActivities(deps: ActivityDeps) {
  const store = createInvoiceDigestStore(deps.db);
  return {
    /**
     * The daily digest of a connection's invoice export: the 24 hours before `at` (the schedule's time), to its
     * recipients. Sent on a quiet day too: a digest that stops coming is how an admin notices nothing runs.
     */
    async invoiceSendDigest({ connectionName, at }: { connectionName: string; at: string }): Promise<{ sent: boolean; recipients: number }> {
      const connection = await deps.connections.get(connectionName);
      const to = new Date(at);
      const from = new Date(to.getTime() - DAY_MS);
      const facts = await store.facts(connection.id, from, to, MAX_LISTED);
      const email = renderInvoiceDigestEmail({ connectionName: connection.name, from: from.toISOString(), to: to.toISOString(), ...facts });
      const result = await deps.mailer.send({ to: connection.settings.recipients, ...email });
      return { sent: result.sent, recipients: result.accepted.length };
    },
  };
}
