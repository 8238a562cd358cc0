import type { CountLabels, ItemWords } from '../shared/run-types';

/** How an invoice export run counts its documents. */
export interface InvoiceRunCounts {
  [name: string]: number;
  exported: number;
  alreadyInXledger: number;
  invalid: number;
  failed: number;
  customersCreated: number;
}

export const INVOICE_COUNT_LABELS: CountLabels = [
  ['exported', 'Exported to Xledger'],
  ['alreadyInXledger', 'Found already in Xledger (recorded, not sent again)'],
  ['invalid', 'Refused by validation'],
  ['failed', 'Failed'],
  ['customersCreated', 'Customers created in Xledger'],
];

export const INVOICE_ITEM_WORDS: ItemWords = { plural: 'documents', keyColumn: 'Document no.' };

export const emptyInvoiceCounts = (): InvoiceRunCounts => ({ exported: 0, alreadyInXledger: 0, invalid: 0, failed: 0, customersCreated: 0 });
