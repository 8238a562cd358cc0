/** Ids and employee numbers only. */
export interface QueuedChange {
  outboxId: number;
  employeeNumber: string;
}

/**
 * The next push batch: the people whose changes waited longest, at most `maxPeople` of them (one Xledger mutation's
 * worth), each with every change of theirs that is queued — a person changed five times is pushed once. Pure.
 */
export function nextPushBatch(queued: Iterable<QueuedChange>, maxPeople: number): QueuedChange[] {
  const sorted = [...queued].sort((a, b) => a.outboxId - b.outboxId);
  const people = new Set<string>();
  for (const c of sorted) {
    if (people.size >= maxPeople) break;
    people.add(c.employeeNumber);
  }
  return sorted.filter((c) => people.has(c.employeeNumber));
}

/** The most recent `limit` ids of a set, oldest dropped first (Sets keep insertion order). */
export function keepRecent(ids: Set<number>, limit: number): void {
  for (const id of ids) {
    if (ids.size <= limit) return;
    ids.delete(id);
  }
}
