import { Context } from '@temporalio/activity';
import { createInvoiceExportsStore } from '../../db/invoices/exports-store';
import { createInvoiceSourceStore, type StoredDocument } from '../../db/invoices/source-store';
import { createItemsStore, type NewItem } from '../../db/runs/items-store';
import { chunk, groupBy } from '../../domain/shared/collections';
import { MAX_BULK_NODES } from '../../domain/shared/xledger-limits';
import type { DocumentIssue, SourceDocument } from '../../domain/invoices/invoice-types';
import { checkLocally, describeIssues, usedValues, validateDocument, type CreditedInvoiceState, type LocalCheckContext } from '../../domain/invoices/validate';
import { vatTable } from '../../domain/invoices/vat';
import { exportKey, mutationFor, nodeCount, packBatches, toExportNodes, type ExportMutation } from '../../domain/invoices/xledger-mapping';
import type { ActivityDeps } from '../deps';
import { keepAlive } from '../shared/heartbeat';
import { withXledgerFailures } from '../shared/xledger-failure';
import { connectionOf, xledgerFor } from './export-context';
import type { InvoicePlan, InvoiceWrite } from './item-types';
import { xledgerMasterDataLookup, type MasterDataLookup } from './master-data-lookup';
import { oldestInFlight } from './in-flight';

export interface InvoicePlanSummary {
  /** Documents this run looked at (nothing to do: 0, and no Xledger request was made). */
  documents: number;
  toExport: number;
  invalid: number;
  alreadyInXledger: number;
  /** The mutation of each batch, by batch number. */
  batches: ExportMutation[];
}

const attempt = () => Context.current().info.attempt;

/** Which departments export which way: the department's own method, else the connection's. */
function methodOf(settings: { transferMethod: 'invoices' | 'orders'; transferMethodByDepartment: Record<string, 'invoices' | 'orders'> }, department: string) {
  return settings.transferMethodByDepartment[department] ?? settings.transferMethod;
}

