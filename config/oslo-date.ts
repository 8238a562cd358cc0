/** Today's date in Norway as 'YYYY-MM-DD' (positions are "current" by the company's calendar, not UTC's). */
export function osloToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const osloParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** How far Oslo's wall clock is ahead of UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function osloOffsetMs(instant: number): number {
  const p = Object.fromEntries(osloParts.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant an Oslo wall-clock time names: '2026-12-20' (midnight) or '2026-12-20T08:30'. Undefined when it is not
 * such a date and time, or names no real time (a day that does not exist).
 */
export function osloWallTimeToDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(asUtc).getUTCDate() !== d) return undefined; // 2026-02-30
  // Two rounds settle the offset on either side of a DST change.
  let instant = asUtc - osloOffsetMs(asUtc);
  instant = asUtc - osloOffsetMs(instant);
  return new Date(instant);
}
