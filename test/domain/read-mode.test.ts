import { withHeldBackUnchanged } from '../../domain/employees/held-back';
import { INCREMENTAL_COVER_MS, planEmployeeRead, type EmployeeBookmark } from '../../domain/employees/read-mode';
import { nextSince as masterDataNextSince } from '../../domain/master-data';
import { nextSince } from '../../domain/shared/modified-since';

const WEEK = 7 * 86_400_000;
const now = new Date('2026-12-07T10:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const bookmark = (readHoursAgo: number, fullHoursAgo: number): EmployeeBookmark => ({
  readStartedAt: hoursAgo(readHoursAgo),
  lastFullReadAt: hoursAgo(fullHoursAgo),
});

describe('planEmployeeRead: full or incremental, and why', () => {
  it('reads incrementally from the bookmark, 15 minutes earlier, in Xledger’s naive Oslo time (winter: UTC+1)', () => {
    const mode = planEmployeeRead({ full: false, bookmark: bookmark(2, 30), now, fullEveryMs: WEEK });
    expect(mode).toEqual({
      mode: 'incremental',
      xledgerSince: '2026-12-07T08:45:00',
      hrSince: new Date('2026-12-07T07:45:00Z'),
      why: 'changes since 2026-12-07T08:45:00 (Oslo time)',
    });
  });

  it('uses summer time for a bookmark in July (UTC+2)', () => {
    const july = new Date('2026-07-01T10:00:00Z');
    const mode = planEmployeeRead({
      full: false,
      bookmark: { readStartedAt: july, lastFullReadAt: july },
      now: new Date('2026-07-01T12:00:00Z'),
      fullEveryMs: WEEK,
    });
    expect(mode).toMatchObject({ mode: 'incremental', xledgerSince: '2026-07-01T11:45:00' });
  });

  it('runs full when asked for, even with a fresh bookmark', () => {
    expect(planEmployeeRead({ full: true, bookmark: bookmark(1, 1), now, fullEveryMs: WEEK })).toEqual({
      mode: 'full',
      reason: 'asked',
      why: 'full run asked for (--full)',
    });
  });

  it('runs full without a bookmark (the connection’s first successful run)', () => {
    expect(planEmployeeRead({ full: false, bookmark: null, now, fullEveryMs: WEEK })).toMatchObject({ mode: 'full', reason: 'no-bookmark' });
  });

  it('runs full when the bookmark is older than incremental reads cover, and says how old', () => {
    const stale = planEmployeeRead({ full: false, bookmark: bookmark(74, 74), now, fullEveryMs: WEEK });
    expect(stale).toEqual({ mode: 'full', reason: 'stale-bookmark', why: 'last successful run read 3 days 2 h ago, more than incremental reads cover' });
    const justInside = new Date(now.getTime() - INCREMENTAL_COVER_MS + 60_000);
    expect(planEmployeeRead({ full: false, bookmark: { readStartedAt: justInside, lastFullReadAt: justInside }, now, fullEveryMs: WEEK }).mode).toBe(
      'incremental',
    );
  });

  it('runs full on the connection’s cadence, whatever the bookmark', () => {
    expect(planEmployeeRead({ full: false, bookmark: bookmark(1, 7 * 24), now, fullEveryMs: WEEK })).toEqual({
      mode: 'full',
      reason: 'cadence',
      why: 'periodic full run (every 7 days: drift and deletions)',
    });
    expect(planEmployeeRead({ full: false, bookmark: bookmark(1, 7 * 24 - 1), now, fullEveryMs: WEEK }).mode).toBe('incremental');
    expect(planEmployeeRead({ full: false, bookmark: bookmark(1, 25), now, fullEveryMs: 86_400_000 })).toMatchObject({
      reason: 'cadence',
      why: 'periodic full run (every 24 h: drift and deletions)',
    });
  });

  it('the master-data kind reads the same shared overlap arithmetic', () => {
    expect(masterDataNextSince).toBe(nextSince);
  });
});

describe('withHeldBackUnchanged: people counted, not planned again', () => {
  const read = { mode: 'incremental' as const, reason: 'changes', why: 'changes since 2026-12-07T09:45:00 (Oslo time)' };

  it('leaves the read as it is when nobody is held back', () => {
    expect(withHeldBackUnchanged(read, { invalid: 0, locked: 0 })).toEqual(read);
  });

  it('counts them in the read and says so in the why', () => {
    expect(withHeldBackUnchanged(read, { invalid: 3, locked: 1 })).toEqual({
      ...read,
      heldBackUnchanged: { invalid: 3, locked: 1 },
      why: 'changes since 2026-12-07T09:45:00 (Oslo time); 4 people held back by earlier runs and unchanged since (3 invalid, 1 locked) not listed again',
    });
    expect(withHeldBackUnchanged(read, { invalid: 0, locked: 1 }).why).toMatch(/; 1 person held back .* \(1 locked\) not listed again$/);
  });
});
