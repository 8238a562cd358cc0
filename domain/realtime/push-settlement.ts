/** What a push run came to for one person, as the settlement needs it (no values). */
export interface PushedPerson {
  employeeNumber: string;
  classification: string;
  /** An Xledger write was planned and has not landed (it failed or was never made). */
  writeMissing: boolean;
  /** Why the write or the person failed, when they did. */
  failure: string | null;
  /** Reasons the push held fields or the person back. */
  heldReasons: string[];
}

/** How the reason of a change that could not be written begins (the push emails its result when there is one). */
export const NOT_WRITTEN = 'Not written: ';

export interface PushSettlement {
  outboxId: number;
  status: 'done' | 'held';
  reason: string;
}

/**
 * Settles each change a push run was given: done when its person reached Xledger (or needed nothing), held with the
 * reason otherwise — a failed write, a field Xledger changed, a person the push does not create, or a person the run
 * did not plan at all (removed from HR or outside the connection's scope). Pure.
 */
export function settlePushedChanges(changes: ReadonlyArray<{ outboxId: number; employeeNumber: string }>, people: readonly PushedPerson[]): PushSettlement[] {
  const byNumber = new Map(people.map((p) => [p.employeeNumber, p]));
  return changes.map(({ outboxId, employeeNumber }) => {
    const person = byNumber.get(employeeNumber);
    if (!person) return { outboxId, status: 'held', reason: 'Not in HR or outside the connection’s scope: the next run decides' };
    if (person.failure !== null || person.writeMissing)
      return { outboxId, status: 'held', reason: `${NOT_WRITTEN}${person.failure ?? 'the write did not land'}` };
    if (person.heldReasons.length > 0) return { outboxId, status: 'held', reason: person.heldReasons.join('; ') };
    if (person.classification === 'locked') return { outboxId, status: 'done', reason: 'Deactivated in HR: never updated in Xledger' };
    return { outboxId, status: 'done', reason: person.classification === 'unchanged' ? 'Already in step' : `Written to Xledger (${person.classification})` };
  });
}
