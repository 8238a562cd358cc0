import {
  listPendingDecisions,
  pendingCount,
  validateDecision,
  withoutDecided,
  type Decision,
  type PendingSet,
} from '../../domain/employees/decisions';
import type { DecisionDefaults, DecisionProgress, DecisionRequest, PendingPage } from './types';

const MAX_DECISIONS_PER_REQUEST = 5_000;

/**
 * What the admin still has to decide and what was decided, kept in workflow memory.
 * Deterministic and side-effect free; the workflow feeds it and reads it.
 */
export class DecisionState {
  private pending: PendingSet = { byEmployee: {} };
  readonly decisions: Decision[] = [];
  readonly defaults: DecisionDefaults = {};
  finished = false;

  addPending(part: PendingSet): void {
    Object.assign(this.pending.byEmployee, part.byEmployee);
  }

  get pendingCount(): number {
    return pendingCount(this.pending);
  }

  get allDecided(): boolean {
    return this.pendingCount === 0;
  }

  progress(): DecisionProgress {
    return { pendingCount: this.pendingCount, decidedCount: this.decisions.length };
  }

  page(offset = 0, limit = 100): PendingPage {
    const all = listPendingDecisions(this.pending);
    const safeLimit = Math.min(Math.max(limit, 1), 1_000);
    return { items: all.slice(offset, offset + safeLimit), total: all.length, offset };
  }

  /** Throws an Error with a message for the admin; nothing changes when it throws. */
  validate(request: DecisionRequest): Decision[] {
    if (request === null || typeof request !== 'object') throw new Error('A decision request must be an object');
    const { decisions = [], all, finish } = request;
    if (!Array.isArray(decisions)) throw new Error('decisions must be a list');
    if (decisions.length === 0 && !all && !finish) throw new Error('The request decides nothing: give decisions, all, or finish');
    if (decisions.length > MAX_DECISIONS_PER_REQUEST) throw new Error(`At most ${MAX_DECISIONS_PER_REQUEST} decisions per request`);
    if (all?.fields && !['hr', 'xledger', 'skip'].includes(all.fields)) throw new Error(`all.fields must be hr, xledger or skip, not '${all.fields}'`);
    if (all?.creations && !['create', 'skip'].includes(all.creations)) throw new Error(`all.creations must be create or skip, not '${all.creations}'`);
    if (this.finished) throw new Error('Decisions are closed: the run is already applying or finished');
    let pending = this.pending;
    const valid: Decision[] = [];
    for (const [index, raw] of decisions.entries()) {
      const check = validateDecision(raw, pending);
      if (!check.ok) throw new Error(decisions.length > 1 ? `Decision ${index + 1}: ${check.error}` : check.error);
      valid.push(check.decision);
      pending = withoutDecided(pending, check.decision);
    }
    return valid;
  }

  apply(request: DecisionRequest): DecisionProgress {
    for (const decision of this.validate(request)) {
      this.decisions.push(decision);
      this.pending = withoutDecided(this.pending, decision);
    }
    if (request.all?.fields) {
      this.defaults.undecidedField = request.all.fields;
      this.pending = { byEmployee: mapEntries(this.pending.byEmployee, (e) => ({ fields: [], ...(e.create ? { create: e.create } : {}) })) };
    }
    if (request.all?.creations) {
      this.defaults.undecidedCreate = request.all.creations;
      this.pending = { byEmployee: mapEntries(this.pending.byEmployee, (e) => ({ fields: e.fields })) };
    }
    if (request.finish) this.finished = true;
    return this.progress();
  }

  close(): void {
    this.finished = true;
  }
}

function mapEntries<V>(record: Record<string, V>, f: (v: V) => V & { fields: unknown[]; create?: unknown }): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(record)) {
    const next = f(v);
    if (next.fields.length > 0 || next.create) out[k] = next;
  }
  return out;
}
