import { z } from 'zod';
import { employeeField, EMPLOYEE_FIELD_KEYS, isEmployeeFieldKey } from './mapping/employee-fields';
import type { EmployeeFieldKey } from './mapping/field-mapping-types';
import type { EmployeePlan } from './plan-types';

/** Who made a decision, when (workflow time, ISO 8601), and how: one field, all of one employee's, or a bulk `--all`. */
export interface DecisionAttribution {
  by: string;
  at: string;
  how: 'field' | 'employee' | 'bulk';
}

/** An admin's answer to one field conflict. */
export interface FieldDecision {
  kind?: 'field';
  employeeNumber: string;
  field: EmployeeFieldKey;
  /** 'hr': write HR's value to Xledger; 'xledger': keep Xledger's value (and write it to HR when it may flow back). */
  choice: 'hr' | 'xledger' | 'skip';
  attribution?: DecisionAttribution;
}

/** An admin's answer for a person who exists on one side only. */
export interface CreateDecision {
  kind: 'create';
  employeeNumber: string;
  choice: 'create' | 'skip';
  attribution?: DecisionAttribution;
}

/** Words for the audit trail: "by kari@hr-laptop, per field" / "…, bulk --all xledger". */
export function describeAttribution(a: DecisionAttribution, choice: string): string {
  const how = a.how === 'bulk' ? `bulk --all ${choice}` : a.how === 'employee' ? 'per employee' : 'per field';
  return `by ${a.by}, ${how}`;
}

export type Decision = FieldDecision | CreateDecision;

/** What is waiting for an admin, keyed by employee number. JSON-friendly (fit for workflow state and queries). */
export interface PendingSet {
  byEmployee: Record<string, { fields: EmployeeFieldKey[]; create?: 'xledger' | 'hr' }>;
}

export interface PendingDecisionItem {
  employeeNumber: string;
  kind: 'field' | 'create';
  field?: EmployeeFieldKey;
  label?: string;
  /** For creations: where the person would be created. */
  target?: 'xledger' | 'hr';
}

export function pendingDecisions(plans: readonly EmployeePlan[]): PendingSet {
  const byEmployee: PendingSet['byEmployee'] = {};
  for (const plan of plans) {
    if (plan.employeeNumber === '') continue;
    const fields = plan.conflicts.map((c) => c.field);
    const create = plan.creation?.status === 'pending' ? plan.creation.target : undefined;
    if (fields.length === 0 && create === undefined) continue;
    byEmployee[plan.employeeNumber] = create ? { fields, create } : { fields };
  }
  return { byEmployee };
}

/** Flat list of pending items, e.g. for a query or an email. */
export function listPendingDecisions(pending: PendingSet): PendingDecisionItem[] {
  const out: PendingDecisionItem[] = [];
  for (const [employeeNumber, p] of Object.entries(pending.byEmployee)) {
    for (const field of p.fields) out.push({ employeeNumber, kind: 'field', field, label: employeeField(field).label });
    if (p.create) out.push({ employeeNumber, kind: 'create', target: p.create });
  }
  return out;
}

const decisionInputSchema = z.object({
  kind: z.string().optional(),
  employeeNumber: z.string(),
  field: z.string().optional(),
  choice: z.string(),
});

export type DecisionCheck = { ok: true; decision: Decision } | { ok: false; error: string };

/**
 * Checks an admin decision against what is pending. The error message says exactly what is wrong:
 * unknown employee, unknown or not-pending field, or an invalid choice.
 */
export function validateDecision(decision: unknown, pending: PendingSet): DecisionCheck {
  const parsed = decisionInputSchema.safeParse(decision);
  if (!parsed.success) {
    return {
      ok: false,
      error: 'A decision needs employeeNumber and choice (text), and field for a field decision, e.g. {"employeeNumber":"1001","field":"email","choice":"hr"}',
    };
  }
  const d = parsed.data;
  const employeeNumber = d.employeeNumber.trim();
  const kind = d.kind ?? (d.field === undefined ? undefined : 'field');
  if (kind !== 'field' && kind !== 'create') {
    return { ok: false, error: `Unknown decision kind '${d.kind ?? ''}'; use 'field' (with a field) or 'create'` };
  }
  const entry = pending.byEmployee[employeeNumber];
  if (!entry) {
    return { ok: false, error: `No decision is pending for employee ${employeeNumber || '(empty employee number)'}` };
  }

  if (kind === 'create') {
    if (!entry.create) return { ok: false, error: `Employee ${employeeNumber} has no pending creation to decide` };
    if (d.choice !== 'create' && d.choice !== 'skip') {
      return { ok: false, error: `Choice '${d.choice}' is not valid for a creation; use 'create' or 'skip'` };
    }
    return { ok: true, decision: { kind: 'create', employeeNumber, choice: d.choice } };
  }

  if (d.field === undefined || d.field === '') {
    return { ok: false, error: `A field decision for employee ${employeeNumber} needs a field` };
  }
  if (!isEmployeeFieldKey(d.field)) {
    return { ok: false, error: `Unknown field '${d.field}'; known fields: ${EMPLOYEE_FIELD_KEYS.join(', ')}` };
  }
  if (!entry.fields.includes(d.field)) {
    const open = entry.fields.length > 0 ? entry.fields.join(', ') : 'none';
    return { ok: false, error: `Employee ${employeeNumber} has no pending conflict on '${d.field}' (pending: ${open})` };
  }
  if (d.choice !== 'hr' && d.choice !== 'xledger' && d.choice !== 'skip') {
    return { ok: false, error: `Choice '${d.choice}' is not valid; use 'hr', 'xledger' or 'skip'` };
  }
  return { ok: true, decision: { kind: 'field', employeeNumber, field: d.field, choice: d.choice } };
}

/** Removes a decided item from the pending set (returns a new set). */
export function withoutDecided(pending: PendingSet, decision: Decision): PendingSet {
  const byEmployee = { ...pending.byEmployee };
  const entry = byEmployee[decision.employeeNumber];
  if (!entry) return pending;
  const next =
    decision.kind === 'create'
      ? { fields: entry.fields }
      : { fields: entry.fields.filter((f) => f !== decision.field), ...(entry.create ? { create: entry.create } : {}) };
  if (next.fields.length === 0 && !('create' in next && next.create)) delete byEmployee[decision.employeeNumber];
  else byEmployee[decision.employeeNumber] = next;
  return { byEmployee };
}

export function pendingCount(pending: PendingSet): number {
  let n = 0;
  for (const e of Object.values(pending.byEmployee)) n += e.fields.length + (e.create ? 1 : 0);
  return n;
}
