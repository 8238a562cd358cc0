import { connectionSettingsSchema, employeeSettingsSchema, mergeSettings, parseConnectionSettings } from '../../config/connection-settings';
import { invoiceSettingsSchema } from '../../config/settings/invoices-settings';

const message = (raw: unknown, where?: string): string => {
  try {
    parseConnectionSettings(raw, where);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('parsed without an error');
};

describe('connection settings: connection-wide keys at the top, one key per run kind', () => {
  it('fills every default, the employee ones under "employees"', () => {
    const defaults = {
      recipients: [],
      employees: {
        scope: {},
        requiredFields: ['employeeNumber', 'workEmail', 'firstName', 'lastName'],
        fieldPolicies: {},
        direction: 'two-way',
        createInXledger: 'ask',
        createInHr: 'ask',
        decisionTimeout: '7 days',
        reminderAfter: '1 day',
        timeoutPolicy: 'skip-undecided',
        fullRunEvery: '7 days',
        realtime: { enabled: false, createInXledger: false, debounce: '200 ms' },
      },
      absences: {
        codes: { childcare: 'CS', vacation: 'V', sick_leave: 'SWN' },
        statuses: ['approved'],
        defaultPercent: 100,
        defaultComment: 'temporary comment',
        cancelled: 'ask',
        writePath: 'auto',
        decisionTimeout: '7 days',
        reminderAfter: '1 day',
        timeoutPolicy: 'skip-undecided',
        importFileRetentionDays: 30,
      },
      invoices: invoiceSettingsSchema.parse({}),
      masterData: {
        types: ['suppliers', 'accounts', 'dimensions', 'currencies', 'vat-codes', 'fixed-assets', 'projects'],
        intervalMinutes: { suppliers: 30, accounts: 1440, dimensions: 60, currencies: 1440, 'vat-codes': 1440, 'fixed-assets': 360, projects: 60 },
        fullReadEveryHours: 24,
        pageSize: 5000,
        projectManagers: true,
      },
    };
    expect(parseConnectionSettings(undefined)).toEqual(defaults);
    expect(parseConnectionSettings({})).toEqual(defaults);
    expect(parseConnectionSettings({ employees: {} })).toEqual(defaults);
    expect(() => parseConnectionSettings({ employees: { fullRunEvery: 'weekly' } })).toThrow(
      'settings.employees.fullRunEvery: must be a duration such as "30 minutes" or "7 days"',
    );
    expect(employeeSettingsSchema.parse({})).toEqual(defaults.employees);
    expect(Object.keys(connectionSettingsSchema.shape)).toEqual(['recipients', 'employees', 'absences', 'invoices', 'masterData']);
  });

  it('keeps what is given and defaults the rest', () => {
    const s = parseConnectionSettings({ recipients: ['hr@acme.no'], employees: { createInXledger: 'auto', scope: { departments: ['D1'] } } });
    expect(s.recipients).toEqual(['hr@acme.no']);
    expect(s.employees).toMatchObject({ createInXledger: 'auto', createInHr: 'ask', scope: { departments: ['D1'] }, decisionTimeout: '7 days' });
  });

  it('names a bad employee setting by its full path', () => {
    expect(message({ employees: { createInXledger: 'sometimes' } })).toBe(
      'Invalid connection settings: settings.employees.createInXledger: Invalid option: expected one of "auto"|"ask"|"never"',
    );
    expect(message({ employees: { decisionTimeout: 'a week' } })).toBe(
      'Invalid connection settings: settings.employees.decisionTimeout: must be a duration such as "30 minutes" or "7 days"',
    );
    expect(message({ recipients: ['nope'] })).toBe('Invalid connection settings: settings.recipients.0: must be an email address');
    expect(message({ employees: { scope: { teams: ['x'] } } }, 'connection "acme" settings')).toBe(
      'Invalid connection settings: connection "acme" settings.employees.scope.teams: unknown setting',
    );
  });

  it('keeps an absence import file 1 to 90 whole days', () => {
    expect(parseConnectionSettings({ absences: { importFileRetentionDays: 90 } }).absences.importFileRetentionDays).toBe(90);
    expect(message({ absences: { importFileRetentionDays: 91 } })).toBe(
      'Invalid connection settings: settings.absences.importFileRetentionDays: must be at most 90 days (the file holds personal data)',
    );
    expect(message({ absences: { importFileRetentionDays: 0 } })).toBe(
      'Invalid connection settings: settings.absences.importFileRetentionDays: must be at least 1 day',
    );
    expect(message({ absences: { importFileRetentionDays: 1.5 } })).toBe(
      'Invalid connection settings: settings.absences.importFileRetentionDays: must be whole days',
    );
  });

  it('refuses the old flat shape, naming each key and where it belongs now', () => {
    expect(message({ createInXledger: 'auto' })).toBe('Invalid connection settings: settings.createInXledger: moved — put it under "employees"');
    const all = message({ recipients: ['hr@acme.no'], direction: 'hr-to-xledger', timeoutPolicy: 'cancel', colour: 'blue' });
    expect(all).toBe(
      'Invalid connection settings: settings.direction: moved — put it under "employees"; settings.timeoutPolicy: moved — put it under "employees"; settings.colour: unknown setting',
    );
    expect(all).not.toContain('\n');
  });

  it('refuses a key that belongs under "employees" nested somewhere else as unknown, not as moved', () => {
    expect(message({ employees: { employees: {} } })).toBe('Invalid connection settings: settings.employees.employees: unknown setting');
  });
});

describe('mergeSettings (a partial settings file onto the stored settings)', () => {
  const stored = parseConnectionSettings({
    recipients: ['a@acme.no', 'b@acme.no'],
    employees: { scope: { departments: ['D1', 'D2'] }, fieldPolicies: { phone: 'ask' } },
  });

  it('merges objects at every depth and leaves the rest alone', () => {
    const merged = parseConnectionSettings(mergeSettings(stored, { employees: { createInXledger: 'auto', fieldPolicies: { email: 'hr-wins' } } }));
    expect(merged).toEqual({
      ...stored,
      employees: { ...stored.employees, createInXledger: 'auto', fieldPolicies: { phone: 'ask', email: 'hr-wins' } },
    });
  });

  it('replaces arrays whole, and null brings a default back', () => {
    const merged = parseConnectionSettings(
      mergeSettings(stored, { recipients: ['c@acme.no'], employees: { scope: { departments: null }, fieldPolicies: { phone: null } } }),
    );
    expect(merged.recipients).toEqual(['c@acme.no']);
    expect(merged.employees.scope).toEqual({});
    expect(merged.employees.fieldPolicies).toEqual({});
    expect(stored.recipients).toEqual(['a@acme.no', 'b@acme.no']); // the input is not changed
  });

  it('leaves a bad or misplaced key for validation to name', () => {
    expect(() => parseConnectionSettings(mergeSettings(stored, { createInXledger: 'auto' }))).toThrow(
      'settings.createInXledger: moved — put it under "employees"',
    );
    const polluted = mergeSettings(stored, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => parseConnectionSettings(polluted)).toThrow(/settings\.__proto__: unknown setting/);
  });
});
