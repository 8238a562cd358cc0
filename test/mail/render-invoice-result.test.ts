import { INVOICE_COUNT_LABELS, INVOICE_ITEM_WORDS } from '../../domain/invoices/run-outcome';
import { renderRunResultEmail } from '../../mail';
import { runResultInput } from './helpers';

describe("the result email in the kind's words: an invoice export that refused documents", () => {
  const m = renderRunResultEmail(
    runResultInput({
      runKind: 'invoice-export',
      runId: 'invoice-export-acme-20250612-0600',
      uiUrl: 'http://127.0.0.1:8233/namespaces/xledger-sync/workflows/invoice-export-acme-20250612-0600',
      status: 'PARTIAL',
      counts: { exported: 12, alreadyInXledger: 1, invalid: 2, failed: 0, customersCreated: 1 },
      countLabels: INVOICE_COUNT_LABELS,
      itemWords: INVOICE_ITEM_WORDS,
      failures: [
        { employeeNumber: 'INV-1007', reason: 'line 2: product NOTINXL is unknown in Xledger' },
        { employeeNumber: 'INV-1009', reason: "header VAT total 312.51 disagrees with the lines' 312.50" },
      ],
    }),
  );

  it('speaks of documents, never of employees', () => {
    expect(m.subject).toBe('[PARTIAL] Acme AS – invoice export 2025-06-12');
    expect(m.text.split('\n')[0]).toBe('PARTIAL: the invoice export of Acme AS finished, but some documents failed.');
    expect(m.text).toMatch(/Exported to Xledger:\s+12\n/);
    expect(m.text).toMatch(/Refused by validation:\s+2\n/);
    expect(m.text).toContain('Failures (2)\n  - INV-1007: line 2: product NOTINXL is unknown in Xledger\n');
    expect(m.html).toMatch(/<th[^>]*>Document no\.<\/th><th[^>]*>Name<\/th><th[^>]*>Field<\/th><th[^>]*>Reason<\/th>/);
    expect(`${m.text}${m.html}`).not.toMatch(/employee/i);
  });

  it('an employee run without item words still reads as before', () => {
    const e = renderRunResultEmail(runResultInput({ status: 'PARTIAL' }));
    expect(e.text.split('\n')[0]).toBe('PARTIAL: the employee sync of Acme AS finished, but some employees failed.');
  });
});
