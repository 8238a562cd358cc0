import { sameAsBaseline, type PersonalHasher } from '../employees/baseline';
import { classifyEmployee } from '../employees/classify';
import { EMPLOYEE_FIELDS } from '../employees/mapping/employee-fields';
import type { EmployeeFieldKey } from '../employees/mapping/field-mapping-types';
import type { EmployeePlan, FieldBaseline, KeptField } from '../employees/plan-types';

/** A field a push did not write, and why (it waits for the next run's decisions). */
export interface HeldField {
  field: EmployeeFieldKey | null;
  reason: string;
}

const FIELD_BY_KEY = new Map(EMPLOYEE_FIELDS.map((f) => [f.key, f]));

/**
 * What a real-time push of one person may write: HR's changes to Xledger, but never over a field Xledger changed
 * since the last sync (the baseline in employee_links) or one whose last-synced value is unknown, never to HR, and no
 * question for an admin. Everything else is held for the next run, where the usual rules and decisions apply. Pure.
 */
export function holdForPush(plan: EmployeePlan, baseline: FieldBaseline | undefined, hasher?: PersonalHasher): { plan: EmployeePlan; held: HeldField[] } {
  const held: HeldField[] = [];
  if (plan.classification === 'only-in-hr' && plan.creation?.status !== 'auto') {
    held.push({ field: null, reason: 'Added in HR: created in Xledger by the next run (the push does not create people here)' });
  }
  if (plan.classification === 'only-in-xledger' || plan.classification === 'ambiguous' || plan.classification === 'invalid') {
    const why = [...plan.issues.map((i) => i.reason), ...plan.notes].join('; ') || plan.classification;
    held.push({ field: null, reason: `Not pushed (${plan.classification}): ${why}` });
  }
  if (plan.xledgerDbId === undefined || !plan.values.xledger) return { plan, held };

  const xledger = plan.values.xledger;
  const changes = plan.changes.filter((c) => {
    if (c.direction !== 'to-xledger') {
      held.push({ field: c.field, reason: `${c.label}: Xledger's value waits for the next run (a push writes only to Xledger)` });
      return false;
    }
    const last = baseline?.[c.field];
    const field = FIELD_BY_KEY.get(c.field);
    const xledgerUnchanged =
      last !== undefined && field !== undefined && sameAsBaseline(field, field.normalize(xledger[c.field] ?? null), last, hasher) === true;
    if (!xledgerUnchanged) {
      held.push({
        field: c.field,
        reason:
          last === undefined
            ? `${c.label}: no last-synced value to tell whether Xledger changed it; held for the next run's decisions`
            : `${c.label}: changed in Xledger since the last sync; held for the next run's decisions`,
      });
    }
    return xledgerUnchanged;
  });
  for (const c of plan.conflicts) held.push({ field: c.field, reason: `${c.label}: ${c.reason}; held for the next run's decisions` });

  const kept: KeptField[] = [
    ...plan.kept,
    ...held.flatMap((h) =>
      h.field ? [{ field: h.field, label: FIELD_BY_KEY.get(h.field)?.label ?? h.field, reason: `Held back by the push: ${h.reason}` }] : [],
    ),
  ];
  const hrStatus = plan.classification === 'locked' ? 'deactivated' : null;
  const classification = classifyEmployee({ matched: true, issues: plan.issues, status: hrStatus, changes, conflicts: [] });
  return { plan: { ...plan, changes, conflicts: [], kept, classification }, held };
}
