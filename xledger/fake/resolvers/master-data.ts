import type { PageArgs } from '../connection';
import { matchesFilter, paginateRows } from '../connection';
import type { RequestContext } from '../context';
import { FakeError } from '../errors';
import type { OwnerSetArg } from '../auth';
import type { ProjectRow, TaxTableSetupRow } from '../types';
import { employeeView, subledgerView } from '../views';

/** Reads the master-data kind needs beyond the shared lists: supplier_deltas, taxTableSetups, projects. */

interface ListArgs extends PageArgs {
  filter?: Record<string, unknown> | null;
  ownerSet?: OwnerSetArg | null;
}

function supplierDeltas(args: ListArgs, ctx: RequestContext) {
  ctx.require('Common Supplier', 'read');
  const log = ctx.state.supplierDeltas;
  log.prune();
  if (args.after && /^\d+$/.test(args.after) && Number(args.after) < log.prunedThrough) {
    // Assumed as for employee_deltas: a cursor older than the retention is refused, so the caller reads in full.
    throw new FakeError('The cursor is no longer valid: deltas are kept for 3 days. Do a full sync.', {
      code: 'BAD_REQUEST.INVALID_CURSOR',
      extensions: { code: 'DELTA_CURSOR_EXPIRED' },
    });
  }
  const owners = ctx.visible(args.ownerSet);
  const rows = log.rows.filter((d) => owners.has(d.ownerDbId) && matchesFilter(d, args.filter));
  return paginateRows(
    rows,
    (d) => d.seq,
    args,
    (d) => {
      const row = d.mutationType === 'DELETED' ? undefined : ctx.state.tables.subledgers.get(d.dbId);
      const view = row ? (subledgerView(ctx, row) ?? {}) : {};
      return { ...view, dbId: d.dbId, ownerDbId: d.ownerDbId, mutationType: row ? d.mutationType : 'DELETED', modifiedAt: row?.modifiedAt ?? d.modifiedAt };
    },
  );
}

function ownedList<R extends { dbId: number; ownerDbId: number }>(
  rows: () => readonly R[],
  view: (ctx: RequestContext, r: R) => unknown,
  area: 'General Ledger' | 'Common Object Value',
) {
  return (args: ListArgs, ctx: RequestContext) => {
    ctx.require(area, 'read');
    const owners = ctx.visible(args.ownerSet);
    return paginateRows(
      rows().filter((r) => owners.has(r.ownerDbId) && matchesFilter(r, args.filter)),
      (r) => r.dbId,
      args,
      (r) => view(ctx, r),
    );
  };
}

export function createMasterDataResolvers() {
  return {
    supplier_deltas: supplierDeltas,
    taxTableSetups: (args: ListArgs, ctx: RequestContext) =>
      ownedList<TaxTableSetupRow>(
        () => ctx.state.tables.taxTableSetups.rows,
        (_c, r) => ({ ...r }),
        'General Ledger',
      )(args, ctx),
    projects: (args: ListArgs, ctx: RequestContext) =>
      ownedList<ProjectRow>(
        () => ctx.state.tables.projects.rows,
        (c, r) => ({
          ...r,
          projectManager: () => (r.projectManagerDbId === null ? null : employeeView(c, c.state.tables.employees.get(r.projectManagerDbId))),
        }),
        'Common Object Value',
      )(args, ctx),
  };
}

export const masterDataResolvers = createMasterDataResolvers();
