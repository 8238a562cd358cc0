import type { CountLabels, RunStatus } from '../shared/run-types';
import type { AbsencePlan } from './absence-types';
import type { AbsenceWrite } from './writes';

/** How an absence run counts and settles its absences: rules, no I/O. */

export interface AbsenceRunCounts {
  [name: string]: number;
  created: number;
  updated: number;
  removed: number;
  exported: number;
  unchanged: number;
  kept: number;
  skipped: number;
  invalid: number;
  failed: number;
}

export const ABSENCE_COUNT_LABELS: CountLabels = [
  ['created', 'Created in Xledger'],
  ['updated', 'Updated in Xledger'],
  ['removed', 'Removed from Xledger'],
  ['exported', 'In the import file'],
  ['unchanged', 'Unchanged'],
  ['kept', 'Cancelled in HR, kept in Xledger'],
  ['skipped', 'Skipped'],
  ['invalid', 'Refused (invalid)'],
  ['failed', 'Failed'],
];

export const emptyAbsenceCounts = (): AbsenceRunCounts => ({
  created: 0,
  updated: 0,
  removed: 0,
  exported: 0,
  unchanged: 0,
  kept: 0,
  skipped: 0,
  invalid: 0,
  failed: 0,
});

/** Every absence settled as skipped (the result email's Skipped list): refused, kept in Xledger, or skipped. */
export const skippedAbsenceTotal = (c: AbsenceRunCounts): number => c.invalid + c.kept + c.skipped;

export type AbsenceOutcome = 'created' | 'updated' | 'removed' | 'exported' | 'unchanged' | 'skipped' | 'failed';

/** What settling needs of one absence item. */
export interface SettleableAbsence {
  plan: AbsencePlan;
  outcome: AbsenceOutcome | null;
  xledger_write: AbsenceWrite | null;
  xledger_done_at: Date | null;
}

/** Why an absence nothing was written for ended as it did, in words for the admin. */
export function settledAbsenceOutcome(item: SettleableAbsence, status: RunStatus): { outcome: AbsenceOutcome; detail: string; event?: 'invalid' | 'skipped' } {
  const plan = item.plan;
  if (plan.classification === 'unchanged') return { outcome: 'unchanged', detail: 'no differences' };
  if (plan.classification === 'invalid') return { outcome: 'skipped', event: 'invalid', detail: plan.issues.map((i) => `${i.field}: ${i.reason}`).join('; ') };
  if (status === 'DRY_RUN') return { outcome: 'skipped', detail: 'dry run: nothing written' };
  if (plan.classification === 'cancelled' && !item.xledger_write)
    return { outcome: 'skipped', event: 'skipped', detail: 'cancelled or deleted in HR: kept in Xledger' };
  if (status === 'CANCELLED') return { outcome: 'skipped', event: 'skipped', detail: 'run cancelled before this absence was written' };
  return { outcome: 'skipped', event: 'skipped', detail: 'nothing written' };
}

export function countAbsenceOutcomes(items: readonly SettleableAbsence[]): AbsenceRunCounts {
  const c = emptyAbsenceCounts();
  for (const i of items) {
    const cls = i.plan.classification;
    if (cls === 'invalid') c.invalid += 1;
    else if (i.outcome === 'failed') c.failed += 1;
    else if (i.outcome === 'created' || i.outcome === 'updated' || i.outcome === 'removed' || i.outcome === 'exported' || i.outcome === 'unchanged')
      c[i.outcome] += 1;
    else if (cls === 'cancelled' && !i.xledger_write) c.kept += 1;
    else c.skipped += 1;
  }
  return c;
}

/** A plan's share of the summary the workflow shows (no personal data). */
export function classificationCounts(plans: readonly Pick<AbsencePlan, 'classification'>[]): Record<AbsencePlan['classification'], number> {
  const c = { create: 0, update: 0, unchanged: 0, invalid: 0, cancelled: 0 };
  for (const p of plans) c[p.classification] += 1;
  return c;
}
