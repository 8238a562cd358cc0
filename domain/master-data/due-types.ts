import type { MasterDataType } from './catalog';

/**
 * SEMINE's intervals per type on one schedule per connection (the platform's rule): the schedule fires at the shortest
 * interval, and each run reads the types whose interval has passed since their last good read. A little slack keeps a
 * 30-minute type from skipping every other 30-minute run because the last one ended a few seconds "too late".
 */
export function slackMs(intervalMinutes: number): number {
  return Math.min(5 * 60_000, intervalMinutes * 6_000); // 10 % of the interval, at most 5 minutes
}

export function dueTypes(
  types: readonly MasterDataType[],
  lastOkAt: ReadonlyMap<MasterDataType, Date | null>,
  intervalMinutes: Readonly<Record<MasterDataType, number>>,
  now: Date,
): MasterDataType[] {
  return types.filter((t) => {
    const last = lastOkAt.get(t);
    if (!last) return true;
    return now.getTime() - last.getTime() >= intervalMinutes[t] * 60_000 - slackMs(intervalMinutes[t]);
  });
}

/** When a type is next read: the first scheduled run at which it is due (undefined: none of the times given). */
export function nextReadOf(lastOkAt: Date | null, intervalMinutes: number, scheduled: readonly Date[]): Date | undefined {
  if (!lastOkAt) return scheduled[0];
  const dueAt = lastOkAt.getTime() + intervalMinutes * 60_000 - slackMs(intervalMinutes);
  return scheduled.find((t) => t.getTime() >= dueAt);
}
