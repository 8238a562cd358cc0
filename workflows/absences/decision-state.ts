import { validateAbsenceDecision, type AbsenceDecision, type AbsenceDecisionAttribution, type PendingAbsence } from '../../domain/absences/decisions';
import type { AbsenceDecisionDefaults, AbsenceDecisionProgress, AbsenceDecisionRequest, AbsencePendingPage } from './types';

const MAX_DECISIONS_PER_REQUEST = 5_000;

/**
 * What the admin still has to decide of an absence run (cancelled absences under policy `ask`) and what was decided,
 * kept in workflow memory. Deterministic and side-effect free.
 */
export class AbsenceDecisionState {
  private pending = new Map<string, PendingAbsence>();
  readonly decisions: AbsenceDecision[] = [];
  readonly defaults: AbsenceDecisionDefaults = {};
  finished = false;
  private decidedByBulk = 0;

  addPending(items: readonly PendingAbsence[]): void {
    for (const item of items) this.pending.set(item.absenceId, item);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  get allDecided(): boolean {
    return this.pending.size === 0;
  }

  progress(): AbsenceDecisionProgress {
    return { pendingCount: this.pendingCount, decidedCount: this.decisions.length + this.decidedByBulk };
  }

  page(offset = 0, limit = 100): AbsencePendingPage {
    const all = [...this.pending.values()];
    const safeLimit = Math.min(Math.max(limit, 1), 1_000);
    return { items: all.slice(offset, offset + safeLimit), total: all.length, offset };
  }

  /** Throws an Error with a message for the admin; nothing changes when it throws. */
  validate(request: AbsenceDecisionRequest, at = ''): AbsenceDecision[] {
    if (request === null || typeof request !== 'object') throw new Error('A decision request must be an object');
    const { decisions = [], all, finish } = request;
    if (!Array.isArray(decisions)) throw new Error('decisions must be a list');
    if (decisions.length === 0 && !all && !finish) throw new Error('The request decides nothing: give decisions, all, or finish');
    if (decisions.length > MAX_DECISIONS_PER_REQUEST) throw new Error(`At most ${MAX_DECISIONS_PER_REQUEST} decisions per request`);
    if (all !== undefined && all !== 'remove' && all !== 'keep') throw new Error(`all must be remove or keep, not '${String(all)}'`);
    if (this.finished) throw new Error('Decisions are closed: the run is already applying or finished');
    const by = attribution(request, at, 'absence');
    const left = new Map(this.pending);
    return decisions.map((raw, index) => {
      const check = validateAbsenceDecision(raw, left);
      if (!check.ok) throw new Error(decisions.length > 1 ? `Decision ${index + 1}: ${check.error}` : check.error);
      left.delete(check.decision.absenceId);
      return { ...check.decision, attribution: by };
    });
  }

  apply(request: AbsenceDecisionRequest, at = ''): AbsenceDecisionProgress {
    const before = this.pendingCount;
    for (const decision of this.validate(request, at)) {
      this.decisions.push(decision);
      this.pending.delete(decision.absenceId);
    }
    if (request.all) {
      this.defaults.undecided = request.all;
      this.defaults.undecidedBy = attribution(request, at, 'bulk');
      this.decidedByBulk += this.pending.size;
      this.pending.clear();
    }
    if (request.finish) this.finished = true;
    return { ...this.progress(), decidedNow: before - this.pendingCount };
  }

  close(): void {
    this.finished = true;
  }
}

function attribution(request: AbsenceDecisionRequest, at: string, how: AbsenceDecisionAttribution['how']): AbsenceDecisionAttribution {
  const by = typeof request.by === 'string' && request.by.trim() !== '' ? request.by.trim().slice(0, 200) : 'unknown (no identity sent)';
  return { by, at, how };
}
