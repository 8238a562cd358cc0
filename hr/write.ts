import { chunk } from '../domain/shared/collections';
import type { Knex } from 'knex';
import type { HrEmployee } from '../domain/index';
import {
  EMPLOYEE_VALUE_COLUMNS,
  PATCHABLE_COLUMNS,
  POSITION_VALUE_COLUMNS,
  employeeToColumns,
  positionToColumns,
  selectList,
  type EmployeeColumns,
  type HrPatchField,
  type PositionColumns,
} from './columns';

export class HrStoreError extends Error {
  override name = 'HrStoreError';
}

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Field values to set on one stored employee (keys are flat field paths, e.g. 'address.street'). */
export interface HrStorePatch {
  employeeNumber: string;
  set: Partial<Record<HrPatchField, string | null>>;
}

const CHUNK = 1000;

export async function inTransaction<T>(db: Knex, trx: Knex.Transaction | undefined, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return trx ? fn(trx) : db.transaction(fn);
}

function rejectDuplicateNumbers(employees: readonly HrEmployee[]): void {
  const seen = new Set<string>();
  for (const e of employees) {
    if (seen.has(e.employeeNumber)) throw new HrStoreError(`Employee number ${e.employeeNumber} appears twice in one batch`);
    seen.add(e.employeeNumber);
  }
}

async function loadCurrent(trx: Knex.Transaction, numbers: string[]) {
  const employees: EmployeeColumns[] = await trx
    .from('hr_employees as e')
    .select(trx.raw(selectList('e', ['employee_number', ...EMPLOYEE_VALUE_COLUMNS])))
    .whereIn('e.employee_number', numbers)
    .forUpdate();
  const positions: PositionColumns[] = await trx
    .from('hr_positions as p')
    .select(trx.raw(selectList('p', ['employee_number', ...POSITION_VALUE_COLUMNS])))
    .whereIn('p.employee_number', numbers)
    .orderBy([{ column: 'p.employee_number' }, { column: 'p.id' }]);
  const byNumber = new Map(employees.map((e) => [e.employee_number, { row: e, positions: [] as PositionColumns[] }]));
  for (const p of positions) byNumber.get(p.employee_number)?.positions.push(p);
  return byNumber;
}

function sameValues<T extends object>(a: T, b: T, columns: ReadonlyArray<keyof T>): boolean {
  return columns.every((c) => (a[c] ?? null) === (b[c] ?? null));
}

function samePositions(a: PositionColumns[], b: PositionColumns[]): boolean {
  return a.length === b.length && a.every((p, i) => sameValues(p, b[i], POSITION_VALUE_COLUMNS));
}

async function insertPositions(trx: Knex.Transaction, positions: PositionColumns[]): Promise<void> {
  for (const part of chunk(positions, CHUNK)) await trx('hr_positions').insert(part);
}

/** Inserts or updates employees by employee number; positions are replaced; unchanged rows are not touched. */
export async function upsertEmployees(db: Knex, employees: readonly HrEmployee[], trx?: Knex.Transaction): Promise<UpsertResult> {
  rejectDuplicateNumbers(employees);
  return inTransaction(db, trx, async (t) => {
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
    for (const batch of chunk(employees, CHUNK)) {
      const current = await loadCurrent(
        t,
        batch.map((e) => e.employeeNumber),
      );
      const rows: EmployeeColumns[] = [];
      const positions: PositionColumns[] = [];
      const replaced: string[] = [];
      for (const employee of batch) {
        const row = employeeToColumns(employee);
        const rowPositions = employee.positions.map((p) => positionToColumns(employee.employeeNumber, p));
        const before = current.get(employee.employeeNumber);
        if (before && sameValues(row, before.row, EMPLOYEE_VALUE_COLUMNS) && samePositions(rowPositions, before.positions)) {
          result.unchanged++;
          continue;
        }
        if (before) {
          result.updated++;
          replaced.push(employee.employeeNumber);
        } else {
          result.created++;
        }
        rows.push(row);
        positions.push(...rowPositions);
      }
      if (rows.length === 0) continue;
      await t('hr_employees')
        .insert(rows.map((r) => ({ ...r, updated_at: t.fn.now() })))
        .onConflict('employee_number')
        .merge([...EMPLOYEE_VALUE_COLUMNS, 'updated_at']);
      if (replaced.length > 0) await t('hr_positions').whereIn('employee_number', replaced).delete();
      await insertPositions(t, positions);
    }
    return result;
  });
}

/** Creates new employees (Xledger → HR); an employee number that already exists fails the whole batch. */
export async function createEmployees(db: Knex, employees: readonly HrEmployee[], trx?: Knex.Transaction): Promise<number> {
  rejectDuplicateNumbers(employees);
  return inTransaction(db, trx, async (t) => {
    for (const batch of chunk(employees, CHUNK)) {
      const existing: Array<{ employee_number: string }> = await t('hr_employees')
        .select('employee_number')
        .whereIn(
          'employee_number',
          batch.map((e) => e.employeeNumber),
        );
      if (existing.length > 0) throw new HrStoreError(`Employee number ${existing[0].employee_number} already exists in the HR store`);
      await t('hr_employees').insert(batch.map(employeeToColumns));
      await insertPositions(
        t,
        batch.flatMap((e) => e.positions.map((p) => positionToColumns(e.employeeNumber, p))),
      );
    }
    return employees.length;
  });
}

function patchColumns(patch: HrStorePatch): Partial<EmployeeColumns> {
  const columns: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(patch.set)) {
    const column = PATCHABLE_COLUMNS[field as HrPatchField];
    if (!column) throw new HrStoreError(`Field ${field} cannot be patched (employee ${patch.employeeNumber})`);
    columns[column] = value ?? null;
  }
  return columns as Partial<EmployeeColumns>;
}

/** Sets fields on existing employees; a missing employee fails the whole batch. Returns how many rows changed. */
export async function applyPatches(db: Knex, patches: readonly HrStorePatch[], trx?: Knex.Transaction): Promise<{ updated: number; unchanged: number }> {
  return inTransaction(db, trx, async (t) => {
    let updated = 0;
    for (const patch of patches) {
      const columns = patchColumns(patch);
      const current = await loadCurrent(t, [patch.employeeNumber]);
      const before = current.get(patch.employeeNumber);
      if (!before) throw new HrStoreError(`No HR employee ${patch.employeeNumber} to patch`);
      const keys = Object.keys(columns) as Array<keyof EmployeeColumns>;
      if (sameValues(columns, before.row, keys)) continue;
      await t('hr_employees')
        .where('employee_number', patch.employeeNumber)
        .update({ ...columns, updated_at: t.fn.now() });
      updated++;
    }
    return { updated, unchanged: patches.length - updated };
  });
}
