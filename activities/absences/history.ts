import type { HistoryRow } from '../../db/employees/history-store';
import type { AbsenceChange, AbsenceValues } from '../../domain/absences/absence-types';
import { maskIdentifiers } from '../../mail/index';

/**
 * Absence changes in the employee's history (`xsync history E00004` shows them beside the employee's own):
 * field `absence <HR id>` (and the changed field), values masked where personal. History is the audit trail, kept
 * for good, so an absence's comment (free text, often about health) is never written into it: history says that there
 * is a comment, or that it changed; the text lives in HR and Xledger only.
 */

export interface AbsenceHistoryBase {
  connection_id: number;
  run_id: string;
  employee_number: string;
  absenceId: string;
}

/** "V 2026-03-02..2026-03-06 100 % (with comment)" — how one absence reads in history. */
export function describeAbsence(v: AbsenceValues): string {
  const span = v.toDate && v.toDate !== v.fromDate ? `${v.fromDate}..${v.toDate}` : v.fromDate;
  const times = v.timeFrom || v.timeTo ? ` ${v.timeFrom ?? ''}-${v.timeTo ?? ''}` : '';
  return maskIdentifiers(`${v.code} ${span}${times} ${v.leavePercent} %${v.comment ? ' (with comment)' : ''}`);
}

const row = (b: AbsenceHistoryBase, event: HistoryRow['event'], fields: Partial<HistoryRow>): HistoryRow => ({
  connection_id: b.connection_id,
  run_id: b.run_id,
  employee_number: b.employee_number,
  event,
  field: `absence ${b.absenceId}`,
  old_value: null,
  new_value: null,
  direction: 'to-xledger',
  detail: null,
  ...fields,
});

export const createdAbsenceRow = (b: AbsenceHistoryBase, v: AbsenceValues, detail: string) => row(b, 'created', { new_value: describeAbsence(v), detail });

export const exportedAbsenceRow = (b: AbsenceHistoryBase, v: AbsenceValues, detail: string) => row(b, 'exported', { new_value: describeAbsence(v), detail });

export const removedAbsenceRow = (b: AbsenceHistoryBase, v: AbsenceValues, detail: string) => row(b, 'removed', { old_value: describeAbsence(v), detail });

/** A comment's text stays out of history: only whether there was one. */
const historyValue = (c: AbsenceChange, v: string | null) => (v === null ? null : c.field === 'comment' ? '(comment)' : maskIdentifiers(v));

export function updatedAbsenceRows(b: AbsenceHistoryBase, changes: readonly AbsenceChange[]): HistoryRow[] {
  return changes.map((c) =>
    row(b, 'updated', {
      field: `absence ${b.absenceId} ${c.field}`,
      old_value: historyValue(c, c.from),
      new_value: historyValue(c, c.to),
      detail: 'Updated in Xledger from HR',
    }),
  );
}

export const absenceNoteRow = (b: AbsenceHistoryBase, event: HistoryRow['event'], detail: string) =>
  row(b, event, { direction: null, detail: maskIdentifiers(detail) });
