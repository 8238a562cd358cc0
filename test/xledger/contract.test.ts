import { Kind, OperationTypeNode, parse, validate } from 'graphql';
import { ALL_OPERATIONS, Ops } from '../../xledger/client/operations';
import { fakeSchema } from '../../xledger/fake/execute';

describe('operation documents vs the fake SDL', () => {
  it('exports a non-trivial set of operations with unique names', () => {
    const names = ALL_OPERATIONS.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(45);
  });

  it.each(ALL_OPERATIONS.map((o) => [o.name, o] as const))('%s validates against xledger/fake/schema.graphql', (_name, op) => {
    const doc = parse(op.document);
    expect(validate(fakeSchema(), doc)).toEqual([]);
    const defs = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(defs).toHaveLength(1);
    const def = defs[0]!;
    expect(def.name?.value).toBe(op.name);
    expect(def.operation).toBe(op.kind === 'mutation' ? OperationTypeNode.MUTATION : OperationTypeNode.QUERY);
    const roots = def.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '?'));
    expect(roots).toEqual([op.root]);
  });

  it('never carries values in the query text: no string literals, every argument is a variable', () => {
    for (const op of ALL_OPERATIONS) {
      expect(op.document).not.toMatch(/"/);
      const doc = parse(op.document);
      const root = doc.definitions[0]!;
      if (root.kind !== Kind.OPERATION_DEFINITION) throw new Error('expected an operation');
      const field = root.selectionSet.selections[0]!;
      if (field.kind !== Kind.FIELD) throw new Error('expected a field');
      for (const arg of field.arguments ?? []) expect(arg.value.kind).toBe(Kind.VARIABLE);
    }
  });

  it('detects a document that does not match the schema (the check can fail)', () => {
    const broken = Ops.listEmployees.document.replace('employmentFrom', 'employmentStart');
    expect(validate(fakeSchema(), parse(broken)).length).toBeGreaterThan(0);
  });
});
