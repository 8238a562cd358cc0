import type { Knex } from 'knex';

/** What the daily digest tells of a connection's invoice export over a window: counts, the failures, the runs. */
export interface InvoiceDigestFacts {
  /** Documents exported in the window, and how many Xledger ids (nodes) they made. */
  exported: { documents: number; xledgerIds: number };
  /** Documents that failed in the window (their last run), newest first; `total` counts all, `listed` the first ones. */
  failed: { total: number; listed: Array<{ number: string; reason: string }> };
  /** Documents waiting now: pending, or in flight (sending) for the next run to read back. */
  pending: number;
  /** Runs of the kind started in the window, by status. */
  runs: Record<string, number>;
}

/**
 * The digest's reads, one query each: `invoice_exports` (no personal data: document numbers and reasons, as the
 * failure email shows) and `sync_runs` of kind invoice-export.
 */
export function createInvoiceDigestStore(db: Knex) {
  return {
    async facts(connectionId: number, from: Date, to: Date, maxListed: number): Promise<InvoiceDigestFacts> {
      const inWindow = (q: Knex.QueryBuilder, column: string) => q.where(column, '>=', from).andWhere(column, '<', to);
      const exported = (await inWindow(db('invoice_exports').where({ connection_id: connectionId, status: 'exported' }), 'exported_at')
        .select(db.raw('count(*)::int AS documents'), db.raw("coalesce(sum(jsonb_array_length(coalesce(xledger_db_ids, '[]'::jsonb))), 0)::int AS ids"))
        .first()) as { documents: number; ids: number };
      const failedQuery = () => inWindow(db('invoice_exports').where({ connection_id: connectionId, status: 'failed' }), 'updated_at');
      const failedTotal = (await failedQuery().count<{ n: string }[]>('* as n'))[0]!.n;
      const listed = (await failedQuery()
        .select('document_number', 'reason')
        .orderBy([
          { column: 'updated_at', order: 'desc' },
          { column: 'document_number', order: 'asc' },
        ])
        .limit(maxListed)) as Array<{ document_number: string; reason: string | null }>;
      const pending = (
        await db('invoice_exports').where({ connection_id: connectionId }).whereIn('status', ['pending', 'sending']).count<{ n: string }[]>('* as n')
      )[0]!.n;
      const runs = (await inWindow(db('sync_runs').where({ connection_id: connectionId, kind: 'invoice-export' }), 'started_at')
        .select('status')
        .count<Array<{ status: string; n: string }>>('* as n')
        .groupBy('status')) as Array<{ status: string; n: string }>;
      return {
        exported: { documents: exported.documents, xledgerIds: exported.ids },
        failed: { total: Number(failedTotal), listed: listed.map((r) => ({ number: r.document_number, reason: r.reason ?? 'failed' })) },
        pending: Number(pending),
        runs: Object.fromEntries(runs.map((r) => [r.status, Number(r.n)])),
      };
    },
  };
}
