import { validateHrEmployee } from '../../domain';
import { rawRow } from './helpers';

function issuesOf(raw: unknown, options = {}) {
  const r = validateHrEmployee(raw, options);
  if (r.ok) throw new Error('expected issues');
  return r;
}

describe('validateHrEmployee', () => {
  it('normalises a valid row', () => {
    const r = validateHrEmployee(rawRow());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.employee).toEqual({
      employeeNumber: '1001',
      workEmail: 'Kari.Nordmann@Example.no',
      firstName: 'Kari',
      lastName: 'Nordmann',
      phone: '+4791234567',
      birthDate: '1972-09-13',
      nationalId: '13097248022',
      gender: 'female',
      nationality: 'NO',
      bankAccount: '12345678903',
      address: { street: 'Storgata 1', postalCode: '0155', place: 'Oslo', country: 'NO' },
      status: 'active',
      department: 'Finance',
      legalEntity: null,
      employmentType: null,
      updatedAt: null,
      positions: [{ jobTitle: 'Accountant', startDate: '2020-01-01', endDate: null, probationEndDate: null, noticeDate: null, primary: true }],
    });
    expect(r.warnings).toEqual([]);
  });

  it('reports every issue, not just the first, and never the id or account number', () => {
    const r = issuesOf(
      rawRow({
        workEmail: 'not-an-email',
        firstName: 'a'.repeat(10_000),
        lastName: 'Nord\u0000mann',
        phone: '123',
        nationalId: '13097248032',
        bankAccount: '12345678904',
        birthDate: '1972-02-30',
        address: { street: 'Storgata 1', postalCode: '155', place: 'Oslo', country: 'NO' },
        status: 'retired',
      }),
    );
    const fields = r.issues.map((i) => i.field).sort();
    expect(fields).toEqual(['address.postalCode', 'bankAccount', 'birthDate', 'firstName', 'lastName', 'nationalId', 'phone', 'status', 'workEmail'].sort());
    const text = JSON.stringify(r.issues);
    expect(text).not.toContain('13097248032');
    expect(text).not.toContain('48032');
    expect(text).not.toContain('12345678904');
    expect(text).not.toContain('78904');
    expect(r.issues.find((i) => i.field === 'firstName')?.reason).toBe('First name is too long: 10000 characters, at most 200 are allowed');
    // Best-effort keys survive so the row can still be matched.
    expect(r.employeeNumber).toBe('1001');
    expect(r.workEmail).toBeNull();
  });

  it('requires the default fields: employee number, work email, first and last name', () => {
    const r = issuesOf({ positions: [] });
    expect(r.issues).toEqual([
      { field: 'employeeNumber', reason: 'Employee number is required but missing' },
      { field: 'workEmail', reason: 'Work email is required but missing' },
      { field: 'firstName', reason: 'First name is required but missing' },
      { field: 'lastName', reason: 'Last name is required but missing' },
    ]);
  });

  it('uses the connection’s required fields, always including the employee number', () => {
    const row = rawRow({ workEmail: null, nationalId: null, positions: [] });
    const r = issuesOf(row, { requiredFields: ['nationalId', 'positions'] });
    expect(r.issues.map((i) => i.field)).toEqual(['nationalId', 'positions']);
    expect(validateHrEmployee(rawRow({ workEmail: null }), { requiredFields: ['firstName'] }).ok).toBe(true);
    const noNumber = issuesOf(rawRow({ employeeNumber: ' ' }), { requiredFields: [] });
    expect(noNumber.issues.map((i) => i.field)).toEqual(['employeeNumber']);
  });

  it('reports wrong value types per field and still checks the other fields', () => {
    const r = issuesOf(rawRow({ firstName: { first: 'Kari' }, phone: 'x', positions: 'lots' }));
    expect(r.issues).toEqual(
      expect.arrayContaining([
        { field: 'firstName', reason: 'First name has the wrong kind of value (expected text)' },
        { field: 'positions', reason: 'Positions has the wrong kind of value (expected a list of positions)' },
        expect.objectContaining({ field: 'phone' }),
      ]),
    );
  });

  it('accepts numbers for text fields (CSV imports) and Date objects for dates', () => {
    const r = validateHrEmployee(rawRow({ employeeNumber: 1001, birthDate: new Date(1972, 8, 13) }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.employee.employeeNumber).toBe('1001');
      expect(r.employee.birthDate).toBe('1972-09-13');
    }
  });

  it('allows quotes, backslashes, emoji, Æ/Ø/Å and right-to-left names', () => {
    const r = validateHrEmployee(rawRow({ firstName: 'Ærlig "Ø" \\ Åse 😀', lastName: 'عبد الله' }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.employee.lastName).toBe('عبد الله');
  });

  it('checks positions: start date required, end not before start', () => {
    const r = issuesOf(
      rawRow({
        positions: [
          { jobTitle: 'A', startDate: null, primary: true },
          { jobTitle: 'B', startDate: '2024-05-01', endDate: '2024-04-30' },
          { jobTitle: 'C', startDate: '2024-02-30' },
        ],
      }),
    );
    expect(r.issues).toEqual([
      { field: 'positions[0].startDate', reason: 'Position 1: Start date is required' },
      { field: 'positions[1].endDate', reason: 'Position 2: End date is before the start date' },
      { field: 'positions[2].startDate', reason: 'Position 3: Start date is not a real calendar date' },
    ]);
  });

  it('rejects birth dates in the future when today is given', () => {
    const r = issuesOf(rawRow({ birthDate: '2030-01-01', nationalId: null }), { today: '2025-06-15' });
    expect(r.issues).toEqual([{ field: 'birthDate', reason: 'Date of birth is in the future' }]);
  });

  it('warns (without the number) when the id and birth date disagree', () => {
    const r = validateHrEmployee(rawRow({ birthDate: '1972-09-14' }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]?.field).toBe('nationalId');
      expect(JSON.stringify(r.warnings)).not.toContain('48022');
    }
  });

  it('accepts a synthetic Tenor id that matches its birth date', () => {
    const r = validateHrEmployee(rawRow({ nationalId: '16822548834', birthDate: '2025-02-16' }));
    expect(r.ok && r.warnings.length === 0).toBe(true);
  });

  it('rejects something that is not a row', () => {
    expect(validateHrEmployee('hello')).toEqual({
      ok: false,
      issues: [{ field: '(row)', reason: 'The row is not an employee record' }],
      employeeNumber: null,
      workEmail: null,
      status: null,
    });
  });

  it('defaults status to active and keeps deactivated/deleted', () => {
    const a = validateHrEmployee(rawRow({ status: undefined }));
    const d = validateHrEmployee(rawRow({ status: 'Deactivated' }));
    expect(a.ok && a.employee.status).toBe('active');
    expect(d.ok && d.employee.status).toBe('deactivated');
  });
});
