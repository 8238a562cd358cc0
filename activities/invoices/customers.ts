import { Context } from '@temporalio/activity';
import { createInvoiceExportsStore } from '../../db/invoices/exports-store';
import { createInvoiceSourceStore } from '../../db/invoices/source-store';
import { createItemsStore } from '../../db/runs/items-store';
import type { ActivityDeps } from '../deps';
import { keepAlive } from '../shared/heartbeat';
import { withXledgerFailures } from '../shared/xledger-failure';
import { connectionOf, xledgerFor } from './export-context';
import type { InvoiceItemRow } from './item-types';

/**
 * Makes sure every customer the run's documents go to exists in Xledger before any document is sent: looked up by
 * code (one read); the missing ones created as Xledger recommends (ZD-cust: query by code, then addCompanies, then
 * addCustomers), once — a retried attempt looks up again first, so nothing is created twice. With
 * `createMissingCustomers: false` the documents of a missing customer fail, saying why.
 */
export function createInvoiceCustomerActivities(deps: ActivityDeps) {
  const items = createItemsStore<InvoiceItemRow>(deps.db);
  const source = createInvoiceSourceStore(deps.db);
  const exportsStore = createInvoiceExportsStore(deps.db);

  return {
    async invoiceEnsureCustomers({ runId, connectionName }: { runId: string; connectionName: string }): Promise<{ created: number; missing: number }> {
      const attempt = Context.current().info.attempt;
      const connection = await connectionOf(deps, connectionName);
      const toExport = await items.readItems(runId, { classification: 'export' });
      const numbers = [...new Set(toExport.filter((i) => i.outcome === null).map((i) => i.plan.customerNumber))].sort();
      if (!numbers.length) return { created: 0, missing: 0 };
      const client = await xledgerFor(deps, connection);
      return keepAlive(() =>
        withXledgerFailures(attempt, async () => {
          const existing = await client.customersByCode(numbers);
          const missing = numbers.filter((n) => !existing.has(n));
          if (!missing.length) return { created: 0, missing: 0 };
          if (!connection.settings.invoices.createMissingCustomers) {
            const reason = (n: string) => `customer ${n} is not in Xledger, and settings.invoices.createMissingCustomers is false`;
            const failed = toExport.filter((i) => missing.includes(i.plan.customerNumber));
            await deps.db.transaction(async (trx) => {
              await items.markApplied(
                runId,
                'xledger',
                failed.map((i) => ({ seq: i.seq, outcome: 'failed', detail: reason(i.plan.customerNumber) })),
                trx,
              );
              await exportsStore.markFailed(
                connection.id,
                runId,
                failed.map((i) => ({ number: i.item_key, reason: reason(i.plan.customerNumber), retryNextRun: false })),
                trx,
              );
            });
            return { created: 0, missing: missing.length };
          }
          const details = await source.customers(missing);
          const inputs = missing.map((n) => {
            const c = details.get(n)!;
            return {
              code: c.number,
              name: c.name,
              companyNumber: c.orgNumber,
              email: c.email,
              address:
                c.streetAddress || c.zipCode || c.place || c.countryCode
                  ? { streetAddress: c.streetAddress, zipCode: c.zipCode, place: c.place, countryCode: c.countryCode }
                  : null,
            };
          });
          const companies = await client.companiesByCode(missing);
          const newCompanies = inputs.filter((c) => !companies.has(c.code));
          for (const [code, dbId] of newCompanies.length ? await client.addCompanies(newCompanies) : []) companies.set(code, dbId);
          const created = await client.addCustomers(inputs.map((c) => ({ ...c, companyDbId: companies.get(c.code)! })));
          return { created: created.size, missing: 0 };
        }),
      );
    },
  };
}
