import type { HistoryRow } from '../../db/employees/history-store';
import type { DecisionAttribution, FieldChange, SkippedWrite } from '../../domain/index';
import { displayFieldValue } from '../../domain/index';
import { maskIdentifiers } from '../../mail/index';
import type { EmployeeFieldKey, FieldValues } from '../../domain/employees/mapping/field-mapping-types';

type RowBase = Pick<HistoryRow, 'connection_id' | 'run_id' | 'employee_number'>;

const shown = (field: EmployeeFieldKey, value: string | null) => (value === null ? null : displayFieldValue(field, value));

export function changeRows(base: RowBase, event: 'updated' | 'created', changes: readonly FieldChange[]): HistoryRow[] {
  return changes.map((c) => ({
    ...base,
    event,
    field: c.field,
    old_value: event === 'created' ? null : shown(c.field, c.from),
    new_value: shown(c.field, c.to),
    direction: c.direction,
    detail: maskIdentifiers(c.reason),
    ...decidedColumns(c.decision),
  }));
}

/**
 * One row for a person created on one side: every value it was created with, in `new_value` as `field=value` pairs
 * (personal numbers masked). One row, not one per field, keeps an initial load of 10,000 people cheap.
 */
export function createdRow(base: RowBase, values: FieldValues | null, direction: 'to-xledger' | 'to-hr', detail: string): HistoryRow {
  const pairs = values
    ? (Object.entries(values) as Array<[EmployeeFieldKey, string | null]>).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${shown(k, v)}`)
    : [];
  return { ...base, event: 'created', field: null, old_value: null, new_value: pairs.join('; ') || null, direction, detail };
}

export function noteRow(base: RowBase, event: HistoryRow['event'], detail: string, field?: string | null): HistoryRow {
  return { ...base, event, field: field ?? null, old_value: null, new_value: null, direction: null, detail: maskIdentifiers(detail) };
}

export function skippedRows(base: RowBase, skipped: readonly SkippedWrite[]): HistoryRow[] {
  return skipped.map((s) => ({ ...noteRow(base, 'skipped', s.reason, s.field), ...decidedColumns(s.decision) }));
}

/** Who decided a value, when and how, as history columns (none where no admin decided). */
function decidedColumns(d: DecisionAttribution | undefined): Pick<HistoryRow, 'decided_by' | 'decided_at' | 'decided_how'> {
  return d ? { decided_by: d.by, decided_at: d.at || null, decided_how: d.how } : {};
}
