/** When the oldest of these in-flight documents was marked `sending` (its export row's last change): a read back need not look earlier. */
export function oldestInFlight(rows: Iterable<{ updated_at: Date }>): Date {
  let oldest: Date | undefined;
  for (const r of rows) if (!oldest || r.updated_at < oldest) oldest = r.updated_at;
  if (!oldest) throw new RangeError('oldestInFlight: no in-flight document');
  return oldest;
}
