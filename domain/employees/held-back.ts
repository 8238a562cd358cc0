/**
 * An incremental run's read, with the people earlier runs held back as invalid or locked and unchanged since: they are
 * counted, not planned again, and the why says so (a full run lists them again).
 */
export function withHeldBackUnchanged<R extends { why: string }>(
  read: R,
  heldBack: { invalid: number; locked: number },
): R & { heldBackUnchanged?: typeof heldBack } {
  const total = heldBack.invalid + heldBack.locked;
  if (total === 0) return read;
  const parts = [heldBack.invalid ? `${heldBack.invalid} invalid` : '', heldBack.locked ? `${heldBack.locked} locked` : ''].filter(Boolean).join(', ');
  const people = total === 1 ? 'person' : 'people';
  return {
    ...read,
    heldBackUnchanged: heldBack,
    why: `${read.why}; ${total} ${people} held back by earlier runs and unchanged since (${parts}) not listed again`,
  };
}
