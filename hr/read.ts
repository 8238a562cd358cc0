import type { Knex } from 'knex';
import { trimmedSql } from '../db/trimmed';
import {
  EMPLOYEE_VALUE_COLUMNS,
  POSITION_VALUE_COLUMNS,
  positionFromColumns,
  recordFromColumns,
  selectList,
  type EmployeeColumns,
  type HrStorePosition,
  type HrStoreRecord,
  type PositionColumns,
} from './columns';

/** Which employees a run covers. An absent or empty list does not filter. */
export interface HrScope {
  departments?: readonly string[];
  legalEntities?: readonly string[];
  employmentTypes?: readonly string[];
  employeeNumbers?: readonly string[];
  statuses?: readonly string[];
}

export interface HrPage {
  rows: HrStoreRecord[];
  /** Pass as `after` to read the next page; null after the last page. */
  next: string | null;
}

const EMPLOYEE_SELECT = selectList('e', ['employee_number', ...EMPLOYEE_VALUE_COLUMNS, 'updated_at']);
const POSITION_SELECT = selectList('p', ['employee_number', ...POSITION_VALUE_COLUMNS]);

function applyScope(query: Knex.QueryBuilder, scope: HrScope): Knex.QueryBuilder {
  const filters: Array<[string, readonly string[] | undefined]> = [
    ['e.department', scope.departments],
    ['e.legal_entity', scope.legalEntities],
    ['e.employment_type', scope.employmentTypes],
    ['e.employee_number', scope.employeeNumbers],
    ['e.status', scope.statuses],
  ];
  for (const [column, values] of filters) {
    if (values && values.length > 0) query.whereIn(column, [...values]);
  }
  return query;
}

async function withPositions(db: Knex, rows: Array<EmployeeColumns & { updated_at: Date }>): Promise<HrStoreRecord[]> {
  if (rows.length === 0) return [];
  const byEmployee = new Map<string, HrStorePosition[]>(rows.map((r) => [r.employee_number, []]));
  const numbers = [...byEmployee.keys()];
  const positions: PositionColumns[] = await db
    .from('hr_positions as p')
    .select(db.raw(POSITION_SELECT))
    .whereIn('p.employee_number', numbers)
    .orderBy([{ column: 'p.employee_number' }, { column: 'p.id' }]);
  for (const p of positions) byEmployee.get(p.employee_number)?.push(positionFromColumns(p));
  return rows.map((r) => recordFromColumns(r, byEmployee.get(r.employee_number) ?? []));
}

/** One keyset page of employees in scope, ordered by employee number. */
export async function pageInScope(db: Knex, scope: HrScope, options: { after?: string | null; limit?: number } = {}): Promise<HrPage> {
  const limit = options.limit ?? 1000;
  const query = applyScope(db.from('hr_employees as e').select(db.raw(EMPLOYEE_SELECT)), scope)
    .orderBy('e.employee_number')
    .limit(limit);
  if (options.after != null) query.where('e.employee_number', '>', options.after);
  const rows = await withPositions(db, await query);
  return { rows, next: rows.length === limit ? rows[rows.length - 1].employeeNumber : null };
}

/**
 * Employee number and work email of those in scope whose number, trimmed, is one of `numbers`, or whose work email,
 * trimmed and lower-cased, is one of `emails` (as matching compares them).
 */
export async function keysMatching(
  db: Knex,
  scope: HrScope,
  o: { numbers: readonly string[]; emails: readonly string[] },
): Promise<Array<{ employeeNumber: string; workEmail: string | null }>> {
  if (o.numbers.length + o.emails.length === 0) return [];
  const rows: Array<{ employee_number: string; work_email: string | null }> = await applyScope(
    db.from('hr_employees as e').select('e.employee_number', 'e.work_email'),
    scope,
  ).andWhere((q) => {
    if (o.numbers.length) q.orWhereRaw(`${trimmedSql('e.employee_number')} = ANY(?::text[])`, [[...o.numbers]]);
    if (o.emails.length) q.orWhereRaw(`lower(${trimmedSql('e.work_email')}) = ANY(?::text[])`, [[...o.emails]]);
  });
  return rows.map((r) => ({ employeeNumber: r.employee_number, workEmail: r.work_email }));
}

export async function getEmployee(db: Knex, employeeNumber: string): Promise<HrStoreRecord | null> {
  const rows = await db.from('hr_employees as e').select(db.raw(EMPLOYEE_SELECT)).where('e.employee_number', employeeNumber);
  const [record] = await withPositions(db, rows);
  return record ?? null;
}

export async function countByStatus(db: Knex): Promise<Record<string, number>> {
  const rows: Array<{ status: string; count: string | number }> = await db('hr_employees').select('status').count({ count: '*' }).groupBy('status');
  const counts: Record<string, number> = { active: 0, deactivated: 0, deleted: 0 };
  for (const r of rows) counts[r.status] = Number(r.count);
  return counts;
}
