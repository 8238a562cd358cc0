/** The demo's invoice export data: a few invoices, a credit note and an order, as an import file (matches the fake's seed). */
export function demoInvoiceImport(today: string) {
  const line = (n: number, productCode: string, quantity: string, unitPrice: string, extra: Record<string, string> = {}) => ({
    lineNumber: n,
    productCode,
    quantity,
    unitPrice,
    ...extra,
  });
  const doc = (number: string, kind: string, department: string, customerNumber: string, lines: unknown[], extra: Record<string, string> = {}) => ({
    number,
    kind,
    department,
    customerNumber,
    invoiceDate: today,
    dueDate: today,
    currency: 'NOK',
    lines,
    ...extra,
  });
  return {
    customers: [
      { number: 'K-100', name: 'Acme AS', orgNumber: '987654321', countryCode: 'NO', email: 'post@acme.example' },
      {
        number: 'K-200',
        name: 'Nordlys Bemanning AS',
        orgNumber: '912345678',
        streetAddress: 'Kongens gate 1',
        zipCode: '0153',
        place: 'Oslo',
        countryCode: 'NO',
      },
    ],
    products: [
      { code: 'CONSULT', description: 'Consulting hour', debitAccount: '1500', creditAccount: '3000', vatCode: '2' },
      { code: 'PLACEMENT', description: 'Placement fee', debitAccount: '1500', creditAccount: '3000', vatCode: '2' },
      { code: 'EXPORT', description: 'Export service', debitAccount: '1500', creditAccount: '3000', vatCode: '27' },
    ],
    documents: [
      doc(
        'INV-1001',
        'invoice',
        'OSLO',
        'K-100',
        [line(1, 'CONSULT', '7.5', '1250.00', { dimension1: '200' }), line(2, 'PLACEMENT', '1', '45000.00', { discountPercent: '10' })],
        {
          totalNet: '49875.00',
          totalVat: '12468.75',
          totalGross: '62343.75',
        },
      ),
      doc('INV-1002', 'invoice', 'OSLO', 'K-200', [line(1, 'CONSULT', '3', '1333.33'), line(2, 'EXPORT', '1', '2500.00')]),
      doc('CN-1001', 'credit_note', 'OSLO', 'K-100', [line(1, 'CONSULT', '1.5', '1250.00')], { creditsNumber: 'INV-1001' }),
      doc('ORD-2001', 'order', 'BERGEN', 'K-100', [line(1, 'CONSULT', '40', '1100.00')]),
      // Refused before anything is sent: its header VAT total is one øre off.
      doc('INV-1003', 'invoice', 'OSLO', 'K-100', [line(1, 'CONSULT', '1', '999.99')], { totalVat: '249.99' }),
    ],
  };
}
