import {
  bankAccountCheckDigit,
  isCalendarDate,
  maskBankAccount,
  normalizeEmailForComparison,
  normalizePhoneForComparison,
  validateBankAccount,
  validateCountryCode,
  validateDate,
  validateEmail,
  validateGender,
  validatePhone,
  validatePostalCode,
  validateText,
} from '../../domain';
import { makeBankAccount } from './helpers';

describe('validateBankAccount', () => {
  it('accepts a valid account and normalises spaces and dots', () => {
    expect(validateBankAccount('12345678903')).toEqual({ ok: true, value: '12345678903' });
    expect(validateBankAccount('1234.56.78903')).toEqual({ ok: true, value: '12345678903' });
    expect(validateBankAccount(' 1234 56 78903 ')).toEqual({ ok: true, value: '12345678903' });
  });

  it('accepts accounts whose remainder is 0 (check digit 0)', () => {
    let found: string | null = null;
    for (let i = 0; i < 1000 && !found; i++) {
      const acc = makeBankAccount(`1503${String(i).padStart(6, '0')}`);
      if (acc && acc.endsWith('0')) found = acc;
    }
    expect(found).not.toBeNull();
    expect(validateBankAccount(found as string)).toEqual({ ok: true, value: found });
  });

  it('rejects first-10 digits whose check digit would be 10', () => {
    let prefix: string | null = null;
    for (let i = 0; i < 1000 && !prefix; i++) {
      const p = `1503${String(i).padStart(6, '0')}`;
      if (makeBankAccount(p) === null) prefix = p;
    }
    expect(prefix).not.toBeNull();
    expect(bankAccountCheckDigit(prefix as string)).toBeNull();
    for (let d = 0; d <= 9; d++) expect(validateBankAccount(`${prefix}${d}`).ok).toBe(false);
  });

  it.each([
    ['12345678904', /check digit/],
    ['1234567890', /11 digits \(found 10\)/],
    ['NO9386011117947', /digits/],
    ['1234-56-78903', /digits, spaces and dots/],
  ])('rejects %s', (value, reason) => {
    const r = validateBankAccount(value);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(reason);
      expect(r.reason).not.toContain(value.replace(/\D/g, '').slice(-5));
    }
  });

  it('masks bank accounts keeping the last four digits', () => {
    expect(maskBankAccount('1234.56.78903')).toBe('*******8903');
  });
});

describe('validateEmail', () => {
  it.each(['kari@example.no', 'kari.nordmann+hr@sub.example.com', "o'brien@example.ie", 'ærlig@bedrift.no'])('accepts %s', (email) =>
    expect(validateEmail(email)).toEqual({ ok: true, value: email }),
  );

  it('trims but keeps case; comparison form is lower-cased', () => {
    expect(validateEmail('  Kari@Example.NO ')).toEqual({ ok: true, value: 'Kari@Example.NO' });
    expect(normalizeEmailForComparison('  Kari@Example.NO ')).toBe('kari@example.no');
  });

  it.each([
    'kari',
    'kari@',
    '@example.no',
    'kari@example',
    'kari@@example.no',
    'ka ri@example.no',
    'kari@exa mple.no',
    'kari..n@example.no',
    'kari@example..no',
    'kari@1.2.3.4',
  ])('rejects %s', (email) => {
    const r = validateEmail(email, 'Work email');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^Work email is not a valid email address/);
  });
});

describe('validatePhone', () => {
  it('formats Norwegian numbers as E.164', () => {
    expect(validatePhone('912 34 567')).toEqual({ ok: true, value: '+4791234567' });
    expect(validatePhone('+47 912 34 567')).toEqual({ ok: true, value: '+4791234567' });
    expect(validatePhone('0047 22 22 22 22')).toEqual({ ok: true, value: '+4722222222' });
  });
  it('keeps foreign numbers with their country code', () => {
    expect(validatePhone('+46 70 123 45 67')).toEqual({ ok: true, value: '+46701234567' });
  });
  it.each(['123', '912345678', 'call me'])('rejects %s', (p) => {
    expect(validatePhone(p).ok).toBe(false);
  });
  it('comparison form treats spellings of one number as equal', () => {
    expect(normalizePhoneForComparison('912 34 567')).toBe(normalizePhoneForComparison('+47 91234567'));
    expect(normalizePhoneForComparison('12-3')).toBe('123');
  });
});

