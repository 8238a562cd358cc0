import { buildSyncPlan, classifyEmployee, diffEmployee, HrRowValidation, SyncPlanInput, validateHrEmployee } from '../../domain';
import { hrEmployee, rawRow, TODAY, xledgerSnapshot } from './helpers';

const valid = (e = hrEmployee()): HrRowValidation => ({ ok: true, employee: e, warnings: [] });

function planFor(input: Partial<SyncPlanInput>) {
  return buildSyncPlan({ hrRows: [], xledger: [], today: TODAY, ...input });
}

describe('diffEmployee', () => {
  it('finds nothing when both sides agree', () => {
    const d = diffEmployee(hrEmployee(), xledgerSnapshot(), { today: TODAY });
    expect(d.changes).toEqual([]);
    expect(d.conflicts).toEqual([]);
  });

  it('reports a changed field with label, values and direction', () => {
    const d = diffEmployee(hrEmployee(), xledgerSnapshot({ jobTitle: 'Bookkeeper' }), { today: TODAY });
    expect(d.changes).toEqual([
      {
        field: 'jobTitle',
        label: 'Job title',
        from: 'Bookkeeper',
        to: 'Accountant',
        direction: 'to-xledger',
        reason: 'Different in HR and Xledger; HR wins',
      },
    ]);
  });

  it('respects per-connection field policies', () => {
    const d = diffEmployee(hrEmployee(), xledgerSnapshot({ phone: '+4799999999' }), {
      today: TODAY,
      policy: { fields: { phone: 'xledger-wins' } },
    });
    expect(d.changes).toMatchObject([{ field: 'phone', direction: 'to-hr', to: '+4799999999' }]);
  });
});

describe('classifyEmployee', () => {
  const base = { matched: true, issues: [], status: 'active' as const, changes: [], conflicts: [] };
  const change = (direction: 'to-xledger' | 'to-hr') => ({ field: 'phone' as const, label: '', from: null, to: null, direction, reason: '' });
  it('orders: ambiguous > invalid > locked > one side > conflict > updates > unchanged', () => {
    expect(classifyEmployee(base)).toBe('unchanged');
    expect(classifyEmployee({ ...base, changes: [change('to-xledger')] })).toBe('update-xledger');
    expect(classifyEmployee({ ...base, changes: [change('to-hr')] })).toBe('update-hr');
    expect(classifyEmployee({ ...base, changes: [change('to-hr'), change('to-xledger')] })).toBe('update-both');
    const conflict = { field: 'phone' as const, label: '', hrValue: null, xledgerValue: null, reason: '' };
    expect(classifyEmployee({ ...base, changes: [change('to-hr')], conflicts: [conflict] })).toBe('conflict');
    expect(classifyEmployee({ ...base, matched: false, side: 'hr' })).toBe('only-in-hr');
    expect(classifyEmployee({ ...base, matched: false, side: 'xledger' })).toBe('only-in-xledger');
    expect(classifyEmployee({ ...base, status: 'deactivated', conflicts: [conflict] })).toBe('locked');
    expect(classifyEmployee({ ...base, status: 'deleted', issues: [{ field: 'x', reason: 'y' }] })).toBe('invalid');
    expect(classifyEmployee({ ...base, ambiguous: true, issues: [{ field: 'x', reason: 'y' }] })).toBe('ambiguous');
  });
});

