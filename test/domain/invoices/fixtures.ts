import type { SourceDocument, SourceLine, SourceProduct } from '../../../domain/invoices/invoice-types';

export const products = new Map<string, SourceProduct>([
  ['CONSULT', { code: 'CONSULT', description: 'Consulting hour', debitAccount: '1500', creditAccount: '3000', vatCode: '2' }],
  ['FOOD', { code: 'FOOD', description: 'Catering', debitAccount: '1500', creditAccount: '3000', vatCode: '21' }],
  ['EXPORT', { code: 'EXPORT', description: 'Export service', debitAccount: '1500', creditAccount: '3000', vatCode: '27' }],
  ['NOACC', { code: 'NOACC', description: 'No accounts', debitAccount: null, creditAccount: null, vatCode: '2' }],
]);

export const line = (n: number, over: Partial<SourceLine> = {}): SourceLine => ({
  lineNumber: n,
  productCode: 'CONSULT',
  text: null,
  quantity: '1',
  unitPrice: '100.00',
  discountPercent: '0',
  vatCode: null,
  dimensions: [null, null, null],
  ...over,
});

export const doc = (over: Partial<SourceDocument> = {}): SourceDocument => ({
  number: 'INV-1',
  kind: 'invoice',
  department: 'OSLO',
  customerNumber: 'K1',
  invoiceDate: '2026-12-01',
  dueDate: '2026-12-15',
  deliveryDate: null,
  currency: 'NOK',
  creditsNumber: null,
  yourReference: null,
  text: null,
  totalNet: null,
  totalVat: null,
  totalGross: null,
  lines: [line(1)],
  ...over,
});
