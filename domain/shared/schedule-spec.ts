/**
 * What an admin asks of a schedule, checked and turned into a Temporal Schedule spec. Pure: no clock, no I/O.
 * Wall-clock schedules are calendars in Europe/Oslo (intervals ignore time zones and DST); interval schedules get a
 * stable per-connection phase so a thousand connections do not fire in the same second, nor on the hour.
 */

export const SCHEDULE_TIME_ZONE = 'Europe/Oslo';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const TEMPORAL_DAY: Record<Weekday, 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY'> = {
  mon: 'MONDAY',
  tue: 'TUESDAY',
  wed: 'WEDNESDAY',
  thu: 'THURSDAY',
  fri: 'FRIDAY',
  sat: 'SATURDAY',
  sun: 'SUNDAY',
};

const FULL_NAME: Record<Weekday, string> = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' };

/** Days of the week at a time of day (Oslo), or every N seconds. */
export type ScheduleRequest = { type: 'calendar'; days: Weekday[]; at: string } | { type: 'interval'; everySeconds: number };

export class ScheduleInputError extends Error {
  override name = 'ScheduleInputError';
}

/** `mon,wed,fri`, `mon-fri`, `daily` / `all` → the days, in week order; an unknown day names itself. */
export function parseDays(input: string): Weekday[] {
  const text = input.trim().toLowerCase();
  if (text === 'daily' || text === 'all' || text === '*') return [...WEEKDAYS];
  const days = new Set<Weekday>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = part.split('-').map((p) => p.trim());
    const index = (d: string) => {
      const i = WEEKDAYS.findIndex((w) => d === w || d === FULL_NAME[w]);
      if (i < 0)
        throw new ScheduleInputError(`--days: unknown day "${d}"; use mon, tue, wed, thu, fri, sat, sun (lists like mon,wed,fri or ranges like mon-fri)`);
      return i;
    };
    if (range.length === 1) days.add(WEEKDAYS[index(range[0]!)]!);
    else if (range.length === 2) {
      const [from, to] = [index(range[0]!), index(range[1]!)];
      if (to < from) throw new ScheduleInputError(`--days: the range "${part}" runs backwards; write it from the earlier day, e.g. mon-fri`);
      for (let i = from; i <= to; i++) days.add(WEEKDAYS[i]!);
    } else throw new ScheduleInputError(`--days: cannot read "${part}"`);
  }
  if (days.size === 0) throw new ScheduleInputError('--days: give at least one day');
  return WEEKDAYS.filter((d) => days.has(d));
}

/** `06:00` (24-hour, Oslo) → hour and minute; `25:00`, `6am` or `06:60` name themselves. */
export function parseTimeOfDay(input: string): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(input.trim());
  const hour = m ? Number(m[1]) : NaN;
  const minute = m ? Number(m[2]) : NaN;
  if (!m || hour > 23 || minute > 59) throw new ScheduleInputError(`--at: "${input}" is not a time of day; use HH:MM from 00:00 to 23:59 (Oslo time)`);
  return { hour, minute };
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** The shortest interval a schedule may have: enough for a test, far shorter than any real cadence. */
export const MIN_INTERVAL_SECONDS = 5;

/** `30m`, `6h`, `1d`, `90s` → seconds; `0m`, `-5m` or `soon` name themselves. */
export function parseEvery(input: string): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(input.trim().toLowerCase());
  if (!m) throw new ScheduleInputError(`--every: "${input}" is not an interval; use a number and s, m, h or d, e.g. 30m, 6h, 1d`);
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  if (seconds < MIN_INTERVAL_SECONDS) throw new ScheduleInputError(`--every: "${input}" is too short; the shortest interval is ${MIN_INTERVAL_SECONDS}s`);
  if (seconds > 31 * 86_400) throw new ScheduleInputError(`--every: "${input}" is too long; use at most 31d (or --days and --at)`);
  return seconds;
}

/** A stable number in [0, 1) for a connection and kind: the same every time, spread across connections. */
export function stablePhase(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 2 ** 32;
}

/** Calendar runs start within this many seconds after the chosen time, spread by connection ("shortly after 06:00"). */
export const CALENDAR_SPREAD_SECONDS = 300;

/** The Temporal ScheduleSpec for a request (plain data, as `client.schedule.create` takes it). */
export function toTemporalSpec(request: ScheduleRequest, phaseKey: string) {
  const phase = stablePhase(phaseKey);
  if (request.type === 'calendar') {
    const { hour, minute } = parseTimeOfDay(request.at);
    const spread = Math.floor(phase * CALENDAR_SPREAD_SECONDS);
    const total = minute * 60 + spread;
    return {
      calendars: [
        {
          comment: describeRequest(request),
          dayOfWeek: request.days.map((d) => TEMPORAL_DAY[d]),
          hour,
          minute: Math.floor(total / 60),
          second: total % 60,
        },
      ],
      timezone: SCHEDULE_TIME_ZONE,
    };
  }
  // Intervals count from the Unix epoch: an offset shifts this connection's runs off the hour and off everyone else's.
  const every = request.everySeconds;
  const offsetSeconds = every <= 1 ? 0 : 1 + Math.floor(phase * (every - 1));
  return { intervals: [{ every: every * 1000, offset: offsetSeconds * 1000 }] };
}

/** How the schedule reads for an admin: "mon, wed, fri at 06:00 (Oslo)", "every 30m". */
export function describeRequest(request: ScheduleRequest): string {
  if (request.type === 'interval') return `every ${formatSeconds(request.everySeconds)}`;
  const days = request.days.length === 7 ? 'daily' : request.days.join(', ');
  return `${days} at ${request.at} (Oslo)`;
}

export function formatSeconds(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/**
 * Catch-up window: after the Temporal server was down, a missed run is still taken if it is this recent. One hour for
 * wall-clock schedules ("shortly after 06:00", not at lunch); one interval for interval schedules (at most one
 * missed run is made up, never a backlog). Temporal's default is a year.
 */
export function catchupWindowSeconds(request: ScheduleRequest): number {
  return request.type === 'calendar' ? 3_600 : Math.max(10, Math.min(request.everySeconds, 3_600));
}
