import {
  fromXledgerDateTime,
  isXledgerDate,
  moneyToMinorUnits,
  osloOffsetMs,
  parseXledgerInstant,
  toMoneyString,
  toXledgerDate,
  toXledgerDateTime,
} from '../../xledger/client/formats';

describe('Xledger timestamps (naive Europe/Oslo)', () => {
  it('formats winter (CET, +01:00) and summer (CEST, +02:00) instants', () => {
    expect(toXledgerDateTime(new Date('2025-01-15T11:30:05Z'))).toBe('2025-01-15T12:30:05');
    expect(toXledgerDateTime(new Date('2025-07-01T22:15:00Z'))).toBe('2025-07-02T00:15:00');
    expect(toXledgerDateTime(new Date('2024-12-31T23:00:00.999Z'))).toBe('2025-01-01T00:00:00');
  });

  it('parses back to the right UTC instant on both sides of DST', () => {
    expect(fromXledgerDateTime('2025-01-15T12:30:05').toISOString()).toBe('2025-01-15T11:30:05.000Z');
    expect(fromXledgerDateTime('2025-07-02T00:15:00').toISOString()).toBe('2025-07-01T22:15:00.000Z');
  });

  it('handles the spring-forward gap and the autumn repeated hour', () => {
    // 2025-03-30 02:00 → 03:00 local; 02:30 never happened on the wall clock.
    expect(fromXledgerDateTime('2025-03-30T02:30:00').toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(fromXledgerDateTime('2025-03-30T01:59:59').toISOString()).toBe('2025-03-30T00:59:59.000Z');
    expect(fromXledgerDateTime('2025-03-30T03:00:00').toISOString()).toBe('2025-03-30T01:00:00.000Z');
    // 2025-10-26 03:00 → 02:00 local; 02:30 happens twice, the earlier (summer) one is chosen.
    expect(fromXledgerDateTime('2025-10-26T02:30:00').toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(toXledgerDateTime(new Date('2025-10-26T01:30:00Z'))).toBe('2025-10-26T02:30:00');
  });

  it('round-trips every hour across a DST change', () => {
    const start = Date.parse('2025-10-25T20:00:00Z');
    for (let h = 0; h < 12; h++) {
      const d = new Date(start + h * 3_600_000);
      const back = fromXledgerDateTime(toXledgerDateTime(d));
      // The repeated hour maps to its first occurrence; everything else round-trips exactly.
      if (toXledgerDateTime(d).startsWith('2025-10-26T02')) expect(back.getTime()).toBeLessThanOrEqual(d.getTime());
      else expect(back.getTime()).toBe(d.getTime());
    }
  });

  it('reports the Oslo offset', () => {
    expect(osloOffsetMs(new Date('2025-01-01T00:00:00Z'))).toBe(3_600_000);
    expect(osloOffsetMs(new Date('2025-06-01T00:00:00Z'))).toBe(7_200_000);
  });

  it('rejects malformed timestamps and parses zoned ones', () => {
    expect(() => fromXledgerDateTime('2025-01-15 12:30:05')).toThrow(RangeError);
    expect(() => fromXledgerDateTime('2025-01-15T12:30')).toThrow(RangeError);
    expect(parseXledgerInstant('2025-01-15T12:30:05Z')?.toISOString()).toBe('2025-01-15T12:30:05.000Z');
    expect(parseXledgerInstant('2025-01-15T12:30:05+01:00')?.toISOString()).toBe('2025-01-15T11:30:05.000Z');
    expect(parseXledgerInstant('2025-01-15T12:30:05')?.toISOString()).toBe('2025-01-15T11:30:05.000Z');
    expect(parseXledgerInstant('soon')).toBeUndefined();
  });
});

describe('dates', () => {
  it('validates calendar dates', () => {
    expect(isXledgerDate('2024-02-29')).toBe(true);
    expect(isXledgerDate('2025-02-29')).toBe(false);
    expect(isXledgerDate('2025-13-01')).toBe(false);
    expect(isXledgerDate('2025-1-01')).toBe(false);
  });

  it('takes the Oslo calendar day of a Date', () => {
    expect(toXledgerDate(new Date('2025-06-30T22:30:00Z'))).toBe('2025-07-01');
    expect(toXledgerDate('2025-06-30')).toBe('2025-06-30');
    expect(toXledgerDate('2025-06-30T10:00:00')).toBe('2025-06-30');
    expect(() => toXledgerDate('30.06.2025')).toThrow(RangeError);
  });
});

describe('money', () => {
  it('formats numbers, strings and bigints as decimal strings', () => {
    expect(toMoneyString(101)).toBe('101.00');
    expect(toMoneyString(0.1 + 0.2)).toBe('0.30');
    expect(toMoneyString(-0.001)).toBe('0.00');
    expect(toMoneyString('1234.5')).toBe('1234.50');
    expect(toMoneyString('007.10')).toBe('7.10');
    expect(toMoneyString('-12.300')).toBe('-12.30');
    expect(toMoneyString(12n)).toBe('12.00');
    expect(toMoneyString('99999999999999999.99')).toBe('99999999999999999.99');
  });

  it('refuses to drop significant decimals or parse junk', () => {
    expect(() => toMoneyString('1.005')).toThrow(RangeError);
    expect(() => toMoneyString('1,50')).toThrow(RangeError);
    expect(() => toMoneyString(Number.NaN)).toThrow(RangeError);
  });

  it('converts to exact minor units', () => {
    expect(moneyToMinorUnits('1234.56')).toBe(123456n);
    expect(moneyToMinorUnits('-0.5')).toBe(-50n);
  });
});
