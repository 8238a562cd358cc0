import type { Knex } from 'knex';

/**
 * `invoice_exports`: where each document stands with a connection's Xledger. `sending` is the guard of exactly-once:
 * it is written (and committed) before a request that may create the document leaves, so whoever finds it next
 * (a retried activity, the next run) reads Xledger back by the document's key before anything is sent again.
 */

export type ExportStatus = 'pending' | 'sending' | 'exported' | 'failed';

export interface ExportRow {
  connection_id: number;
  document_number: string;
  status: ExportStatus;
  xledger_db_ids: number[] | null;
  reason: string | null;
  retry_next_run: boolean;
  attempts: number;
  last_run_id: string | null;
  source_updated_at: Date | null;
  exported_at: Date | null;
  updated_at: Date;
}

export interface ExportListRow extends ExportRow {
  kind: string | null;
  department: string | null;
  customer_number: string | null;
  connection_name: string;
}

export function createInvoiceExportsStore(db: Knex) {
  const table = (trx: Knex = db) => trx<ExportRow>('invoice_exports');
  return {
    async byDocuments(connectionId: number, numbers: readonly string[], trx: Knex = db): Promise<Map<string, ExportRow>> {
      const rows: ExportRow[] = [];
      for (let i = 0; i < numbers.length; i += 5_000) {
        rows.push(
          ...(await table(trx)
            .where({ connection_id: connectionId })
            .whereIn('document_number', numbers.slice(i, i + 5_000))),
        );
      }
      return new Map(rows.map((r) => [r.document_number, r]));
    },

    /**
     * The documents a run should handle: never tried, pending, possibly in flight (`sending`: read back first), or
     * failed and either worth another try (`retry_next_run`) or changed since (a fix in the source).
     */
    async candidates(
      connectionId: number,
      departments: readonly string[],
    ): Promise<Array<{ number: string; kind: string; updated_at: Date; status: ExportStatus | null }>> {
      const q = db('invoice_documents as d')
        .leftJoin('invoice_exports as e', function () {
          this.on('e.document_number', 'd.number').andOn('e.connection_id', db.raw('?', [connectionId]));
        })
        .select('d.number', 'd.kind', 'd.updated_at', 'e.status')
        .where((w) => {
          void w
            .whereNull('e.status')
            .orWhereIn('e.status', ['pending', 'sending'])
            .orWhere(
              (f) =>
                void f
                  .where('e.status', 'failed')
                  .andWhere((g) => void g.where('e.retry_next_run', true).orWhereRaw("date_trunc('milliseconds', d.updated_at) > e.source_updated_at")),
            );
        })
        .orderBy('d.number');
      if (departments.length) void q.whereIn('d.department', departments);
      return q;
    },

    async withStatus(connectionId: number, status: ExportStatus): Promise<ExportRow[]> {
      return table().where({ connection_id: connectionId, status }).orderBy('document_number');
    },

    /** Documents planned for a run: pending (a `sending` row stays sending: it may be in Xledger). */
    async markPending(connectionId: number, runId: string, docs: ReadonlyArray<{ number: string; updatedAt: Date }>, trx: Knex = db): Promise<void> {
      for (const d of docs) {
        await trx.raw(
          `INSERT INTO invoice_exports (connection_id, document_number, status, last_run_id, source_updated_at, updated_at)
           VALUES (?, ?, 'pending', ?, ?, now())
           ON CONFLICT (connection_id, document_number) DO UPDATE
             SET status = CASE WHEN invoice_exports.status = 'sending' THEN 'sending' ELSE 'pending' END,
                 reason = NULL, retry_next_run = false, last_run_id = EXCLUDED.last_run_id,
                 source_updated_at = EXCLUDED.source_updated_at, updated_at = now()
           WHERE invoice_exports.status <> 'exported'`,
          [connectionId, d.number, runId, d.updatedAt],
        );
      }
    },

    /** Documents read back and not found in Xledger: pending again (nothing else sends for the connection meanwhile: one run at a time). */
    async releaseInFlight(connectionId: number, numbers: readonly string[]): Promise<void> {
      if (!numbers.length) return;
      await table()
        .where({ connection_id: connectionId, status: 'sending' })
        .whereIn('document_number', numbers)
        .update({ status: 'pending', updated_at: db.fn.now() as never });
    },

    /** Committed before the request that may create these documents leaves. */
    async markSending(connectionId: number, runId: string, numbers: readonly string[]): Promise<void> {
      if (!numbers.length) return;
      await table()
        .where({ connection_id: connectionId })
        .whereIn('document_number', numbers)
        .whereNot({ status: 'exported' })
        .update({ status: 'sending', last_run_id: runId, attempts: db.raw('attempts + 1') as never, updated_at: db.fn.now() as never });
    },

    async markExported(connectionId: number, runId: string, exported: ReadonlyArray<{ number: string; dbIds: number[] }>, trx: Knex = db): Promise<void> {
      for (const e of exported) {
        await table(trx)
          .where({ connection_id: connectionId, document_number: e.number })
          .update({
            status: 'exported',
            xledger_db_ids: JSON.stringify(e.dbIds) as never,
            reason: null,
            retry_next_run: false,
            last_run_id: runId,
            exported_at: db.fn.now() as never,
            updated_at: db.fn.now() as never,
          });
      }
    },

    /** Failed: with the reason; `retryNextRun` for passing faults, otherwise it waits for a fix (a newer source row) or `retry`. */
    async markFailed(
      connectionId: number,
      runId: string,
      failed: ReadonlyArray<{ number: string; reason: string; retryNextRun: boolean; sourceUpdatedAt?: Date }>,
      trx: Knex = db,
    ): Promise<void> {
      for (const f of failed) {
        await trx.raw(
          `INSERT INTO invoice_exports (connection_id, document_number, status, reason, retry_next_run, last_run_id, source_updated_at, updated_at)
           VALUES (?, ?, 'failed', ?, ?, ?, ?, now())
           ON CONFLICT (connection_id, document_number) DO UPDATE
             SET status = 'failed', reason = EXCLUDED.reason, retry_next_run = EXCLUDED.retry_next_run, last_run_id = EXCLUDED.last_run_id,
                 source_updated_at = COALESCE(EXCLUDED.source_updated_at, invoice_exports.source_updated_at), updated_at = now()
           WHERE invoice_exports.status <> 'exported'`,
          [connectionId, f.number, f.reason, f.retryNextRun, runId, f.sourceUpdatedAt ?? null],
        );
      }
    },

    /** Back to pending after a person fixed the cause (`xsync invoices retry`); an exported document stays exported. */
    async requeue(connectionId: number, number: string): Promise<ExportRow | undefined> {
      const [row] = await table()
        .where({ connection_id: connectionId, document_number: number, status: 'failed' })
        .update({ status: 'pending', reason: null, retry_next_run: true, updated_at: db.fn.now() as never })
        .returning('*');
      return row;
    },

    async list(opts: { connectionName?: string; status?: ExportStatus; limit: number; offset?: number }): Promise<ExportListRow[]> {
      const q = db('invoice_exports as e')
        .join('connections as c', 'c.id', 'e.connection_id')
        .leftJoin('invoice_documents as d', 'd.number', 'e.document_number')
        .select('e.*', 'c.name as connection_name', 'd.kind', 'd.department', 'd.customer_number')
        .orderBy([{ column: 'e.updated_at', order: 'desc' }, 'e.document_number'])
        .limit(opts.limit)
        .offset(opts.offset ?? 0);
      if (opts.connectionName) void q.where('c.name', opts.connectionName);
      if (opts.status) void q.where('e.status', opts.status);
      return q;
    },

    async ofDocument(number: string): Promise<ExportListRow[]> {
      return db('invoice_exports as e')
        .join('connections as c', 'c.id', 'e.connection_id')
        .leftJoin('invoice_documents as d', 'd.number', 'e.document_number')
        .select('e.*', 'c.name as connection_name', 'd.kind', 'd.department', 'd.customer_number')
        .where('e.document_number', number);
    },
  };
}

export type InvoiceExportsStore = ReturnType<typeof createInvoiceExportsStore>;
