import { Kind, parse, validate } from 'graphql';
import { InvoiceOps } from '../../xledger/client/invoices';
import { fakeSchema } from '../../xledger/fake/execute';
import { lineAmount } from '../../xledger/fake/resolvers/invoice-export';

describe("the invoice export's operations vs the fake SDL", () => {
  const ops = Object.values(InvoiceOps);

  it.each(ops.map((o) => [o.name, o] as const))('%s validates, and every value travels as a variable', (_name, op) => {
    const doc = parse(op.document);
    expect(validate(fakeSchema(), doc)).toEqual([]);
    expect(op.document).not.toMatch(/"/);
    const root = doc.definitions[0]!;
    if (root.kind !== Kind.OPERATION_DEFINITION) throw new Error('expected an operation');
    const field = root.selectionSet.selections[0]!;
    if (field.kind !== Kind.FIELD) throw new Error('expected a field');
    for (const arg of field.arguments ?? []) expect(arg.value.kind).toBe(Kind.VARIABLE);
  });

  it("the fake's line amounts round once, half away from zero", () => {
    expect(lineAmount('1.5', '1250.00', '12.5')).toBe('1640.63');
    expect(lineAmount('-1.5', '1250.00', '12.5')).toBe('-1640.63');
    expect(lineAmount('3', '33.33', null)).toBe('99.99');
    expect(lineAmount('0.25', '0.10', '0')).toBe('0.03');
  });
});
