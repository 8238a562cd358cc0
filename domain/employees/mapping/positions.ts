import type { HrPosition } from '../employee-types';

/**
 * Values Xledger gets from an employee's positions (HR → Xledger only).
 *
 * - employmentFrom: start date of the earliest position.
 * - employmentTo: end date of the latest position, where "latest" is the position that ends last;
 *   an open-ended position (no end date) ends last, so any open-ended position gives null.
 *   (An employee with an ongoing main position and a finished side position is still employed.)
 * - trialTo, noticeDate, jobTitle: from the "selected" primary position: the current one
 *   (start ≤ today ≤ end, or no end), else the upcoming one (earliest future start), else the
 *   latest past one (latest end). Several current: the latest start wins. If no position is
 *   flagged primary, all positions are considered.
 */

export interface PositionDerivedValues {
  employmentFrom: string | null;
  employmentTo: string | null;
  trialTo: string | null;
  noticeDate: string | null;
  jobTitle: string | null;
}

const endOf = (p: HrPosition): string | null => p.endDate ?? null;

/** Compare ends where null (open-ended) is the latest possible end. */
function compareEnds(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export function isCurrentPosition(p: HrPosition, today: string): boolean {
  const end = endOf(p);
  return p.startDate <= today && (end === null || end >= today);
}

export function earliestStart(positions: readonly HrPosition[]): string | null {
  let best: string | null = null;
  for (const p of positions) if (best === null || p.startDate < best) best = p.startDate;
  return best;
}

/** The end of the position that ends last; null if there is none or it is open-ended. */
export function latestEnd(positions: readonly HrPosition[]): string | null {
  if (positions.length === 0) return null;
  let best: string | null = endOf(positions[0] as HrPosition);
  for (const p of positions) if (compareEnds(endOf(p), best) > 0) best = endOf(p);
  return best;
}

/** The current, else upcoming, else latest primary position (see module doc). */
export function selectPrimaryPosition(positions: readonly HrPosition[], today: string): HrPosition | null {
  const primaries = positions.filter((p) => p.primary);
  const pool = primaries.length > 0 ? primaries : positions;
  if (pool.length === 0) return null;

  const current = pool.filter((p) => isCurrentPosition(p, today));
  if (current.length > 0) {
    return current.reduce((a, b) => (b.startDate > a.startDate ? b : a));
  }
  const upcoming = pool.filter((p) => p.startDate > today);
  if (upcoming.length > 0) {
    return upcoming.reduce((a, b) => (b.startDate < a.startDate ? b : a));
  }
  return pool.reduce((a, b) => {
    const c = compareEnds(endOf(b), endOf(a));
    if (c !== 0) return c > 0 ? b : a;
    return b.startDate > a.startDate ? b : a;
  });
}

export function derivePositionValues(positions: readonly HrPosition[], today: string): PositionDerivedValues {
  const selected = selectPrimaryPosition(positions, today);
  return {
    employmentFrom: earliestStart(positions),
    employmentTo: latestEnd(positions),
    trialTo: selected?.probationEndDate ?? null,
    noticeDate: selected?.noticeDate ?? null,
    jobTitle: selected?.jobTitle ?? null,
  };
}
