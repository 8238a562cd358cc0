import type { HrEmployeeCreate, SkippedWrite, XledgerEmployeeCreate, XledgerEmployeeUpdate } from '../../domain/employees/apply-decisions';
import type { HrEmployeePatch } from '../../domain/employees/hr-writes';
import type { EmployeePlan } from '../../domain/employees/plan-types';
import type { ItemRow, NewItem, PlannedWrites } from '../../db/runs/items-store';

/** The employee kind's documents in the shared run items: its plan, and what it writes on each side. */

export type XledgerWrite = { kind: 'create'; create: XledgerEmployeeCreate } | { kind: 'update'; update: XledgerEmployeeUpdate };
export type HrWrite = { kind: 'patch'; patch: HrEmployeePatch } | { kind: 'create'; create: HrEmployeeCreate };

export type EmployeeItemRow = ItemRow<EmployeePlan, XledgerWrite, HrWrite, SkippedWrite>;
export type EmployeePlannedWrites = PlannedWrites<XledgerWrite, HrWrite, SkippedWrite>;
export type EmployeeNewItem = NewItem<EmployeePlan, XledgerWrite, HrWrite, SkippedWrite>;

/** An item of an Xledger write batch: what to write, without the plan it came from. */
export type EmployeeBatchItem = Pick<EmployeeItemRow, 'seq' | 'xledger_write'>;
