import type { Connection } from '../../db/connections-store';
import { invoiceExportClient, type InvoiceExportClient } from '../../xledger/client/invoices';
import type { ActivityDeps } from '../deps';

/** The connection and an invoice-export Xledger client for it (made only when a request is about to be sent). */
export async function connectionOf(deps: ActivityDeps, connectionName: string): Promise<Connection> {
  return deps.connections.get(connectionName);
}

export async function xledgerFor(deps: ActivityDeps, connection: Connection): Promise<InvoiceExportClient> {
  return invoiceExportClient(deps.xledgerClient(connection, await deps.connections.revealToken(connection.name)));
}
