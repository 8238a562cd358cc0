import type { AbsencePlan } from '../../domain/absences/absence-types';
import type { AbsenceWrite } from '../../domain/absences/writes';
import type { ItemRow, NewItem, PlannedWrites } from '../../db/runs/items-store';

/** The absence kind's documents in the shared run items: its plan, and what it writes to Xledger (nothing to HR). */
export type AbsenceItemRow = ItemRow<AbsencePlan, AbsenceWrite, never, never>;
export type AbsenceNewItem = NewItem<AbsencePlan, AbsenceWrite, never, never>;
export type AbsencePlannedWrites = PlannedWrites<AbsenceWrite, never, never>;
export type AbsenceBatchItem = Pick<AbsenceItemRow, 'seq' | 'xledger_write'>;

export const ABSENCES_KIND = 'absences';
