import type { NewDocument } from '../../db/invoices/source-store';
import type { SourceCustomer, SourceLine, SourceProduct } from '../../domain/invoices/invoice-types';

/** Source data for invoice export tests, matching the fake Xledger's seed (products, accounts 1500/3000, VAT codes, dimensions). */

export const PRODUCTS: SourceProduct[] = [
  { code: 'CONSULT', description: 'Consulting hour', debitAccount: '1500', creditAccount: '3000', vatCode: '2' },
  { code: 'PLACEMENT', description: 'Placement fee', debitAccount: '1500', creditAccount: '3000', vatCode: '2' },
  { code: 'EXPORT', description: 'Export service', debitAccount: '1500', creditAccount: '3000', vatCode: '27' },
];

export const CUSTOMERS: SourceCustomer[] = [
  { number: 'K-100', name: 'Acme AS', orgNumber: '987654321', streetAddress: null, zipCode: null, place: null, countryCode: 'NO', email: 'post@acme.example' },
  {
    number: 'K-200',
    name: 'Nordlys Bemanning AS',
    orgNumber: '912345678',
    streetAddress: 'Kongens gate 1',
    zipCode: '0153',
    place: 'Oslo',
    countryCode: 'NO',
    email: 'faktura@nordlys.example',
  },
];

export const line = (n: number, over: Partial<SourceLine> = {}): SourceLine => ({
  lineNumber: n,
  productCode: 'CONSULT',
  text: null,
  quantity: '1',
  unitPrice: '1250.00',
  discountPercent: '0',
  vatCode: null,
  dimensions: [null, null, null],
  ...over,
});

export const document = (number: string, over: Partial<NewDocument> = {}): NewDocument => ({
  number,
  kind: 'invoice',
  department: 'OSLO',
  customerNumber: 'K-100',
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
