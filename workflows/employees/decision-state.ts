import {
  type DecisionAttribution,
  listPendingDecisions,
  pendingCount,
  validateDecision,
  withoutDecided,
  type Decision,
  type PendingSet,
} from '../../domain/employees/decisions';
import type { DecisionDefaults, DecisionProgress, DecisionRequest, PendingPage } from './types';

const MAX_DECISIONS_PER_REQUEST = 5_000;
const MAX_IDENTITY_LENGTH = 200;

/**
 * What the admin still has to decide and what was decided, kept in workflow memory.
 * Deterministic and side-effect free; the workflow feeds it and reads it.
 */
export class DecisionState {
  private pending: PendingSet = { byEmployee: {} };
  readonly decisions: Decision[] = [];
  readonly defaults: DecisionDefaults = {};
  finished = false;
  /** Items a bulk `all` decided (kept as defaults, not one decision each, so the state stays small). */
  private decidedByBulk = 0;

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
    return { pendingCount: this.pendingCount, decidedCount: this.decisions.length + this.decidedByBulk };
  }

  page(offset = 0, limit = 100): PendingPage {
    const all = listPendingDecisions(this.pending);
    const safeLimit = Math.min(Math.max(limit, 1), 1_000);
    return { items: all.slice(offset, offset + safeLimit), total: all.length, offset };
  }

  /** Throws an Error with a message for the admin; nothing changes when it throws. */
  validate(request: DecisionRequest, at = ''): Decision[] {
    if (request === null || typeof request !== 'object') throw new Error('A decision request must be an object');
    const { decisions: given = [], employees = [], all, finish } = request;
    if (!Array.isArray(given)) throw new Error('decisions must be a list');
    if (!Array.isArray(employees)) throw new Error('employees must be a list');
    if (request.by !== undefined && (typeof request.by !== 'string' || request.by.trim() === '' || request.by.length > MAX_IDENTITY_LENGTH)) {
      throw new Error(`by must name who decides (1 to ${MAX_IDENTITY_LENGTH} characters)`);
    }
    const by = attribution(request, at);
    const decisions = [...given.map((d) => ({ ...d, attribution: by('field') })), ...this.expandEmployees(employees, by('employee'))];
    if (decisions.length === 0 && !all && !finish) throw new Error('The request decides nothing: give decisions, employees, all, or finish');
    if (decisions.length > MAX_DECISIONS_PER_REQUEST) throw new Error(`At most ${MAX_DECISIONS_PER_REQUEST} decisions per request`);
    if (all?.fields && !['hr', 'xledger', 'skip'].includes(all.fields)) throw new Error(`all.fields must be hr, xledger or skip, not '${all.fields}'`);
    if (all?.creations && !['create', 'skip'].includes(all.creations)) throw new Error(`all.creations must be create or skip, not '${all.creations}'`);
    if (this.finished) throw new Error('Decisions are closed: the run is already applying or finished');
    let pending = this.pending;
    const valid: Decision[] = [];
    for (const [index, raw] of decisions.entries()) {
      const check = validateDecision(raw, pending);
      if (!check.ok) throw new Error(decisions.length > 1 ? `Decision ${index + 1}: ${check.error}` : check.error);
      const attributed = { ...check.decision, attribution: (raw as Decision).attribution! };
      valid.push(attributed);
      pending = withoutDecided(pending, attributed);
    }
    return valid;
  }

  /** `{employeeNumber, choice}` → a decision for every field of that employee still pending (with the same choice). */
  private expandEmployees(employees: NonNullable<DecisionRequest['employees']>, by: DecisionAttribution): Decision[] {
    return employees.flatMap((e, index) => {
      const number = typeof e?.employeeNumber === 'string' ? e.employeeNumber.trim() : '';
      const entry = this.pending.byEmployee[number];
      if (!entry) throw new Error(`employees[${index}]: no decision is pending for employee ${number || '(empty employee number)'}`);
      if (entry.fields.length === 0)
        throw new Error(`employees[${index}]: employee ${number} has no pending field conflict (only a creation: decide it with --create)`);
      return entry.fields.map((field): Decision => ({ kind: 'field', employeeNumber: number, field, choice: e.choice, attribution: by }));
    });
  }

  /** Applies a validated request; `at` is the workflow's time of the request (ISO 8601). */
  apply(request: DecisionRequest, at = ''): DecisionProgress {
    const before = this.pendingCount;
    for (const decision of this.validate(request, at)) {
      this.decisions.push(decision);
      this.pending = withoutDecided(this.pending, decision);
    }
    const afterSingles = this.pendingCount;
    const by = attribution(request, at)('bulk');
    if (request.all?.fields) {
      this.defaults.undecidedField = request.all.fields;
      this.defaults.undecidedFieldBy = by;
      this.pending = { byEmployee: mapEntries(this.pending.byEmployee, (e) => ({ fields: [], ...(e.create ? { create: e.create } : {}) })) };
    }
    if (request.all?.creations) {
      this.defaults.undecidedCreate = request.all.creations;
      this.defaults.undecidedCreateBy = by;
      this.pending = { byEmployee: mapEntries(this.pending.byEmployee, (e) => ({ fields: e.fields })) };
    }
    if (request.finish) this.finished = true;
    this.decidedByBulk += afterSingles - this.pendingCount;
    return { ...this.progress(), decidedNow: before - this.pendingCount };
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

/** Stamps who decided and when; a request without `by` (an old client, a raw signal) is attributed as such. */
function attribution(request: DecisionRequest, at: string): (how: DecisionAttribution['how']) => DecisionAttribution {
  const by = typeof request.by === 'string' && request.by.trim() !== '' ? request.by.trim() : 'unknown (no identity sent)';
  return (how) => ({ by, at, how });
}
