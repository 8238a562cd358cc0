/**
 * The admin's decisions of an absence run: what to do with an absence HR cancelled or deleted while the policy is
 * `ask` — remove it from Xledger or keep it. Pure; the workflow keeps the state, the activities apply it.
 */
export type CancelChoice = 'remove' | 'keep';

export interface AbsenceDecisionAttribution {
  by: string;
  /** ISO 8601, workflow time. */
  at: string;
  how: 'absence' | 'bulk' | 'policy';
}

export interface AbsenceDecision {
  absenceId: string;
  choice: CancelChoice;
  attribution?: AbsenceDecisionAttribution;
}

/** One pending decision as the CLI lists it (no personal data beyond the employee number). */
export interface PendingAbsence {
  absenceId: string;
  employeeNumber: string;
  code: string;
  fromDate: string;
  toDate: string | null;
}

export const CANCEL_CHOICES: readonly CancelChoice[] = ['remove', 'keep'];

/** Checks one decision against what is pending; the error names the absence and why. */
export function validateAbsenceDecision(
  raw: unknown,
  pending: ReadonlyMap<string, PendingAbsence>,
): { ok: true; decision: AbsenceDecision } | { ok: false; error: string } {
  if (raw === null || typeof raw !== 'object') return { ok: false, error: 'a decision must be an object {absenceId, choice}' };
  const { absenceId, choice } = raw as Record<string, unknown>;
  if (typeof absenceId !== 'string' || absenceId.trim() === '') return { ok: false, error: 'a decision needs an absenceId' };
  if (!CANCEL_CHOICES.includes(choice as CancelChoice))
    return { ok: false, error: `absence ${absenceId}: choice must be remove or keep, not '${String(choice)}'` };
  if (!pending.has(absenceId)) return { ok: false, error: `no decision is pending for absence ${absenceId}` };
  return { ok: true, decision: { absenceId, choice: choice as CancelChoice } };
}
