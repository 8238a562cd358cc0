import { renderInvoiceDigestEmail, type InvoiceDigestEmailInput } from '../../mail';

const input = (over: Partial<InvoiceDigestEmailInput> = {}): InvoiceDigestEmailInput => ({
  connectionName: 'Acme AS',
  from: '2026-12-06T06:00:00.000Z',
  to: '2026-12-07T06:00:00.000Z',
  exported: { documents: 41, xledgerIds: 97 },
  failed: { total: 3, listed: [{ number: 'INV-7', reason: 'line 2: product NOTINXL is unknown in Xledger' }] },
  pending: 2,
  runs: { OK: 280, PARTIAL: 6 },
  ...over,
});

describe('the invoice export daily digest email', () => {
  it('tells the window in Oslo time, the counts, the runs and the failures', () => {
    const m = renderInvoiceDigestEmail(input());
    expect(m.subject).toBe('[DIGEST] Acme AS – invoice export 2026-12-07');
    expect(m.text).toContain('The invoice export of Acme AS, 2026-12-06 07:00:00 CET – 2026-12-07 07:00:00 CET.');
    expect(m.text).toMatch(/Documents exported to Xledger:\s+41\n/);
    expect(m.text).toMatch(/Xledger ids recorded for them:\s+97\n/);
    expect(m.text).toMatch(/Documents failed:\s+3\n/);
    expect(m.text).toMatch(/Documents still pending:\s+2\n/);
    expect(m.text).toMatch(/Runs:\s+286 \(280 OK, 6 PARTIAL\)\n/);
    expect(m.text).toContain('Failures (3)\n  - INV-7: line 2: product NOTINXL is unknown in Xledger\n  … and 2 more');
    expect(m.html).toMatch(/<th[^>]*>Document no\.<\/th><th[^>]*>Reason<\/th>/);
  });

  it('a quiet day: zero counts, no failure list', () => {
    const m = renderInvoiceDigestEmail(input({ exported: { documents: 0, xledgerIds: 0 }, failed: { total: 0, listed: [] }, pending: 0, runs: {} }));
    expect(m.text).toMatch(/Runs:\s+0\n/);
    expect(m.text).not.toMatch(/Failures/);
  });

  it('masks a national id or bank account in a reason, escapes HTML, keeps the subject on one line', () => {
    const m = renderInvoiceDigestEmail(
      input({ connectionName: 'Acme\r\nBcc: x@y', failed: { total: 1, listed: [{ number: '<b>X</b>', reason: 'account 12345678903 and 01017012345' }] } }),
    );
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.html).not.toContain('<b>X</b>');
    expect(`${m.text}${m.html}`).not.toMatch(/12345678903|01017012345/);
  });
});
