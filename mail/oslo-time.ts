export const MAIL_TIME_ZONE = 'Europe/Oslo';

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: MAIL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

function parse(iso: string): Date | undefined {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function parts(d: Date): Record<string, string> {
  return Object.fromEntries(dateTimeFormat.formatToParts(d).map((p) => [p.type, p.value]));
}

/** '2025-03-30 03:15:00 CEST'; an unparseable input is returned as it came, so a mail still goes out. */
export function formatOsloDateTime(iso: string): string {
  const d = parse(iso);
  if (!d) return iso;
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}`;
}

/** '2025-03-30' (the calendar date in Oslo). */
export function formatOsloDate(iso: string): string {
  const d = parse(iso);
  if (!d) return iso;
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** '1 h 2 min 3 s', '45 s'; undefined when either end is missing or the end is before the start. */
export function formatDuration(startIso: string, endIso: string): string | undefined {
  const start = parse(startIso);
  const end = parse(endIso);
  if (!start || !end || end < start) return undefined;
  let seconds = Math.round((end.getTime() - start.getTime()) / 1000);
  const h = Math.floor(seconds / 3600);
  seconds -= h * 3600;
  const m = Math.floor(seconds / 60);
  seconds -= m * 60;
  const out: string[] = [];
  if (h) out.push(`${h} h`);
  if (m) out.push(`${m} min`);
  if (seconds || out.length === 0) out.push(`${seconds} s`);
  return out.join(' ');
}