export function createInvoicePlanningActivities(deps: ActivityDeps, lookupFor?: (connectionName: string) => Promise<MasterDataLookup>) {
  const exportsStore = createInvoiceExportsStore(deps.db);
  const source = createInvoiceSourceStore(deps.db);
  const items = createItemsStore(deps.db);

  return {
    /**
     * Picks the documents to handle, settles any left in flight by an earlier run (read back by key), validates the
     * rest (master data looked up once), maps each valid one to its Xledger inputs and packs them into batches, all
     * staged in sync_run_items. With nothing to handle it returns at once: no Xledger request at all.
     */
    async invoicePlan(args: { runId: string; connectionName: string; dryRun?: boolean }): Promise<InvoicePlanSummary> {
      return keepAlive(() => plan(args));
    },
  };

  async function plan({ runId, connectionName, dryRun = false }: { runId: string; connectionName: string; dryRun?: boolean }): Promise<InvoicePlanSummary> {
    const connection = await connectionOf(deps, connectionName);
    const settings = connection.settings.invoices;
    const candidates = await exportsStore.candidates(connection.id, settings.departments);
    const empty: InvoicePlanSummary = { documents: 0, toExport: 0, invalid: 0, alreadyInXledger: 0, batches: [] };
    if (candidates.length === 0) {
      await items.replaceItems(runId, pagesOf([]));
      return empty;
    }
    let client: Awaited<ReturnType<typeof xledgerFor>> | undefined;
    const xledger = async () => (client ??= await xledgerFor(deps, connection));

    // 1. Documents a crashed attempt may have sent: found in Xledger → exported; not found → pending again.
    const inFlight = candidates.filter((c) => c.status === 'sending');
    const settled = new Set<string>();
    // A dry run reads and validates but changes no document's export state.
    if (inFlight.length && !dryRun) {
      const docs = await source.documents(inFlight.map((c) => c.number));
      const since = oldestInFlight(
        (
          await exportsStore.byDocuments(
            connection.id,
            docs.map((d) => d.number),
          )
        ).values(),
      );
      for (const [mutation, group] of groupBy(docs, (d) => mutationFor(d.kind, settings.invoicesAs))) {
        const found = await withXledgerFailures(attempt(), async () =>
          (await xledger()).readBack(
            mutation as ExportMutation,
            group.map((d) => exportKey(d.number)),
            since,
          ),
        );
        const exported = group.filter((d) => found.has(exportKey(d.number))).map((d) => ({ number: d.number, dbIds: found.get(exportKey(d.number))! }));
        await exportsStore.markExported(connection.id, runId, exported);
        for (const e of exported) settled.add(e.number);
      }
      await exportsStore.releaseInFlight(
        connection.id,
        docs.filter((d) => !settled.has(d.number)).map((d) => d.number),
      );
    }

    // 2. Validate: local checks, then what Xledger knows (one lookup per run), then totals.
    const docs = await source.documents(candidates.filter((c) => !settled.has(c.number)).map((c) => c.number));
    const products = await source.products([...new Set(docs.flatMap((d) => d.lines.map((l) => l.productCode)))]);
    const customers = new Set((await source.customers([...new Set(docs.map((d) => d.customerNumber))])).keys());
    const rates = vatTable(settings.vatCodes);
    const credited = [...new Set(docs.map((d) => d.creditsNumber).filter((n): n is string => !!n))];
    const creditedKinds = await source.kinds(credited);
    const creditedExports = await exportsStore.byDocuments(connection.id, credited);
    const inThisRun = new Set<string>();
    const creditedInvoice = (n: string): CreditedInvoiceState => {
      const kind = creditedKinds.get(n);
      if (!kind) return 'missing';
      if (kind !== 'invoice') return 'not-an-invoice';
      if (creditedExports.get(n)?.status === 'exported') return 'exported';
      return inThisRun.has(n) ? 'in-this-run' : 'not-exported';
    };
    const ctx: LocalCheckContext = {
      products,
      customers,
      rates,
      creditedInvoice,
      nodesOf: (d) => nodeCount(d, products, settings.invoicesAs),
      sendsProducts: (d) => mutationFor(d.kind, settings.invoicesAs) !== 'gl-import',
    };
    const methodIssue = (d: SourceDocument): DocumentIssue[] => {
      const method = methodOf(settings, d.department);
      const wanted = method === 'orders' ? d.kind === 'order' : d.kind !== 'order';
      return wanted
        ? []
        : [{ document: d.number, reason: `department ${d.department} exports ${method}; a ${d.kind.replace('_', ' ')} is not exported that way` }];
    };
    // Invoices and orders first, so a credit note can count on its invoice going in this run.
    const ordered = [...docs.filter((d) => d.kind !== 'credit_note'), ...docs.filter((d) => d.kind === 'credit_note')];
    const locallyOk = ordered.filter((d) => methodIssue(d).length === 0 && checkLocally(d, ctx).length === 0);
    const lookup = lookupFor ? await lookupFor(connectionName) : xledgerMasterDataLookup(await xledger());
    const known = locallyOk.length
      ? await withXledgerFailures(attempt(), () => lookup.known(usedValues(locallyOk, products, ctx.sendsProducts)))
      : { accounts: new Set<string>(), vatCodes: new Set<string>(), dimensions: new Set<string>(), currencies: new Set<string>(), products: new Set<string>() };

    const planned: Array<{ doc: StoredDocument; plan: InvoicePlan; write?: InvoiceWrite; nodes: number; issues?: DocumentIssue[] }> = [];
    for (const doc of ordered) {
      const base = { number: doc.number, kind: doc.kind, customerNumber: doc.customerNumber };
      const refused = methodIssue(doc);
      const result = refused.length ? { ok: false as const, issues: refused } : validateDocument(doc, ctx, known, settings.vatRounding);
      if (!result.ok) {
        planned.push({ doc, plan: { ...base, issues: result.issues }, nodes: 0, issues: result.issues });
        continue;
      }
      if (doc.kind === 'invoice') inThisRun.add(doc.number);
      const out = toExportNodes({ document: doc, ...result.priced }, settings.invoicesAs);
      const write: InvoiceWrite = {
        kind: out.mutation,
        key: exportKey(doc.number),
        inputs: (out.nodes as unknown[]).map((node, i) => ({ clientId: `${doc.number}#${i + 1}`, node })),
      };
      planned.push({ doc, plan: { ...base, mutation: out.mutation, totals: result.priced.totals }, write, nodes: write.inputs.length });
    }

    // 3. Batches: per mutation, whole documents, ≤ 500 nodes each.
    const batches: ExportMutation[] = [];
    const batchOf = new Map<string, number>();
    for (const [mutation, group] of groupBy(
      planned.filter((p) => p.write),
      (p) => p.write!.kind,
    )) {
      for (const batch of packBatches(group, (p) => p.nodes, MAX_BULK_NODES)) {
        for (const p of batch) batchOf.set(p.doc.number, batches.length);
        batches.push(mutation as ExportMutation);
      }
    }
    const rows: NewItem[] = [...settled].map((number, seq) => ({
      seq,
      key: number,
      classification: 'already-in-xledger',
      plan: { number, kind: candidates.find((c) => c.number === number)!.kind, customerNumber: '' },
    }));
    rows.push(
      ...planned.map((p, i) => {
        const seq = settled.size + i;
        return {
          seq,
          key: p.doc.number,
          classification: p.write ? 'export' : 'invalid',
          plan: p.plan,
          ...(p.write ? { writes: { seq, xledgerWrite: p.write, xledgerBatch: batchOf.get(p.doc.number)!, hrWrite: null, hrBatch: null, skipped: [] } } : {}),
        };
      }),
    );
    if (!dryRun)
      await deps.db.transaction(async (trx) => {
        const invalid = planned.filter((p) => p.issues);
        await exportsStore.markFailed(
          connection.id,
          runId,
          invalid.map((p) => ({ number: p.doc.number, reason: describeIssues(p.issues!), retryNextRun: false, sourceUpdatedAt: p.doc.updatedAt })),
          trx,
        );
        await exportsStore.markPending(
          connection.id,
          runId,
          planned.filter((p) => p.write).map((p) => ({ number: p.doc.number, updatedAt: p.doc.updatedAt })),
          trx,
        );
      });
    await items.replaceItems(runId, pagesOf(rows));
    return {
      documents: candidates.length,
      toExport: planned.filter((p) => p.write).length,
      invalid: planned.filter((p) => p.issues).length,
      alreadyInXledger: settled.size,
      batches,
    };
  }
}

async function* pagesOf<T>(rows: readonly T[]): AsyncIterable<readonly T[]> {
  for (const page of chunk(rows, 1_000)) yield page;
}
