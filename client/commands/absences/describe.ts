import type { AbsenceRunProgress, AbsenceRunResult } from '../../../workflows/absences/types';

/** How `sync start --wait` and `sync status` show an absence run (its run ids start with the kind: `absences.`). */

export const isAbsenceResult = (r: { runId: string }): r is AbsenceRunResult => r.runId.startsWith('absences.');
export const isAbsenceProgress = (p: { runId: string }): p is AbsenceRunProgress => p.runId.startsWith('absences.');

export function describeAbsenceProgress(p: AbsenceRunProgress): string {
  const period = p.period ? ` ${p.period.from}..${p.period.to}` : '';
  const plan = p.plan ? ` — ${p.plan.items} absences (${p.plan.writePath === 'file' ? 'import file' : 'API'}), ${p.plan.pendingCount} decision(s) needed` : '';
  const waiting =
    p.phase === 'waiting-for-decisions' ? `, ${p.decisions.pendingCount} still pending (decide by ${p.decideBy}): xsync absences decisions ${p.runId}` : '';
  return `${p.runId}: ${p.status ?? p.phase}${period}${plan}${waiting}`;
}

export function describeAbsenceResult(r: AbsenceRunResult): string {
  const c = r.counts;
  const lines = [
    `${r.runId}: ${r.status}${r.period ? ` ${r.period.from}..${r.period.to}` : ''}${r.emailed ? ' (result emailed)' : ''}`,
    `  Xledger: ${c.created ?? 0} created, ${c.updated ?? 0} updated, ${c.removed ?? 0} removed; ${c.exported ?? 0} in the import file`,
    `  ${c.unchanged ?? 0} unchanged, ${c.kept ?? 0} kept, ${c.skipped ?? 0} skipped, ${c.invalid ?? 0} refused, ${c.failed ?? 0} failed`,
  ];
  if (r.importFile) lines.push(`  Import file (${r.importFile.rows} rows): ${r.importFile.command}`);
  return lines.join('\n');
}
