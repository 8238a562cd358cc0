import { validateBankAccount, validateHrEmployee, validateNationalId, validatePhone, type RequiredHrField } from '../../domain';
import { asciiFold, generateBadRecords, generateEmployees, mulberry32 } from '../../scripts/lib/generate-employees';

const ALL_REQUIRED: RequiredHrField[] = [
  'employeeNumber',
  'workEmail',
  'firstName',
  'lastName',
  'phone',
  'birthDate',
  'nationalId',
  'gender',
  'nationality',
  'bankAccount',
  'address.street',
  'address.postalCode',
  'address.place',
  'address.country',
  'department',
  'legalEntity',
  'employmentType',
  'positions',
];

describe('employee generator', () => {
  const today = '2026-01-15';
  const employees = generateEmployees(2000, { seed: 2026, today });

  it('is deterministic per seed and differs between seeds', () => {
    expect(generateEmployees(50, { seed: 2026, today })).toEqual(employees.slice(0, 50));
    expect(generateEmployees(50, { seed: 2027, today })).not.toEqual(employees.slice(0, 50));
    const [a, b] = [mulberry32(1), mulberry32(1)];
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('produces employees that pass validateHrEmployee with every field required, unchanged by normalisation and without warnings', () => {
    for (const e of employees) {
      const r = validateHrEmployee(e, { requiredFields: ALL_REQUIRED, today });
      if (!r.ok) throw new Error(`${e.employeeNumber}: ${JSON.stringify(r.issues)}`);
      expect(r.warnings).toEqual([]);
      expect(r.employee).toEqual(e);
    }
  });

  it('uses synthetic (month + 80) national ids, valid account numbers and Norwegian mobile numbers', () => {
    for (const e of employees) {
      const id = validateNationalId(e.nationalId);
      expect(id.ok && id.value?.synthetic).toBe(true);
      expect(validateBankAccount(e.bankAccount)).toEqual({ ok: true, value: e.bankAccount });
      expect(e.phone).toMatch(/^\+47[49]\d{7}$/);
      expect(validatePhone(e.phone).ok).toBe(true);
      expect(e.birthDate! >= '1960-01-01' && e.birthDate! <= '2003-12-31').toBe(true);
    }
  });

  it('numbers employees E00001…, gives unique lowercase ASCII emails, one primary position of 1 to 3', () => {
    expect(employees[0].employeeNumber).toBe('E00001');
    expect(employees[1999].employeeNumber).toBe('E02000');
    const emails = employees.map((e) => e.workEmail!);
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(email).toMatch(/^[a-z0-9.]+@fjordlys\.no$/);
    for (const e of employees) {
      expect(e.positions.length).toBeGreaterThanOrEqual(1);
      expect(e.positions.length).toBeLessThanOrEqual(3);
      expect(e.positions.filter((p) => p.primary)).toHaveLength(1);
      expect(e.positions[0].startDate > e.birthDate!).toBe(true);
    }
    expect(employees.some((e) => /[æøåÆØÅ]/.test(`${e.firstName}${e.lastName}`))).toBe(true);
    expect(asciiFold('Bjørn Æsa Åsheim')).toBe('bjorn-aesa-aasheim');
  });

  it('produces bad records that fail in exactly the annotated way, and hard-but-valid ones that pass', () => {
    const bad = generateBadRecords(45, { seed: 9, today, against: employees.slice(0, 45) });
    expect(new Set(bad.map((b) => b.kind)).size).toBe(9);
    for (const record of bad) {
      const r = validateHrEmployee(record.raw, { today });
      if (record.valid || record.duplicateOf) {
        // Duplicates are only visible across rows (the import's file-level checks).
        expect(r.ok).toBe(true);
        continue;
      }
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0].field).toBe(record.field);
      expect(r.issues[0].reason).toMatch(record.reason!);
    }
    const longName = bad.find((b) => b.kind === 'very-long-name')!;
    expect([...String(longName.raw.firstName)]).toHaveLength(10_000);
  });
});
