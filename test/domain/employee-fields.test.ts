import { displayFieldValue, EMPLOYEE_FIELDS, EMPLOYEE_FIELD_KEYS, employeeField, readHrValues, readXledgerValues } from '../../domain';
import { hrEmployee, TODAY, xledgerSnapshot } from './helpers';

describe('EMPLOYEE_FIELDS mapping table', () => {
  it('has unique keys and covers the union of the seed tables', () => {
    expect(new Set(EMPLOYEE_FIELD_KEYS).size).toBe(EMPLOYEE_FIELDS.length);
    expect([...EMPLOYEE_FIELD_KEYS].sort()).toEqual(
      [
        'employeeNumber',
        'email',
        'firstName',
        'lastName',
        'fullName',
        'phone',
        'birthDate',
        'nationalId',
        'gender',
        'nationality',
        'bankAccount',
        'addressStreet',
        'addressPostalCode',
        'addressPlace',
        'addressCountry',
        'jobTitle',
        'employmentFrom',
        'employmentTo',
        'trialTo',
        'noticeDate',
      ].sort(),
    );
  });

  it('a field flows to HR exactly when it names an HR field', () => {
    for (const f of EMPLOYEE_FIELDS) expect([f.key, f.flowsToHr]).toEqual([f.key, f.hrField !== null]);
  });

  it('position-derived fields are HR → Xledger only and HR wins', () => {
    for (const key of ['jobTitle', 'employmentFrom', 'employmentTo', 'trialTo', 'noticeDate'] as const) {
      expect(employeeField(key)).toMatchObject({ flowsToHr: false, defaultPolicy: 'hr-wins' });
    }
  });

  it('writes to the Xledger inputs the seeds name', () => {
    const writes = (key: Parameters<typeof employeeField>[0]) => employeeField(key).xledgerWrites.map((w) => `${w.target}.${w.field}`);
    expect(writes('employeeNumber')).toEqual(['employee.code']);
    expect(writes('email')).toEqual(['employee.email', 'contact.email', 'subledger.email']);
    expect(writes('fullName')).toEqual(['employee.description', 'subledger.description']);
    expect(writes('phone')).toEqual(['contact.phone', 'subledger.phone']);
    expect(writes('birthDate')).toEqual(['contact.birthday']);
    expect(writes('nationalId')).toEqual(['contact.socialSec']);
    expect(writes('nationality')).toEqual(['contact.country']);
    expect(writes('bankAccount')).toEqual(['subledger.bankAccount']);
    expect(writes('addressStreet')).toEqual(['contact.address.streetAddress', 'subledger.address.streetAddress']);
    expect(writes('jobTitle')).toEqual(['contact.jobTitle']);
    expect(writes('employmentFrom')).toEqual(['employee.employmentFrom']);
    expect(writes('trialTo')).toEqual(['employee.trialTo']);
  });

  it('flags: address never unset, national id removed with HR, PII marked', () => {
    for (const key of ['addressStreet', 'addressPostalCode', 'addressPlace', 'addressCountry'] as const) {
      expect(employeeField(key).neverUnsetInXledger).toBe(true);
    }
    expect(employeeField('nationalId').removeInXledgerWhenRemovedInHr).toBe(true);
    expect(EMPLOYEE_FIELDS.filter((f) => f.removeInXledgerWhenRemovedInHr).map((f) => f.key)).toEqual(['nationalId']);
    expect(EMPLOYEE_FIELDS.filter((f) => f.pii).map((f) => [f.key, f.pii])).toEqual([
      ['nationalId', 'nationalId'],
      ['bankAccount', 'bankAccount'],
    ]);
  });

  it('the two sides of the fixtures are equal after normalising every field', () => {
    const hr = readHrValues(hrEmployee(), { today: TODAY });
    const xl = readXledgerValues(xledgerSnapshot());
    for (const f of EMPLOYEE_FIELDS) expect([f.key, f.normalize(hr[f.key])]).toEqual([f.key, f.normalize(xl[f.key])]);
    // …while several raw values differ (so the normalisers are doing real work).
    expect(hr.email).not.toBe(xl.email);
    expect(hr.phone).not.toBe(xl.phone);
    expect(hr.bankAccount).not.toBe(xl.bankAccount);
  });

  it('derives full name and position values from HR', () => {
    const hr = readHrValues(hrEmployee({ firstName: 'Kari', lastName: null }), { today: TODAY });
    expect(hr.fullName).toBe('Kari');
    expect(hr.employmentFrom).toBe('2020-01-01');
    expect(hr.jobTitle).toBe('Accountant');
  });

  it('email compares case-insensitively; names do not', () => {
    expect(employeeField('email').normalize(' A@B.no ')).toBe(employeeField('email').normalize('a@b.NO'));
    expect(employeeField('firstName').normalize('kari')).not.toBe(employeeField('firstName').normalize('Kari'));
  });

  it('displays PII masked', () => {
    expect(displayFieldValue('nationalId', '13097248022')).toBe('***********');
    expect(displayFieldValue('bankAccount', '12345678903')).toBe('*******8903');
    expect(displayFieldValue('email', 'a@b.no')).toBe('a@b.no');
    expect(displayFieldValue('phone', null)).toBe('(empty)');
  });
});