describe('buildSyncPlan', () => {
  it('unchanged', () => {
    const plan = planFor({ hrRows: [valid()], xledger: [xledgerSnapshot()] });
    expect(plan.employees).toHaveLength(1);
    expect(plan.employees[0]).toMatchObject({ employeeNumber: '1001', xledgerDbId: 5001, matchedBy: 'email', classification: 'unchanged' });
    expect(plan.summary.unchanged).toBe(1);
  });

  it('update-xledger from an HR change (with baseline)', () => {
    const plan = planFor({
      hrRows: [valid(hrEmployee({ lastName: 'Hansen' }))],
      xledger: [xledgerSnapshot({ description: 'Kari Hansen' })],
      baselines: { '1001': { lastName: 'Nordmann' } },
    });
    const p = plan.employees[0];
    expect(p?.classification).toBe('update-xledger');
    expect(p?.changes).toMatchObject([{ field: 'lastName', from: 'Nordmann', to: 'Hansen', direction: 'to-xledger' }]);
  });

  it('update-hr from an Xledger change (with baseline)', () => {
    const plan = planFor({
      hrRows: [valid()],
      xledger: [xledgerSnapshot({ phone: '+47 922 22 222' })],
      baselines: { '1001': { phone: '+4791234567' } },
    });
    expect(plan.employees[0]).toMatchObject({
      classification: 'update-hr',
      changes: [{ field: 'phone', direction: 'to-hr', to: '+4792222222' }],
    });
  });

  it('conflict with a baseline (both changed)', () => {
    const plan = planFor({
      hrRows: [valid(hrEmployee({ phone: '+4792222222' }))],
      xledger: [xledgerSnapshot({ phone: '+4793333333' })],
      baselines: { '1001': { phone: '+4791234567' } },
    });
    expect(plan.employees[0]).toMatchObject({
      classification: 'conflict',
      conflicts: [{ field: 'phone', hrValue: '+4792222222', xledgerValue: '+4793333333', baselineValue: '+4791234567' }],
    });
  });

  it('conflict without a baseline (values differ, policy ask)', () => {
    const plan = planFor({ hrRows: [valid()], xledger: [xledgerSnapshot({ firstName: 'Karianne' })] });
    const p = plan.employees[0];
    expect(p?.classification).toBe('conflict');
    expect(p?.conflicts.map((c) => c.field)).toEqual(['firstName']);
    expect(p?.conflicts[0]).not.toHaveProperty('baselineValue');
    // The composed description follows HR (hr-wins) and does not need a decision.
    expect(p?.changes).toEqual([]);
  });

  it('locked: deactivated in HR is never updated', () => {
    const plan = planFor({
      hrRows: [valid(hrEmployee({ status: 'deactivated', lastName: 'Hansen' }))],
      xledger: [xledgerSnapshot()],
    });
    expect(plan.employees[0]).toMatchObject({ classification: 'locked', changes: [], conflicts: [] });
    expect(plan.employees[0]?.notes.join(' ')).toMatch(/Deactivated in HR: locked for updates/);
  });

  it('locked: deleted in HR is reported, never deleted in Xledger, not created', () => {
    const plan = planFor({
      hrRows: [valid(hrEmployee({ status: 'deleted' })), valid(hrEmployee({ employeeNumber: '2', workEmail: 'x@y.no', status: 'deleted' }))],
      xledger: [xledgerSnapshot()],
    });
    expect(plan.employees.map((p) => p.classification)).toEqual(['locked', 'locked']);
    expect(plan.employees[0]?.notes[0]).toMatch(/never deleted/);
    expect(plan.employees[1]?.creation).toBeUndefined();
  });

  it('address unset in HR does not unset Xledger', () => {
    const plan = planFor({ hrRows: [valid(hrEmployee({ address: null }))], xledger: [xledgerSnapshot()] });
    const p = plan.employees[0];
    expect(p?.classification).toBe('unchanged');
    expect(p?.kept.map((k) => k.field).sort()).toEqual(['addressCountry', 'addressPlace', 'addressPostalCode', 'addressStreet']);
  });

  it('national id removed in HR is removed in Xledger', () => {
    const plan = planFor({
      hrRows: [valid(hrEmployee({ nationalId: null }))],
      xledger: [xledgerSnapshot()],
      baselines: { '1001': { nationalId: '13097248022' } },
    });
    expect(plan.employees[0]).toMatchObject({
      classification: 'update-xledger',
      changes: [{ field: 'nationalId', to: null, direction: 'to-xledger' }],
    });
  });

  it('invalid rows are matched (so not offered as only-in-Xledger) and reported with issues', () => {
    const invalid = validateHrEmployee(rawRow({ bankAccount: '12345678904' }));
    expect(invalid.ok).toBe(false);
    const plan = planFor({ hrRows: [invalid], xledger: [xledgerSnapshot()] });
    expect(plan.employees).toHaveLength(1);
    expect(plan.employees[0]).toMatchObject({ classification: 'invalid', xledgerDbId: 5001, issues: [{ field: 'bankAccount' }] });
  });

  it('only-in-hr and only-in-xledger with creation plans', () => {
    const plan = planFor({
      hrRows: [valid(hrEmployee({ employeeNumber: '2000', workEmail: 'new@example.no' }))],
      xledger: [xledgerSnapshot({ dbId: 6000, code: '3000', email: 'xl@example.no' })],
    });
    expect(plan.employees.map((p) => [p.employeeNumber, p.classification, p.creation])).toEqual([
      ['2000', 'only-in-hr', { target: 'xledger', status: 'pending' }],
      ['3000', 'only-in-xledger', { target: 'hr', status: 'pending' }],
    ]);
    expect(plan.employees[1]?.hrDraft).toMatchObject({
      employeeNumber: '3000',
      workEmail: 'xl@example.no',
      phone: '+4791234567',
      // seeded from Xledger's employment fields, so the next sync does not erase them
      positions: [{ jobTitle: 'Accountant', startDate: '2020-01-01', probationEndDate: '2020-07-01', endDate: null, noticeDate: null, primary: true }],
    });
  });

  it('blocks creation in HR of an Xledger employee HR could not store', () => {
    const plan = planFor({ xledger: [xledgerSnapshot({ code: '3000', email: null })], policy: { createInHr: 'auto' } });
    expect(plan.employees[0]?.creation).toEqual({
      target: 'hr',
      status: 'blocked',
      reason: 'Cannot be created in HR: Work email is required but missing',
    });
  });

  it('ambiguous matches are classified and explained', () => {
    const plan = planFor({ hrRows: [valid()], xledger: [xledgerSnapshot({ dbId: 1 }), xledgerSnapshot({ dbId: 2, code: 'X' })] });
    expect(plan.employees).toHaveLength(1);
    expect(plan.employees[0]?.classification).toBe('ambiguous');
    expect(plan.employees[0]?.notes[0]).toMatch(/Xledger employee dbId 1, 2/);
  });

  it('update-hr is disabled for HR → Xledger only connections', () => {
    const plan = planFor({
      hrRows: [valid()],
      xledger: [xledgerSnapshot({ phone: '+4792222222' })],
      baselines: { '1001': { phone: '+4791234567' } },
      policy: { direction: 'hr-to-xledger' },
    });
    expect(plan.employees[0]).toMatchObject({ classification: 'update-xledger', changes: [{ field: 'phone', direction: 'to-xledger' }] });
  });

  it('plans 10,000 employees quickly', () => {
    const n = 10_000;
    const hrRows = [];
    const xledger = [];
    for (let i = 0; i < n; i++) {
      hrRows.push(valid(hrEmployee({ employeeNumber: String(i), workEmail: `p${i}@example.no` })));
      xledger.push(xledgerSnapshot({ dbId: i + 1, code: String(i), email: `p${i}@example.no`, phone: i % 2 ? '+4799999999' : '912 34 567' }));
    }
    const start = performance.now();
    const plan = planFor({ hrRows, xledger, policy: { fields: { phone: 'hr-wins' } } });
    expect(plan.summary).toMatchObject({ unchanged: n / 2, 'update-xledger': n / 2 });
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});

describe('buildSyncPlan: unique work emails', () => {
  it('holds back every HR row that shares a work email, naming the others', () => {
    const a = hrEmployee({ employeeNumber: '1001', workEmail: 'same@example.no' });
    const b = hrEmployee({ employeeNumber: '1002', workEmail: 'Same@Example.no ' });
    const c = hrEmployee({ employeeNumber: '1003', workEmail: 'other@example.no' });
    const plan = planFor({ hrRows: [valid(a), valid(b), valid(c)], policy: { createInXledger: 'auto' } });
    expect(plan.employees.map((p) => [p.employeeNumber, p.classification])).toEqual([
      ['1001', 'invalid'],
      ['1002', 'invalid'],
      ['1003', 'only-in-hr'],
    ]);
    expect(plan.employees[0].issues).toEqual([
      { field: 'workEmail', reason: expect.stringMatching(/^Shares the work email .* with employee 1002; work emails must be unique$/) },
    ]);
  });

  it('keeps syncing the one already linked under a shared email, holding back only the newcomer', () => {
    const synced = hrEmployee({ employeeNumber: '1001', workEmail: 'same@example.no' });
    const newcomer = hrEmployee({ employeeNumber: '1002', workEmail: 'same@example.no' });
    const x = xledgerSnapshot({ dbId: 50, code: '1001', email: 'same@example.no' });
    const plan = planFor({ hrRows: [valid(synced), valid(newcomer)], xledger: [x], links: [{ hrEmployeeNumber: '1001', xledgerDbId: 50 }] });
    expect(plan.employees.map((p) => [p.employeeNumber, p.classification])).toEqual([
      ['1001', 'unchanged'],
      ['1002', 'invalid'],
    ]);
  });

  it('does not create an HR-only person whose email another Xledger employee already has', () => {
    // 9999 changed email in HR since the last sync; Xledger still has the old one, which a newcomer now uses.
    const synced = hrEmployee({ employeeNumber: '9999', workEmail: 'new@example.no' });
    const newcomer = hrEmployee({ employeeNumber: '2001', workEmail: 'taken@example.no' });
    const existing = xledgerSnapshot({ dbId: 77, code: '9999', email: 'taken@example.no' });
    const plan = planFor({
      hrRows: [valid(synced), valid(newcomer)],
      xledger: [existing],
      links: [{ hrEmployeeNumber: '9999', xledgerDbId: 77 }],
      policy: { createInXledger: 'auto' },
    });
    const p = plan.employees.find((e) => e.employeeNumber === '2001')!;
    expect(p.classification).toBe('only-in-hr');
    expect(p.creation).toEqual({
      target: 'xledger',
      status: 'blocked',
      reason: expect.stringContaining('Xledger employee 9999 already has the work email taken@example.no'),
    });
  });
});
