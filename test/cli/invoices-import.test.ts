import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInvoiceSourceStore } from '../../db/invoices/source-store';
import { cli } from '../support/cli-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

type Summary = {
  customers: number;
  products: number;
  documents: number;
  lines: number;
  problems: Array<{ where: string; record: string; field: string; reason: string }>;
};

describe('xsync invoices import (a child process, real Postgres)', () => {
  let t: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    env = { DATABASE_URL: t.url };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xsync-invoices-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t.drop();
  });

  it('imports JSON, reporting each bad record with where, field and reason, and leaves a document with a bad line out whole', async () => {
    const file = write(
      'invoices.json',
      JSON.stringify({
        customers: [
          { number: 'K-1', name: 'Acme AS', orgNumber: '987654321' },
          { number: 'K-2', name: 'Bad', orgNumber: '12' },
        ],
        products: [{ code: 'CONSULT', debitAccount: '1500', creditAccount: '3000', vatCode: '2' }],
        documents: [
          {
            number: 'INV-1',
            kind: 'invoice',
            department: 'OSLO',
            customerNumber: 'K-1',
            invoiceDate: '2026-12-01',
            lines: [{ productCode: 'CONSULT', quantity: '2', unitPrice: '1250.00' }],
          },
          {
            number: 'INV-2',
            kind: 'invoice',
            department: 'OSLO',
            customerNumber: 'K-1',
            invoiceDate: '2026-02-30',
            lines: [{ productCode: 'CONSULT', quantity: '1', unitPrice: '1.005' }],
          },
          { number: 'INV-3', kind: 'bill', department: 'OSLO', customerNumber: 'K-1', lines: [] },
        ],
      }),
    );
    const r = await cli(['--json', 'invoices', 'import', file], env);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s).toMatchObject({ customers: 1, products: 1, documents: 1, lines: 1 });
    expect(s.problems.map((p) => [p.where, p.field, p.reason])).toEqual([
      ['customers[1]', 'orgNumber', 'must be 9 digits (a Norwegian organisation number)'],
      ['documents[1]', 'invoiceDate', '"2026-02-30" is not a date (YYYY-MM-DD)'],
      ['documents[1].lines[0]', 'unitPrice', '"1.005" has more than 2 decimals'],
      ['documents[2]', 'kind', 'must be one of invoice, credit_note, order'],
    ]);
    const doc = await createInvoiceSourceStore(t.db).document('INV-1');
    expect(doc?.lines.map((l) => [l.quantity, l.unitPrice])).toEqual([['2', '1250.00']]);
    expect(await createInvoiceSourceStore(t.db).document('INV-2')).toBeUndefined();
  });

  it('imports a ;-separated Windows-1252 CSV with decimal commas, one row per line', async () => {
    const csv = [
      'number;kind;department;customerNumber;invoiceDate;currency;lineNumber;productCode;lineText;quantity;unitPrice;discountPercent',
      'INV-10;invoice;OSLO;K-1;2026-12-01;NOK;1;CONSULT;Rådgivning;1,5;1250,00;12,5',
      'INV-10;invoice;OSLO;K-1;2026-12-01;NOK;2;CONSULT;Kjøring;1;100,00;',
      'INV-11;invoice;OSLO;K-1;2026-12-01;NOK;1;CONSULT;;1;100,00;',
      'INV-11;invoice;BERGEN;K-1;2026-12-01;NOK;2;CONSULT;;1;100,00;',
    ].join('\r\n');
    const file = write('invoices.csv', Buffer.from(csv, 'latin1'));
    const r = await cli(['--json', 'invoices', 'import', file, '--encoding', 'windows-1252'], env);
    const s = JSON.parse(r.stdout) as Summary & { separator: string };
    expect(s).toMatchObject({ separator: ';', documents: 1, lines: 2 });
    expect(s.problems).toEqual([{ where: 'line 4, 5', record: 'INV-11', field: 'department', reason: "the document's rows disagree on its header fields" }]);
    const doc = await createInvoiceSourceStore(t.db).document('INV-10');
    expect(doc?.lines.map((l) => [l.text, l.quantity, l.unitPrice, l.discountPercent])).toEqual([
      ['Rådgivning', '1.5', '1250.00', '12.5'],
      ['Kjøring', '1', '100.00', '0'],
    ]);
  });

  it('refuses a file over the size limit, and an unknown column, with exit code 2', async () => {
    expect((await cli(['invoices', 'import', write('big.json', '{"documents": []}'), '--max-size', '5B'], env)).code).toBe(2);
    const r = await cli(['invoices', 'import', write('odd.csv', 'number;colour\nX;red\n')], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown column "colour"/);
  });
});
