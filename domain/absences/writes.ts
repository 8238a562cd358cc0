import type { AbsenceChange, AbsencePlan, AbsenceValues } from './absence-types';
import { changedXledgerFields } from './mapping';

/** What the absence sync writes to Xledger for one absence, and the input node each write sends. */

export interface AbsenceCreate {
  absenceId: string;
  employeeNumber: string;
  employeeDbId: number;
  values: AbsenceValues;
}

export interface AbsenceUpdate {
  absenceId: string;
  employeeNumber: string;
  dbId: number;
  changes: AbsenceChange[];
  values: AbsenceValues;
}

export interface AbsenceRemove {
  absenceId: string;
  employeeNumber: string;
  dbId: number;
  current: AbsenceValues;
}

export type AbsenceWrite = { kind: 'create'; create: AbsenceCreate } | { kind: 'update'; update: AbsenceUpdate } | { kind: 'remove'; remove: AbsenceRemove };

/** The write a plan leads to; a cancelled absence is removed only when the policy (or the admin) says so. */
export function writeOfPlan(plan: AbsencePlan, removeCancelled: boolean): AbsenceWrite | null {
  const { absenceId, employeeNumber } = plan;
  switch (plan.classification) {
    case 'create':
      return { kind: 'create', create: { absenceId, employeeNumber, employeeDbId: plan.employeeDbId!, values: plan.values! } };
    case 'update':
      return { kind: 'update', update: { absenceId, employeeNumber, dbId: plan.xledgerDbId!, changes: plan.changes, values: plan.values! } };
    case 'cancelled':
      return removeCancelled ? { kind: 'remove', remove: { absenceId, employeeNumber, dbId: plan.xledgerDbId!, current: plan.current! } } : null;
    default:
      return null;
  }
}

/** addAbsences' node (the approved flag: HR sends approved time off). */
export function addAbsenceNode(c: AbsenceCreate) {
  const v = c.values;
  return {
    employee: { dbId: c.employeeDbId },
    absenceCode: { code: v.code },
    fromDate: v.fromDate,
    toDate: v.toDate,
    timeFrom: v.timeFrom,
    timeTo: v.timeTo,
    leavePercent: v.leavePercent,
    text: v.text,
    comment: v.comment,
    approved: true,
  };
}

/** updateAbsences' node: the dbId and only the changed fields. */
export function updateAbsenceNode(u: AbsenceUpdate): Record<string, unknown> & { dbId: number } {
  const node: Record<string, unknown> & { dbId: number } = { dbId: u.dbId };
  for (const { xledger, value } of changedXledgerFields(u.changes)) node[xledger] = xledger === 'absenceCode' ? { code: value } : value;
  return node;
}
