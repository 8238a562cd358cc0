import { describeAttribution, type CreateDecision, type Decision, type DecisionAttribution, type FieldDecision } from './decisions';
import type { HrEmployee } from './employee-types';
import { buildHrPatch, HrEmployeePatch } from './hr-writes';
import { EMPLOYEE_FIELDS, employeeField } from './mapping/employee-fields';
import type { EmployeeFieldKey, FieldValues } from './mapping/field-mapping-types';
import type { EmployeePlan, FieldChange, FieldConflict, SyncPolicy, XledgerRefs } from './plan-types';

export interface ApplyOptions {
  /** For conflicts nobody decided (e.g. the wait for an admin timed out). Default 'skip'. */
  undecidedField?: 'hr' | 'xledger' | 'skip';
  /** For pending creations nobody decided. Default 'skip'. */
  undecidedCreate?: 'create' | 'skip';
  /** Who set undecidedField / undecidedCreate with a bulk `--all` (absent: the connection's default at the deadline). */
  undecidedFieldBy?: DecisionAttribution;
  undecidedCreateBy?: DecisionAttribution;
  /** The connection's policy (its direction decides whether 'xledger' choices may write HR). */
  policy?: SyncPolicy;
}

export interface XledgerEmployeeUpdate {
  employeeNumber: string;
  xledger: XledgerRefs;
  /** Changes with direction 'to-xledger'. */
  changes: FieldChange[];
  /** Xledger's current values (to complete grouped writes such as a whole address). */
  current: FieldValues;
}

export interface XledgerEmployeeCreate {
  employeeNumber: string;
  /** HR values of all mapped fields. */
  values: FieldValues;
}

export interface HrEmployeeCreate {
  xledgerDbId: number;
  employee: HrEmployee;
}

export interface SkippedWrite {
  employeeNumber: string;
  field?: EmployeeFieldKey;
  reason: string;
  decision?: DecisionAttribution;
}

/** The final list of writes of a run, after policies and admin decisions. */
export interface SyncWrites {
  xledgerUpdates: XledgerEmployeeUpdate[];
  xledgerCreates: XledgerEmployeeCreate[];
  hrPatches: HrEmployeePatch[];
  hrCreates: HrEmployeeCreate[];
  /** Decided or undecided items that lead to no write, with the reason (for the run report). */
  skipped: SkippedWrite[];
}

const key = (employeeNumber: string, field: string) => `${employeeNumber}\u0000${field}`;

function resolveConflict(
  plan: EmployeePlan,
  conflict: FieldConflict,
  choice: 'hr' | 'xledger' | 'skip',
  decided: { how: string; decision?: DecisionAttribution },
  allowToHr: boolean,
): FieldChange | SkippedWrite {
  const field = employeeField(conflict.field);
  const how = decided.how;
  const attributed = decided.decision ? { decision: decided.decision } : {};
  const skipped = (reason: string): SkippedWrite => ({ employeeNumber: plan.employeeNumber, field: conflict.field, reason, ...attributed });
  if (choice === 'skip') return skipped(`${field.label}: skipped (${how})`);
  if (choice === 'hr') {
    if (field.normalize(conflict.hrValue) === null && field.neverUnsetInXledger) {
      return skipped(`${field.label}: HR has no value and Xledger's value is never unset`);
    }
    return {
      field: conflict.field,
      label: field.label,
      from: conflict.xledgerValue,
      to: conflict.hrValue,
      direction: 'to-xledger',
      reason: `HR's value chosen ${how}`,
      ...attributed,
    };
  }
  if (!field.flowsToHr || !allowToHr) return skipped(`${field.label}: Xledger's value kept ${how}`);
  const checked = field.toHrValue ? field.toHrValue(conflict.xledgerValue) : { ok: true as const, value: conflict.xledgerValue };
  if (!checked.ok) return skipped(`${field.label}: Xledger's value cannot be written to HR: ${checked.reason}`);
  return {
    field: conflict.field,
    label: field.label,
    from: conflict.hrValue,
    to: checked.value,
    direction: 'to-hr',
    reason: `Xledger's value chosen ${how}`,
    ...attributed,
  };
}

/**
 * Composed values (the full name) follow the final HR values: if an admin took a first name from
 * Xledger, the description written to Xledger is rebuilt from it (or dropped when Xledger already has it).
 */
