import { osloWallTimeToDate } from '../../config/oslo-date';
import {
  catchupWindowSeconds,
  describeRequest,
  parseDays,
  parseEvery,
  parseTimeOfDay,
  stablePhase,
  toTemporalSpec,
  ScheduleInputError,
} from '../../domain/shared/schedule-spec';

describe('schedule requests', () => {
  it('reads days of the week as lists, ranges and daily', () => {
    expect(parseDays('mon,wed,fri')).toEqual(['mon', 'wed', 'fri']);
    expect(parseDays('Fri, mon')).toEqual(['mon', 'fri']);
    expect(parseDays('mon-fri')).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(parseDays('daily')).toHaveLength(7);
    expect(parseDays('monday,sunday')).toEqual(['mon', 'sun']);
  });

  it.each([
    ['funday', '--days: unknown day "funday"'],
    ['fri-mon', 'runs backwards'],
    ['', 'unknown day ""'],
  ])('refuses days %j naming the argument', (input, message) => {
    expect(() => parseDays(input)).toThrow(ScheduleInputError);
    expect(() => parseDays(input)).toThrow(message);
  });

  it('reads a 24-hour time of day and refuses others', () => {
    expect(parseTimeOfDay('06:00')).toEqual({ hour: 6, minute: 0 });
    expect(parseTimeOfDay('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['25:00', '06:60', '6am', '0600', '']) expect(() => parseTimeOfDay(bad)).toThrow(/^--at: /);
  });

  it('reads intervals and refuses zero, too short and nonsense', () => {
    expect(parseEvery('30m')).toBe(1800);
    expect(parseEvery('6h')).toBe(21600);
    expect(parseEvery('1d')).toBe(86400);
    expect(parseEvery('5s')).toBe(5);
    expect(() => parseEvery('0m')).toThrow('--every: "0m" is too short');
    expect(() => parseEvery('-5m')).toThrow('--every: "-5m" is not an interval');
    expect(() => parseEvery('soon')).toThrow('is not an interval');
    expect(() => parseEvery('90d')).toThrow('too long');
  });

  it('builds an Oslo calendar spec, spread by connection but within five minutes of the chosen time', () => {
    const spec = toTemporalSpec({ type: 'calendar', days: ['mon', 'wed', 'fri'], at: '06:00' }, 'acme/employees');
    expect(spec.timezone).toBe('Europe/Oslo');
    const [c] = spec.calendars!;
    expect(c).toMatchObject({ dayOfWeek: ['MONDAY', 'WEDNESDAY', 'FRIDAY'], hour: 6, comment: 'mon, wed, fri at 06:00 (Oslo)' });
    expect(c!.minute * 60 + c!.second).toBeLessThan(300);
    expect(toTemporalSpec({ type: 'calendar', days: ['mon'], at: '06:00' }, 'acme/employees').calendars![0]!.second).toBe(c!.second); // stable
  });

  it('offsets intervals per connection, never on the hour, and spreads a thousand connections', () => {
    const offsets = Array.from({ length: 1000 }, (_, i) => toTemporalSpec({ type: 'interval', everySeconds: 1800 }, `c${i}/master-data`).intervals![0]!.offset);
    for (const o of offsets) {
      expect(o).toBeGreaterThan(0);
      expect(o).toBeLessThan(1800 * 1000);
    }
    expect(new Set(offsets.map((o) => Math.floor(o / 1000))).size).toBeGreaterThan(500);
    expect(stablePhase('acme/employees')).toBe(stablePhase('acme/employees'));
  });

  it('says what it is in words, and how far back it catches up', () => {
    expect(describeRequest({ type: 'interval', everySeconds: 1800 })).toBe('every 30m');
    expect(describeRequest({ type: 'calendar', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], at: '06:00' })).toBe('daily at 06:00 (Oslo)');
    expect(catchupWindowSeconds({ type: 'calendar', days: ['mon'], at: '06:00' })).toBe(3600);
    expect(catchupWindowSeconds({ type: 'interval', everySeconds: 300 })).toBe(300);
    expect(catchupWindowSeconds({ type: 'interval', everySeconds: 86400 })).toBe(3600);
  });
});

describe('Oslo wall-clock times', () => {
  it('turns an Oslo date and time into the instant, in winter and in summer', () => {
    expect(osloWallTimeToDate('2026-12-20')?.toISOString()).toBe('2026-12-19T23:00:00.000Z');
    expect(osloWallTimeToDate('2027-06-01T08:30')?.toISOString()).toBe('2027-06-01T06:30:00.000Z');
    expect(osloWallTimeToDate('2027-03-28T04:00')?.toISOString()).toBe('2027-03-28T02:00:00.000Z'); // just after the change
    expect(osloWallTimeToDate('2026-02-30')).toBeUndefined();
    expect(osloWallTimeToDate('tomorrow')).toBeUndefined();
  });
});
