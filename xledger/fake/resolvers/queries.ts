import type { ScopeArea } from '../../scopes';
import type { OwnerSetArg } from '../auth';
import type { PageArgs } from '../connection';
import { matchesFilter, paginateRows } from '../connection';
import type { RequestContext } from '../context';
import { FakeError } from '../errors';
import type { Table } from '../state';
import type { TableName, Tables } from '../types';
import * as V from '../views';

export interface ListArgs extends PageArgs {
  filter?: Record<string, unknown> | null;
  ownerSet?: OwnerSetArg | null;
  objectStatus?: 'ALL' | 'OPEN' | 'CLOSED' | null;
}

type Row<K extends TableName> = Tables[K][number];

/** Rows with an end date in the past count as CLOSED (assumed; Xledger's exact rule is unknown). */
function isClosed(row: Record<string, unknown>, today: string): boolean {
  const end = row.employmentTo ?? row.dateTo ?? row.toDate;
  return typeof end === 'string' && end < today;
}

function list<K extends TableName>(
  table: K,
  area: ScopeArea | null,
  view: (ctx: RequestContext, row: Row<K>) => unknown,
  where: (row: Row<K>) => boolean = () => true,
) {
  return (args: ListArgs, ctx: RequestContext) => {
    if (area) ctx.require(area, 'read');
    const global = ctx.state.isGlobal(table);
    const owners = ctx.visible(args.ownerSet);
    const today = ctx.state.timestamp().slice(0, 10);
    const status = args.objectStatus ?? 'ALL';
    const rows = (ctx.state.tables[table] as unknown as Table<Row<K>>).rows.filter((r) => {
      const rec = r as unknown as Record<string, unknown>;
      if (!global && !owners.has(rec.ownerDbId as number)) return false;
      if (status !== 'ALL' && isClosed(rec, today) !== (status === 'CLOSED')) return false;
      return where(r) && matchesFilter(r, args.filter);
    });
    return paginateRows(
      rows,
      (r) => r.dbId,
      args,
      (r) => view(ctx, r),
    );
  };
}

function employeeDeltas(args: ListArgs, ctx: RequestContext) {
  ctx.require('Human Resources Employee', 'read');
  const state = ctx.state;
  state.pruneDeltas();
  if (args.after && /^\d+$/.test(args.after) && Number(args.after) < state.deltasPrunedThrough) {
    // Assumed behaviour: a cursor older than the 3-day retention is refused so the caller knows to resync.
    throw new FakeError('The cursor is no longer valid: deltas are kept for 3 days. Do a full sync.', {
      code: 'BAD_REQUEST.INVALID_CURSOR',
      extensions: { code: 'DELTA_CURSOR_EXPIRED' },
    });
  }
  const owners = ctx.visible(args.ownerSet);
  const rows = state.deltas.filter((d) => owners.has(d.ownerDbId) && matchesFilter(d, args.filter));
  return paginateRows(
    rows,
    (d) => d.seq,
    args,
    (d) => V.employeeDeltaView(ctx, d),
  );
}

function entities(args: ListArgs, ctx: RequestContext) {
  const reachable = ctx.visible('ALL');
  const rows = ctx.state.tables.entities.rows.filter((e) => reachable.has(e.dbId) && matchesFilter(e, args.filter));
  return paginateRows(
    rows,
    (e) => e.dbId,
    args,
    (e) => V.entityView(ctx, e),
  );
}

function subledger(args: { dbId: string }, ctx: RequestContext) {
  ctx.require('Common Subledger', 'read');
  const row = ctx.state.tables.subledgers.get(Number(args.dbId));
  if (!row || !ctx.visible('ALL').has(row.ownerDbId)) return null;
  return V.subledgerView(ctx, row);
}

export const queryResolvers = {
  entities,
  currencies: list('currencies', 'Common Currency', (_c, r) => V.currencyView(r)),
  countries: list('countries', 'Common Country', V.countryView),
  contacts: list('contacts', 'Common Contact', V.contactView),
  companies: list('companies', 'Common Company', V.companyView),
  subledgers: list('subledgers', 'Common Subledger', V.subledgerView),
  subledger,
  suppliers: list('subledgers', 'Common Supplier', V.subledgerView, (r) => r.ledgerType === 'SUPPLIER'),
  employees: list('employees', 'Human Resources Employee', V.employeeView),
  employee_deltas: employeeDeltas,
  employeePositions: list('employeePositions', 'Human Resources Employee', V.positionView),
  objectKinds: list('objectKinds', 'Common Object Value', (_c, r) => V.objectKindView(r)),
  objectValues: list('objectValues', 'Common Object Value', V.objectValueView),
  accounts: list('accounts', 'General Ledger', (_c, r) => V.accountView(r)),
  assets: list('assets', 'Fixed Assets', V.assetView),
  absenceCodes: list('absenceCodes', 'Human Resources Absence', (_c, r) => V.absenceCodeView(r)),
  absences: list('absences', 'Human Resources Absence', V.absenceView),
  products: list('products', 'Logistics Product', V.productView),
  salesOrders: list('salesOrders', 'Accounts Receivable', V.salesOrderView),
  invoiceBaseItems: list('invoiceBaseItems', 'Accounts Receivable', V.invoiceBaseItemView),
  glImportItems: list('glImportItems', 'General Ledger', V.glImportItemView),
  customers: list('subledgers', 'Common Subledger', V.subledgerView, (r) => r.ledgerType === 'CUSTOMER'),
};
