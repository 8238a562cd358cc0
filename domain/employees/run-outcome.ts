import type { CountLabels, RunStatus } from '../shared/run-types';
import type { HrEmployeeCreate, SkippedWrite, XledgerEmployeeCreate, XledgerEmployeeUpdate } from './apply-decisions';
import type { HrEmployeePatch } from './hr-writes';
import type { EmployeePlan } from './plan-types';

/** How an employee run counts and settles its people: rules, no I/O. */

export interface EmployeeRunCounts {
  [name: string]: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  invalid: number;
  locked: number;
  createdInHr: number;
  updatedInHr: number;
}

export const EMPLOYEE_COUNT_LABELS: CountLabels = [
  ['created', 'Created in Xledger'],
  ['updated', 'Updated in Xledger'],
  ['unchanged', 'Unchanged'],
  ['skipped', 'Skipped'],
  ['failed', 'Failed'],
  ['invalid', 'Invalid in HR'],
  ['locked', 'Locked'],
  ['createdInHr', 'Created in HR'],
  ['updatedInHr', 'Updated in HR'],
];

export type ItemOutcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

/** What settling needs to know of one employee's run item (a stored row has these and more). */
export interface SettleableItem {
  plan: EmployeePlan;
  outcome: ItemOutcome | null;
  xledger_write: { kind: 'create'; create: XledgerEmployeeCreate } | { kind: 'update'; update: XledgerEmployeeUpdate } | null;
  xledger_done_at: Date | null;
  hr_write: { kind: 'patch'; patch: HrEmployeePatch } | { kind: 'create'; create: HrEmployeeCreate } | null;
  hr_done_at: Date | null;
  skipped: SkippedWrite[] | null;
}

/** Classifications whose people are linked at the end of a run (everyone the sync knows on both sides). */
export const LINKABLE_CLASSIFICATIONS: ReadonlySet<string> = new Set(['unchanged', 'update-xledger', 'update-hr', 'update-both', 'conflict', 'only-in-hr']);

export const emptyEmployeeCounts = (): EmployeeRunCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  invalid: 0,
  locked: 0,
  createdInHr: 0,
  updatedInHr: 0,
});

export function addCounts<C extends Record<string, number>>(total: C, page: C): void {
  for (const key of Object.keys(total) as Array<keyof C>) total[key] = (total[key] + page[key]) as C[keyof C];
}

/** Why an item with no write ended as it did, in words for the admin. */
export function settledOutcome(item: SettleableItem, status: RunStatus): { outcome: ItemOutcome; detail: string; event?: 'invalid' | 'locked' | 'skipped' } {
  const plan = item.plan;
  switch (plan.classification) {
    case 'unchanged':
      return { outcome: 'unchanged', detail: 'no differences' };
    case 'invalid':
      return { outcome: 'skipped', event: 'invalid', detail: plan.issues.map((i) => `${i.field}: ${i.reason}`).join('; ') || 'invalid HR data' };
    case 'locked':
      return { outcome: 'skipped', event: 'locked', detail: plan.notes.join(' ') || 'locked' };
    case 'ambiguous':
      return { outcome: 'skipped', event: 'skipped', detail: plan.notes.join(' ') || 'ambiguous match' };
    default: {
      if (status === 'DRY_RUN') return { outcome: 'skipped', detail: 'dry run: nothing written' };
      if (status === 'CANCELLED') return { outcome: 'skipped', event: 'skipped', detail: 'run cancelled before this employee was written' };
      const reasons = (item.skipped ?? []).map((s) => s.reason);
      return { outcome: 'skipped', event: reasons.length ? undefined : 'skipped', detail: reasons.join('; ') || 'nothing to write' };
    }
  }
}

export function countOutcomes(items: readonly SettleableItem[]): EmployeeRunCounts {
  const c = emptyEmployeeCounts();
  for (const i of items) {
    const cls = i.plan.classification;
    if (cls === 'invalid') c.invalid += 1;
    else if (cls === 'locked') c.locked += 1;
    else if (i.outcome === 'failed') c.failed += 1;
    else if (cls === 'unchanged') c.unchanged += 1;
    else if (i.outcome === 'skipped' || i.outcome === null) c.skipped += 1;
    if (i.outcome === 'failed') continue;
    if (i.xledger_done_at && i.xledger_write?.kind === 'create') c.created += 1;
    if (i.xledger_done_at && i.xledger_write?.kind === 'update') c.updated += 1;
    if (i.hr_done_at && i.hr_write?.kind === 'create') c.createdInHr += 1;
    if (i.hr_done_at && i.hr_write?.kind === 'patch') c.updatedInHr += 1;
  }
  return c;
}

/** A run's status from its items: every write landed (OK), some did (PARTIAL), or none did while some failed. */
export function statusFromTally(t: { failed: number; written: number }): 'OK' | 'PARTIAL' | 'FAILED' {
  if (t.failed === 0) return 'OK';
  return t.written > 0 ? 'PARTIAL' : 'FAILED';
}
