import type { MasterDataRunResult } from '../../../workflows/master-data/types';

/** A master-data run's result, a line per part: mode, counts, and why a part failed. */
export function describeMasterDataResult(r: MasterDataRunResult): string {
  const lines = [`${r.runId}: ${r.status}`];
  for (const p of r.parts) {
    const c = p.counts;
    lines.push(
      `  ${p.part.padEnd(17)} ${p.status.padEnd(6)} ${p.mode.padEnd(14)} ${c.added} added, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged${p.error ? ` — ${p.error}` : ''}`,
    );
  }
  return lines.join('\n');
}
