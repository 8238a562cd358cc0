import type { EmployeePlan, FieldBaseline, PersonalHasher } from '../../domain/index';
import { holdForPush } from '../../domain/realtime/hold-for-push';

/** Marks a note that a push held a person back (the push's settlement reads it back from the plan). */
export const HELD_NOTE_PREFIX = 'Held back by the push: ';

/** A person's plan as a push may carry it out: held fields as kept, whole-person holds as notes. */
export function heldForPush(plan: EmployeePlan, baseline: FieldBaseline | undefined, hasher: PersonalHasher): EmployeePlan {
  const { plan: pushed, held } = holdForPush(plan, baseline, hasher);
  const personal = held.filter((h) => h.field === null).map((h) => `${HELD_NOTE_PREFIX}${h.reason}`);
  return personal.length > 0 ? { ...pushed, notes: [...pushed.notes, ...personal] } : pushed;
}