describe('validatePostalCode', () => {
  it('requires 4 digits for Norway (or unknown country)', () => {
    expect(validatePostalCode('0155', 'NO')).toEqual({ ok: true, value: '0155' });
    expect(validatePostalCode('0155', null)).toEqual({ ok: true, value: '0155' });
    expect(validatePostalCode('155', 'NO').ok).toBe(false);
    expect(validatePostalCode('01555', 'NO').ok).toBe(false);
    expect(validatePostalCode('O155', 'NO').ok).toBe(false);
  });
  it('is lenient for other countries', () => {
    expect(validatePostalCode('114 55', 'SE')).toEqual({ ok: true, value: '114 55' });
    expect(validatePostalCode('sw1a 1aa', 'GB')).toEqual({ ok: true, value: 'SW1A 1AA' });
    expect(validatePostalCode('<script>', 'GB').ok).toBe(false);
  });
});

describe('dates', () => {
  it.each(['2024-02-29', '2000-02-29', '1999-12-31'])('accepts %s', (d) => expect(isCalendarDate(d)).toBe(true));
  it.each(['2023-02-29', '1900-02-29', '2024-13-01', '2024-04-31', '2024-00-10', '24-01-01', '2024-1-1', '2024-01-01T00:00'])('rejects %s', (d) =>
    expect(isCalendarDate(d)).toBe(false),
  );
  it('explains the expected format', () => {
    const r = validateDate('13.09.1972', 'Date of birth');
    expect(r).toEqual({ ok: false, reason: 'Date of birth must be a date written as YYYY-MM-DD' });
    expect(validateDate('2023-02-29', 'Start date')).toEqual({ ok: false, reason: 'Start date is not a real calendar date' });
  });
});

describe('validateText (names)', () => {
  it.each([
    "O'Brien",
    'Anne-Marie "Mia"',
    'Back\\slash',
    'Ærlig Øyvind Åsheim',
    'Zoë 😀',
    '👩‍👩‍👧 family', // emoji with zero-width joiners
    'محمد',
    'שָׁלוֹם',
    "Robert'); DROP TABLE employees;--",
  ])('allows %s', (name) => {
    expect(validateText(name, 'First name')).toEqual({ ok: true, value: name.normalize('NFC') });
  });

  it('rejects a 10,000 character name with a clear reason', () => {
    const r = validateText('a'.repeat(10_000), 'First name');
    expect(r).toEqual({ ok: false, reason: 'First name is too long: 10000 characters, at most 200 are allowed' });
  });

  it('counts characters, not UTF-16 units (200 emoji are fine)', () => {
    expect(validateText('😀'.repeat(200), 'First name').ok).toBe(true);
    expect(validateText('😀'.repeat(201), 'First name').ok).toBe(false);
  });

  it.each(['Kari\nNordmann', 'Kari\tNordmann', 'Kari\u0000', 'Kari\u0007', 'Kari\u007F', 'Kari\u2028Nordmann', 'Kari\u0085x'])(
    'rejects control characters in %j',
    (name) => {
      const r = validateText(name, 'Last name');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^Last name contains a control character/);
    },
  );

  it('rejects broken Unicode (lone surrogates)', () => {
    expect(validateText('Kari\uD83D', 'First name').ok).toBe(false);
  });

  it('trims and maps empty to null', () => {
    expect(validateText('  Kari  ', 'x')).toEqual({ ok: true, value: 'Kari' });
    expect(validateText('   ', 'x')).toEqual({ ok: true, value: null });
  });
});

describe('country and gender', () => {
  it('accepts ISO alpha-2 codes in any case', () => {
    expect(validateCountryCode('no', 'Nationality')).toEqual({ ok: true, value: 'NO' });
    expect(validateCountryCode('NOR', 'Nationality').ok).toBe(false);
    expect(validateCountryCode('XX', 'Nationality').ok).toBe(false);
  });
  it('canonicalises gender spellings', () => {
    expect(validateGender('Kvinne')).toEqual({ ok: true, value: 'female' });
    expect(validateGender('M')).toEqual({ ok: true, value: 'male' });
    expect(validateGender('banana').ok).toBe(false);
  });
});
