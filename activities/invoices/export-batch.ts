import { Context } from '@temporalio/activity';
import { createInvoiceExportsStore } from '../../db/invoices/exports-store';
import { createItemsStore, type AppliedResult } from '../../db/runs/items-store';
import type { ExportMutation } from '../../domain/invoices/xledger-mapping';
import { maskIdentifiers } from '../../mail/index';
import { XledgerRecordError } from '../../xledger/index';
import type { ActivityDeps } from '../deps';
import { oldestInFlight } from './in-flight';
import { keepAlive } from '../shared/heartbeat';
import { withXledgerFailures } from '../shared/xledger-failure';
import { connectionOf, xledgerFor } from './export-context';
import type { InvoiceWrite } from './item-types';

/**
 * Sends one batch of whole documents in one request, exactly once:
 * 1. documents marked `sending` by an earlier attempt are read back by their key first; what is found is recorded, not sent;
 * 2. the rest are marked `sending` (committed) before the request leaves;
 * 3. the answer records each document's Xledger ids. A lost answer (timeout, 5xx) fails the attempt with the documents
 *    still `sending`, so the retry starts at 1. Documents Xledger refuses fail with its reason; the others go again
 *    (after a read back, since whether a refused request wrote anything is not documented).
 */
export function createInvoiceExportActivities(deps: ActivityDeps) {
  const items = createItemsStore(deps.db);
  const exportsStore = createInvoiceExportsStore(deps.db);

  return {
    async invoiceExportBatch({ runId, connectionName, batch, mutation }: { runId: string; connectionName: string; batch: number; mutation: ExportMutation }) {
      const attempt = Context.current().info.attempt;
      const connection = await connectionOf(deps, connectionName);
      const rows = (await items.xledgerBatch(runId, mutation, batch)) as Array<{ seq: number; xledger_write: InvoiceWrite }>;
      const pendingItems = await items.readItems(runId, { classification: 'export' });
      const open = new Set(pendingItems.filter((i) => i.outcome === null).map((i) => i.seq));
      let docs = rows.filter((r) => open.has(r.seq)).map((r) => ({ seq: r.seq, number: r.xledger_write.key.replace(/^xsync:/, ''), write: r.xledger_write }));
      if (!docs.length) return { exported: 0, alreadyInXledger: 0, failed: 0, requests: 0 };
      const client = await xledgerFor(deps, connection);
      let requests = 0;
      const tally = { exported: 0, alreadyInXledger: 0, failed: 0 };

      const record = async (
        done: Array<{ seq: number; number: string; dbIds: number[]; found: boolean }>,
        failed: Array<{ seq: number; number: string; reason: string }>,
      ) => {
        await deps.db.transaction(async (trx) => {
          const results: AppliedResult[] = [
            ...done.map((d) => ({
              seq: d.seq,
              outcome: 'created' as const,
              detail: d.found ? 'found in Xledger by its key (not sent again)' : 'exported',
              xledgerDbId: d.dbIds[0] ?? null,
            })),
            ...failed.map((f) => ({ seq: f.seq, outcome: 'failed' as const, detail: f.reason })),
          ];
          await items.markApplied(runId, 'xledger', results, trx);
          await exportsStore.markExported(connection.id, runId, done, trx);
          await exportsStore.markFailed(
            connection.id,
            runId,
            failed.map((f) => ({ ...f, retryNextRun: false })),
            trx,
          );
        });
        for (const d of done) tally[d.found ? 'alreadyInXledger' : 'exported']++;
        tally.failed += failed.length;
      };

      await keepAlive(() =>
        withXledgerFailures(attempt, async () => {
          for (let round = 0; docs.length && round < 10; round++) {
            // 1. Anything a previous attempt may have sent: read back by key.
            const states = await exportsStore.byDocuments(
              connection.id,
              docs.map((d) => d.number),
            );
            const maybeSent = docs.filter((d) => states.get(d.number)?.status === 'sending');
            if (maybeSent.length) {
              requests++;
              const found = await client.readBack(
                mutation,
                maybeSent.map((d) => d.write.key),
                oldestInFlight(maybeSent.map((d) => states.get(d.number)!)),
              );
              const landed = maybeSent.filter((d) => found.has(d.write.key));
              const complete = landed.filter((d) => found.get(d.write.key)!.length === d.write.inputs.length);
              const partial = landed.filter((d) => found.get(d.write.key)!.length !== d.write.inputs.length);
              await record(
                complete.map((d) => ({ seq: d.seq, number: d.number, dbIds: found.get(d.write.key)!, found: true })),
                partial.map((d) => ({
                  seq: d.seq,
                  number: d.number,
                  reason: `partly in Xledger (${found.get(d.write.key)!.length} of ${d.write.inputs.length} nodes under ${d.write.key}): not sent again; needs a person`,
                })),
              );
              docs = docs.filter((d) => !landed.includes(d));
              if (!docs.length) break;
            }
            // 2. Guard, then 3. send.
            await exportsStore.markSending(
              connection.id,
              runId,
              docs.map((d) => d.number),
            );
            const inputs = docs.flatMap((d) => d.write.inputs);
            try {
              requests++;
              const edges = await client.send(mutation, inputs);
              const byClient = new Map(edges.map((e) => [e.clientId, e.dbId]));
              await record(
                docs.map((d) => ({ seq: d.seq, number: d.number, dbIds: d.write.inputs.map((i) => byClient.get(i.clientId)!), found: false })),
                [],
              );
              docs = [];
            } catch (err) {
              if (!(err instanceof XledgerRecordError)) throw err;
              const refused = new Map<string, string>();
              for (const issue of err.issues) {
                const number = issue.clientId?.replace(/#\d+$/, '');
                if (number && docs.some((d) => d.number === number)) {
                  const why = `${issue.field ? `${issue.field}: ` : ''}${issue.message}`;
                  refused.set(number, refused.has(number) ? `${refused.get(number)}; ${why}` : why);
                }
              }
              if (!refused.size) {
                // Xledger refused the batch without naming a document: each fails with the message (no guessing).
                refused.clear();
                for (const d of docs) refused.set(d.number, err.message);
              }
              await record(
                [],
                docs
                  .filter((d) => refused.has(d.number))
                  .map((d) => ({ seq: d.seq, number: d.number, reason: `Xledger refused it: ${maskIdentifiers(refused.get(d.number)!)}` })),
              );
              docs = docs.filter((d) => !refused.has(d.number));
            }
          }
        }),
      );
      return { ...tally, requests };
    },
  };
}