function recompose(plan: EmployeePlan, changes: FieldChange[]): void {
  const hr = plan.values.hr;
  const xl = plan.values.xledger;
  if (!hr || !xl) return;
  const finalHr: FieldValues = { ...hr };
  for (const c of changes) if (c.direction === 'to-hr') finalHr[c.field] = c.to;
  for (const field of EMPLOYEE_FIELDS) {
    if (!field.compose) continue;
    const desired = field.compose(finalHr);
    const at = changes.findIndex((c) => c.field === field.key);
    if (at >= 0) changes.splice(at, 1);
    if (field.normalize(desired) === field.normalize(xl[field.key])) continue;
    if (desired === null && field.neverUnsetInXledger) continue;
    if (at < 0 && field.normalize(desired) === field.normalize(hr[field.key])) {
      continue; // no change was planned for it (e.g. kept by policy) and the inputs did not move
    }
    changes.push({
      field: field.key,
      label: field.label,
      from: xl[field.key],
      to: desired,
      direction: 'to-xledger',
      reason: at >= 0 ? 'Rebuilt from the final first and last name' : 'Follows the first/last name chosen from Xledger',
    });
  }
}

/** How a choice was made, in words for history and the email, and by whom when an admin made it. */
function howDecided(
  choice: string,
  decided: { attribution?: DecisionAttribution } | undefined,
  bulk: DecisionAttribution | undefined,
  undecided = 'no decision; connection default',
): { how: string; decision?: DecisionAttribution } {
  if (decided)
    return decided.attribution ? { how: `(${describeAttribution(decided.attribution, choice)})`, decision: decided.attribution } : { how: '(admin decision)' };
  if (bulk) return { how: `(${describeAttribution(bulk, choice)})`, decision: bulk };
  return { how: `(${undecided})` };
}

/**
 * Turns plans plus admin decisions into the final writes. Only plans that may be written produce
 * writes: locked, invalid, ambiguous and unchanged employees never do. Decisions are assumed to be
 * validated with validateDecision; decisions that match nothing are ignored. The last decision for
 * an item wins.
 */
export function applyDecisions(plans: readonly EmployeePlan[], decisions: readonly Decision[], options: ApplyOptions = {}): SyncWrites {
  const allowToHr = (options.policy?.direction ?? 'two-way') === 'two-way';
  const fieldChoices = new Map<string, FieldDecision>();
  const createChoices = new Map<string, CreateDecision>();
  for (const d of decisions) {
    if (d.kind === 'create') createChoices.set(d.employeeNumber, d);
    else fieldChoices.set(key(d.employeeNumber, d.field), d);
  }

  const writes: SyncWrites = { xledgerUpdates: [], xledgerCreates: [], hrPatches: [], hrCreates: [], skipped: [] };

  for (const plan of plans) {
    switch (plan.classification) {
      case 'update-xledger':
      case 'update-hr':
      case 'update-both':
      case 'conflict': {
        const changes = [...plan.changes];
        for (const conflict of plan.conflicts) {
          const decided = fieldChoices.get(key(plan.employeeNumber, conflict.field));
          const choice = decided?.choice ?? options.undecidedField ?? 'skip';
          const r = resolveConflict(plan, conflict, choice, howDecided(choice, decided, options.undecidedFieldBy), allowToHr);
          if ('direction' in r) changes.push(r);
          else writes.skipped.push(r);
        }
        recompose(plan, changes);
        const toXledger = changes.filter((c) => c.direction === 'to-xledger');
        if (toXledger.length > 0 && plan.xledger && plan.values.xledger) {
          writes.xledgerUpdates.push({
            employeeNumber: plan.employeeNumber,
            xledger: plan.xledger,
            changes: toXledger,
            current: plan.values.xledger,
          });
        }
        const patch = buildHrPatch(plan.employeeNumber, changes);
        if (patch) writes.hrPatches.push(patch);
        break;
      }
      case 'only-in-hr':
      case 'only-in-xledger': {
        const c = plan.creation;
        if (!c) break;
        if (c.status === 'blocked') {
          writes.skipped.push({ employeeNumber: plan.employeeNumber, reason: c.reason ?? 'Creation is blocked' });
          break;
        }
        const decided = createChoices.get(plan.employeeNumber);
        const choice = c.status === 'auto' ? 'create' : (decided?.choice ?? options.undecidedCreate ?? 'skip');
        if (choice === 'skip') {
          const { how, decision } = howDecided(choice, decided, options.undecidedCreateBy, 'no decision');
          writes.skipped.push({
            employeeNumber: plan.employeeNumber,
            reason: `Not created in ${c.target === 'hr' ? 'HR' : 'Xledger'} ${how}`,
            ...(decision ? { decision } : {}),
          });
          break;
        }
        if (c.target === 'xledger' && plan.values.hr) {
          writes.xledgerCreates.push({ employeeNumber: plan.employeeNumber, values: plan.values.hr });
        } else if (c.target === 'hr' && plan.hrDraft && plan.xledgerDbId !== undefined) {
          writes.hrCreates.push({ xledgerDbId: plan.xledgerDbId, employee: plan.hrDraft });
        }
        break;
      }
      default:
        break;
    }
  }
  return writes;
}
