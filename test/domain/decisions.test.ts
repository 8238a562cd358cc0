import {
  applyDecisions,
  buildSyncPlan,
  Decision,
  EmployeePlan,
  HrRowValidation,
  listPendingDecisions,
  pendingCount,
  pendingDecisions,
  validateDecision,
  withoutDecided,
} from '../../domain';
import { hrEmployee, TODAY, xledgerSnapshot } from './helpers';

const valid = (e = hrEmployee()): HrRowValidation => ({ ok: true, employee: e, warnings: [] });

/** 1001: conflicts on firstName and phone; 2000: only in HR; 3000: only in Xledger. */
function scenario(): EmployeePlan[] {
  return buildSyncPlan({
    hrRows: [valid(hrEmployee({ firstName: 'Kari', phone: '+4792222222' })), valid(hrEmployee({ employeeNumber: '2000', workEmail: 'new@example.no' }))],
    xledger: [
      xledgerSnapshot({ firstName: 'Karianne', description: 'Karianne Nordmann', phone: '+4793333333' }),
      xledgerSnapshot({ dbId: 6000, code: '3000', email: 'xl@example.no', contactDbId: 7600, subledgerDbId: 8600 }),
    ],
    today: TODAY,
  }).employees;
}

describe('pendingDecisions', () => {
  it('lists conflicts and pending creations', () => {
    const pending = pendingDecisions(scenario());
    expect(pending).toEqual({
      byEmployee: {
        '1001': { fields: ['firstName', 'phone'] },
        '2000': { fields: [], create: 'xledger' },
        '3000': { fields: [], create: 'hr' },
      },
    });
    expect(pendingCount(pending)).toBe(4);
    expect(listPendingDecisions(pending)).toContainEqual({ employeeNumber: '1001', kind: 'field', field: 'phone', label: 'Phone number' });
  });

  it('shrinks as decisions arrive', () => {
    let pending = pendingDecisions(scenario());
    pending = withoutDecided(pending, { employeeNumber: '1001', field: 'phone', choice: 'hr' });
    pending = withoutDecided(pending, { kind: 'create', employeeNumber: '2000', choice: 'skip' });
    expect(pending.byEmployee['1001']).toEqual({ fields: ['firstName'] });
    expect(pending.byEmployee['2000']).toBeUndefined();
    expect(pendingCount(pending)).toBe(2);
  });
});

describe('validateDecision', () => {
  const pending = pendingDecisions(scenario());

  it('accepts a valid field decision (kind optional)', () => {
    expect(validateDecision({ employeeNumber: '1001', field: 'phone', choice: 'xledger' }, pending)).toEqual({
      ok: true,
      decision: { kind: 'field', employeeNumber: '1001', field: 'phone', choice: 'xledger' },
    });
  });

  it('accepts a creation decision', () => {
    expect(validateDecision({ kind: 'create', employeeNumber: '3000', choice: 'create' }, pending).ok).toBe(true);
  });

  it.each([
    [{ employeeNumber: '9999', field: 'phone', choice: 'hr' }, 'No decision is pending for employee 9999'],
    [{ employeeNumber: '1001', field: 'shoeSize', choice: 'hr' }, /^Unknown field 'shoeSize'; known fields: employeeNumber, email/],
    [{ employeeNumber: '1001', field: 'email', choice: 'hr' }, "Employee 1001 has no pending conflict on 'email' (pending: firstName, phone)"],
    [{ employeeNumber: '1001', field: 'phone', choice: 'maybe' }, "Choice 'maybe' is not valid; use 'hr', 'xledger' or 'skip'"],
    [{ kind: 'create', employeeNumber: '1001', choice: 'create' }, 'Employee 1001 has no pending creation to decide'],
    [{ kind: 'create', employeeNumber: '2000', choice: 'hr' }, "Choice 'hr' is not valid for a creation; use 'create' or 'skip'"],
    [{ employeeNumber: '1001', choice: 'hr' }, /Unknown decision kind/],
    [{ kind: 'delete', employeeNumber: '1001', choice: 'hr' }, "Unknown decision kind 'delete'; use 'field' (with a field) or 'create'"],
    ['phone=hr', /needs employeeNumber and choice/],
    [{ employeeNumber: 1001, field: 'phone', choice: 'hr' }, /needs employeeNumber and choice/],
  ])('rejects %j', (decision, message) => {
    const r = validateDecision(decision, pending);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
  });
});

