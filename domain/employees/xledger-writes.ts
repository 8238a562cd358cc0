import type { SkippedWrite, XledgerEmployeeCreate, XledgerEmployeeUpdate } from './apply-decisions';
import { EMPLOYEE_FIELDS, employeeField } from './mapping/employee-fields';
import type { EmployeeFieldMapping, XledgerTarget } from './mapping/field-mapping-types';
import type { FieldChange } from './plan-types';

/** Xledger mutation names used by the employee sync (one place to change them). */
export const XLEDGER_EMPLOYEE_MUTATIONS = {
  addEmployees: 'addEmployees',
  updateEmployees: 'updateEmployees',
  updateContacts: 'updateContacts',
  updateSubledgers: 'updateSubledgers',
} as const;

/** Xledger allows at most 500 nodes per mass mutation. */
export { MAX_BULK_NODES as MAX_MUTATION_NODES } from '../shared/xledger-limits';

export type InputNode = Record<string, unknown>;

/** One element of a mass mutation's `inputs`; clientId (the employee number) maps results back. */
export interface MutationInput {
  clientId: string;
  node: InputNode;
}

export interface XledgerUpdateInputs {
  updateEmployees: MutationInput[];
  updateContacts: MutationInput[];
  updateSubledgers: MutationInput[];
  /** Values that could not be written (e.g. no subledger linked), with the reason. */
  skipped: SkippedWrite[];
}

export interface XledgerCreateInputs {
  addEmployees: MutationInput[];
  /**
   * Values that addEmployees cannot carry (nationality lives only on the contact's country).
   * Write them with buildXledgerUpdateInputs once the new employee's contact dbId is known.
   */
  afterCreate: { employeeNumber: string; changes: FieldChange[] }[];
}

function setPath(node: InputNode, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = node;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const next = target[part];
    if (next === undefined || next === null || typeof next !== 'object') target[part] = {};
    target = target[part] as InputNode;
  }
  target[parts[parts.length - 1] as string] = value;
}

function inputValue(field: EmployeeFieldMapping, value: string | null): unknown {
  if (value === null || value.trim() === '') return null;
  return field.toXledgerInput ? field.toXledgerInput(value) : value;
}

/**
 * updateEmployees / updateContacts / updateSubledgers nodes for HR → Xledger changes; `dbId` goes
 * inside each node and only changed fields are sent, except that a changed field of a write group
 * (the address) brings its siblings along with their current Xledger values, so the object is sent whole.
 * When the contact or subledger dbId is unknown, person fields fall back to the employee node.
 */
export function buildXledgerUpdateInputs(updates: readonly XledgerEmployeeUpdate[]): XledgerUpdateInputs {
  const out: XledgerUpdateInputs = { updateEmployees: [], updateContacts: [], updateSubledgers: [], skipped: [] };

  for (const update of updates) {
    const nodes: Record<XledgerTarget, InputNode | null> = { employee: null, contact: null, subledger: null };
    const dbIds: Record<XledgerTarget, number | null> = {
      employee: update.xledger.dbId,
      contact: update.xledger.contactDbId,
      subledger: update.xledger.subledgerDbId,
    };
    const nodeFor = (target: XledgerTarget): InputNode => {
      let node = nodes[target];
      if (!node) {
        node = { dbId: dbIds[target] };
        nodes[target] = node;
      }
      return node;
    };
    const changed = new Map(update.changes.filter((c) => c.direction === 'to-xledger').map((c) => [c.field, c]));
    const groupsWritten = new Set<string>();
    const writeField = (field: EmployeeFieldMapping, value: string | null, silent = false): void => {
      const v = inputValue(field, value);
      for (const w of field.xledgerWrites) {
        if (dbIds[w.target] !== null) {
          setPath(nodeFor(w.target), w.field, v);
        } else if (field.employeeNodeField !== null) {
          setPath(nodeFor('employee'), field.employeeNodeField, v);
        } else if (!silent) {
          out.skipped.push({
            employeeNumber: update.employeeNumber,
            field: field.key,
            reason: `${field.label} not written to the Xledger ${w.target}: the employee has no ${w.target} linked`,
          });
        }
      }
    };

    for (const change of changed.values()) {
      const field = employeeField(change.field);
      if (field.writeGroup) groupsWritten.add(field.writeGroup);
      writeField(field, change.to);
    }
    // Complete groups (send the whole address) with Xledger's current values for unchanged members.
    for (const group of groupsWritten) {
      for (const field of EMPLOYEE_FIELDS) {
        if (field.writeGroup !== group || changed.has(field.key)) continue;
        const current = update.current[field.key];
        if (current !== null) writeField(field, current, true);
      }
    }

    const push = (list: MutationInput[], target: XledgerTarget) => {
      const node = nodes[target];
      if (node && Object.keys(node).length > 1) list.push({ clientId: update.employeeNumber, node });
    };
    push(out.updateEmployees, 'employee');
    push(out.updateContacts, 'contact');
    push(out.updateSubledgers, 'subledger');
  }
  return out;
}

/**
 * addEmployees nodes for people created in Xledger: person fields go directly on the employee node
 * (code, description, email, firstName, lastName, phone, birthday, socialSec, gender{name}, jobTitle,
 * bankAccount, address{streetAddress, zipCode, place, country{code}}, employmentFrom/To, trialTo, noticeDate).
 * Empty values are left out.
 */
export function buildAddEmployeeInputs(creates: readonly XledgerEmployeeCreate[]): XledgerCreateInputs {
  const out: XledgerCreateInputs = { addEmployees: [], afterCreate: [] };
  for (const create of creates) {
    const node: InputNode = {};
    const later: FieldChange[] = [];
    for (const field of EMPLOYEE_FIELDS) {
      const value = create.values[field.key];
      if (value === null || value.trim() === '') continue;
      if (field.employeeNodeField !== null) {
        setPath(node, field.employeeNodeField, inputValue(field, value));
      } else if (field.xledgerWrites.length > 0) {
        later.push({ field: field.key, label: field.label, from: null, to: value, direction: 'to-xledger', reason: 'Set after creation' });
      }
    }
    out.addEmployees.push({ clientId: create.employeeNumber, node });
    if (later.length > 0) out.afterCreate.push({ employeeNumber: create.employeeNumber, changes: later });
  }
  return out;
}
