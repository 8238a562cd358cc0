import type { RequestContext } from '../context';
import type { LookupArg } from '../lookups';
import type { AbsenceRow } from '../types';
import { absenceView } from '../views';
import type { BulkInputArg, IssueSink } from './bulk';
import { assign, checkDate, checkDecimal, checkTime, lookupId, runBulk } from './bulk';

/**
 * Absence writes. No public source shows Xledger's absence mutation; `addAbsences`/`updateAbsences`/
 * `removeAbsences` follow the mass-mutation pattern of the other entities (assumed).
 */

interface AbsenceFields {
  fromDate?: string | null;
  toDate?: string | null;
  timeFrom?: string | null;
  timeTo?: string | null;
  leavePercent?: string | null;
  text?: string | null;
  comment?: string | null;
  approved?: boolean | null;
}

interface AddNode extends AbsenceFields {
  employee: LookupArg;
  absenceCode: LookupArg;
  fromDate: string;
  owner?: LookupArg | null;
}

interface UpdateNode extends AbsenceFields {
  dbId: number;
  absenceCode?: LookupArg | null;
}

function checkFields(report: IssueSink, node: AbsenceFields, current?: AbsenceRow) {
  checkDate(report, 'fromDate', node.fromDate);
  checkDate(report, 'toDate', node.toDate);
  checkTime(report, 'timeFrom', node.timeFrom);
  checkTime(report, 'timeTo', node.timeTo);
  checkDecimal(report, 'leavePercent', node.leavePercent);
  if (node.leavePercent != null && /^-?\d+(\.\d+)?$/.test(node.leavePercent)) {
    const p = Number(node.leavePercent);
    if (p <= 0 || p > 100) report({ field: 'leavePercent', code: 'INVALID_VALUE', message: 'leavePercent must be in (0, 100]' });
  }
  const from = node.fromDate ?? current?.fromDate;
  const to = node.toDate === undefined ? current?.toDate : node.toDate;
  if (from && to && to < from) report({ field: 'toDate', code: 'INVALID_VALUE', message: 'toDate is before fromDate' });
}

export function addAbsences(args: { inputs: BulkInputArg<AddNode>[] }, ctx: RequestContext) {
  const { state } = ctx;
  const owners = ctx.lookupOwners();
  const writable = ctx.writable();
  const entities = state.tables.entities.rows.filter((e) => writable.has(e.dbId));
  return runBulk(
    ctx,
    'addAbsences',
    'Human Resources Absence',
    args.inputs,
    (node, report) => {
      checkFields(report, node);
      const employees = state.tables.employees.rows.filter((e) => owners.has(e.ownerDbId));
      const codes = state.tables.absenceCodes.rows.filter((c) => owners.has(c.ownerDbId));
      return {
        employeeDbId: lookupId(report, employees, node.employee, 'employee', 'employee'),
        absenceCodeDbId: lookupId(report, codes, node.absenceCode, 'absenceCode', 'absence code'),
        ownerDbId: lookupId(report, entities, node.owner, 'owner', 'entity') ?? ctx.token.ownerDbId,
      };
    },
    (node, plan) => {
      const stamp = state.timestamp();
      const row = state.tables.absences.insert({
        dbId: state.allocId(),
        ownerDbId: plan.ownerDbId,
        createdAt: stamp,
        modifiedAt: stamp,
        employeeDbId: plan.employeeDbId!,
        absenceCodeDbId: plan.absenceCodeDbId!,
        fromDate: node.fromDate,
        toDate: node.toDate ?? null,
        timeFrom: node.timeFrom ?? null,
        timeTo: node.timeTo ?? null,
        leavePercent: node.leavePercent ?? '100',
        approved: node.approved ?? false,
        text: node.text ?? null,
        comment: node.comment ?? null,
      });
      return absenceView(ctx, row);
    },
  );
}

export function updateAbsences(args: { inputs: BulkInputArg<UpdateNode>[] }, ctx: RequestContext) {
  const { state } = ctx;
  const writable = ctx.writable();
  const owners = ctx.lookupOwners();
  return runBulk(
    ctx,
    'updateAbsences',
    'Human Resources Absence',
    args.inputs,
    (node, report) => {
      const row = state.tables.absences.get(node.dbId);
      if (!row || !writable.has(row.ownerDbId)) {
        report({ field: 'dbId', code: 'NOT_FOUND', message: `No absence with dbId ${node.dbId}` });
      }
      checkFields(report, node, row);
      const codes = state.tables.absenceCodes.rows.filter((c) => owners.has(c.ownerDbId));
      return { row, absenceCodeDbId: lookupId(report, codes, node.absenceCode, 'absenceCode', 'absence code') };
    },
    (node, plan) => {
      const row = plan.row!;
      const changed = assign(row, {
        absenceCodeDbId: plan.absenceCodeDbId ?? undefined,
        fromDate: node.fromDate ?? undefined,
        toDate: node.toDate,
        timeFrom: node.timeFrom,
        timeTo: node.timeTo,
        leavePercent: node.leavePercent,
        text: node.text,
        comment: node.comment,
        approved: node.approved ?? undefined,
      });
      if (changed) row.modifiedAt = state.timestamp();
      return absenceView(ctx, row);
    },
  );
}

export function removeAbsences(args: { dbIds: Array<string | number> }, ctx: RequestContext) {
  ctx.require('Human Resources Absence', 'write');
  const writable = ctx.writable();
  let numAffected = 0;
  const skippedDbIds: number[] = [];
  for (const raw of args.dbIds) {
    const dbId = Number(raw);
    const row = ctx.state.tables.absences.get(dbId);
    if (!row || !writable.has(row.ownerDbId)) skippedDbIds.push(dbId);
    else {
      ctx.state.tables.absences.remove(dbId);
      numAffected++;
    }
  }
  ctx.written += numAffected;
  return { numAffected, skippedDbIds };
}
