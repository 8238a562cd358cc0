const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  second: 1_000,
  seconds: 1_000,
  m: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** Milliseconds of a setting such as "7 days" or "30 minutes" (the format config/connection-settings.ts accepts). */
export function durationMs(text: string): number {
  const m = /^(\d+)\s*([a-z]+)$/.exec(text.trim());
  const unit = m ? UNIT_MS[m[2]] : undefined;
  if (!m || unit === undefined) throw new Error(`not a duration: "${text}"`);
  return Number(m[1]) * unit;
}

export function addDuration(epochMs: number, text: string): number {
  return epochMs + durationMs(text);
}
