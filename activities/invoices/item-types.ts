import type { ItemRow } from '../../db/runs/items-store';
import type { DocumentIssue, DocumentTotals } from '../../domain/invoices/invoice-types';
import type { ExportMutation } from '../../domain/invoices/xledger-mapping';

/** What planning keeps of a document in sync_run_items.plan (no customer data: numbers, amounts, reasons). */
export interface InvoicePlan {
  number: string;
  kind: string;
  customerNumber: string;
  mutation?: ExportMutation;
  totals?: DocumentTotals;
  issues?: DocumentIssue[];
}

/** The mutation inputs of one document: its nodes, each with a clientId `<number>#<i>`. */
export interface InvoiceWrite {
  kind: ExportMutation;
  key: string;
  inputs: Array<{ clientId: string; node: unknown }>;
}

export type InvoiceItemRow = ItemRow<InvoicePlan, InvoiceWrite>;

/** Classifications of an invoice run's items. */
export type InvoiceClassification = 'export' | 'invalid' | 'already-in-xledger';