describe('applyDecisions', () => {
  it('turns decisions into writes on both sides', () => {
    const decisions: Decision[] = [
      { employeeNumber: '1001', field: 'firstName', choice: 'xledger' },
      { employeeNumber: '1001', field: 'phone', choice: 'hr' },
      { kind: 'create', employeeNumber: '2000', choice: 'create' },
      { kind: 'create', employeeNumber: '3000', choice: 'create' },
    ];
    const w = applyDecisions(scenario(), decisions);
    expect(w.xledgerUpdates).toHaveLength(1);
    // Karianne was taken from Xledger, so the description Xledger already has stays as is.
    expect(w.xledgerUpdates[0]?.changes).toMatchObject([{ field: 'phone', from: '+4793333333', to: '+4792222222', direction: 'to-xledger' }]);
    expect(w.hrPatches).toMatchObject([{ employeeNumber: '1001', fields: { firstName: 'Karianne' } }]);
    expect(w.hrPatches[0]?.reasons?.firstName?.reason).toBe("Xledger's value chosen (admin decision)");
    expect(w.xledgerCreates.map((c) => [c.employeeNumber, c.values.email])).toEqual([['2000', 'new@example.no']]);
    expect(w.hrCreates.map((c) => [c.xledgerDbId, c.employee.employeeNumber])).toEqual([[6000, '3000']]);
    expect(w.skipped).toEqual([]);
  });

  it('rebuilds the description from the names chosen', () => {
    const w = applyDecisions(scenario(), [{ employeeNumber: '1001', field: 'firstName', choice: 'hr' }]);
    expect(w.xledgerUpdates[0]?.changes).toMatchObject([
      { field: 'firstName', to: 'Kari' },
      { field: 'fullName', from: 'Karianne Nordmann', to: 'Kari Nordmann' },
    ]);
  });

  it('undecided items fall back to the configured default (skip by default)', () => {
    const skipped = applyDecisions(scenario(), []);
    expect(skipped.xledgerUpdates.concat()).toHaveLength(1); // the description (HR wins) still goes through
    expect(skipped.xledgerUpdates[0]?.changes.map((c) => c.field)).toEqual(['fullName']);
    expect(skipped.hrPatches).toEqual([]);
    expect(skipped.xledgerCreates).toEqual([]);
    expect(skipped.skipped.map((s) => [s.employeeNumber, s.field ?? null])).toEqual([
      ['1001', 'firstName'],
      ['1001', 'phone'],
      ['2000', null],
      ['3000', null],
    ]);

    const hrWins = applyDecisions(scenario(), [], { undecidedField: 'hr', undecidedCreate: 'create' });
    expect(hrWins.xledgerUpdates[0]?.changes.map((c) => c.field).sort()).toEqual(['firstName', 'fullName', 'phone']);
    expect(hrWins.xledgerCreates).toHaveLength(1);
    expect(hrWins.hrCreates).toHaveLength(1);
  });

  it("an 'xledger' choice does not write HR on an HR → Xledger only connection", () => {
    const w = applyDecisions(scenario(), [{ employeeNumber: '1001', field: 'phone', choice: 'xledger' }], {
      policy: { direction: 'hr-to-xledger' },
    });
    expect(w.hrPatches).toEqual([]);
    expect(w.skipped).toContainEqual({ employeeNumber: '1001', field: 'phone', reason: "Phone number: Xledger's value kept (admin decision)" });
  });

  it('choosing HR for an empty address never unsets Xledger', () => {
    const plans = buildSyncPlan({
      hrRows: [valid(hrEmployee({ address: { street: null, postalCode: '0155', place: 'Oslo', country: 'NO' } }))],
      xledger: [xledgerSnapshot()],
      today: TODAY,
      policy: { fields: {} },
    }).employees;
    // The empty street is "kept", not a conflict, so nothing is pending or written.
    expect(plans[0]?.conflicts).toEqual([]);
    expect(applyDecisions(plans, [], { undecidedField: 'hr' }).xledgerUpdates).toEqual([]);
  });

  it('locked and invalid employees never produce writes', () => {
    const plans = buildSyncPlan({
      hrRows: [valid(hrEmployee({ status: 'deactivated', lastName: 'Hansen' }))],
      xledger: [xledgerSnapshot()],
      today: TODAY,
    }).employees;
    const w = applyDecisions(plans, [], { undecidedField: 'hr', undecidedCreate: 'create' });
    expect(w).toEqual({ xledgerUpdates: [], xledgerCreates: [], hrPatches: [], hrCreates: [], skipped: [] });
  });
});
