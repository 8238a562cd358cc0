import type { AbsenceChange, AbsenceField, AbsenceValues, HrAbsence } from './absence-types';

/**
 * The one mapping table between an HR absence and an Xledger absence (Alexis HR's mapping, seed 000):
 * AbsenceStartDate → fromDate (and timeFrom), AbsenceEndDate → toDate (and timeTo), percent → leavePercent
 * (defaulted), comment → comment (defaulted), the type → a leave code through the code table, and the type's name →
 * text. Diff, writes and the import file all go through it.
 */
export interface AbsenceMappingOptions {
  /** HR type → Xledger leave code; a type not in the table is passed as it is (a custom leave code). */
  codes: Readonly<Record<string, string>>;
  defaultPercent: number;
  defaultComment: string;
}

interface FieldRule {
  field: AbsenceField;
  /** The Xledger input/read field of this value. */
  xledger: string;
  fromHr(a: HrAbsence, o: AbsenceMappingOptions): string | null;
  /** Two values that read the same in Xledger compare equal. */
  normalize(v: string | null): string | null;
}

const text = (v: string | null) => (v === null || v.trim() === '' ? null : v.trim());
const time = (v: string | null) => {
  const t = text(v);
  const m = t ? /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(t) : null;
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : t;
};

/** "100", "100.0" and "100.00" are one percent. */
export function normalizePercent(v: string | null): string | null {
  const t = text(v);
  if (t === null || !/^-?\d+(\.\d+)?$/.test(t)) return t;
  return String(Number(t));
}

export const leaveCodeOf = (type: string, codes: Readonly<Record<string, string>>): string => codes[type.trim()] ?? type.trim();

export const ABSENCE_MAPPING: readonly FieldRule[] = [
  { field: 'code', xledger: 'absenceCode', fromHr: (a, o) => leaveCodeOf(a.type, o.codes), normalize: text },
  { field: 'fromDate', xledger: 'fromDate', fromHr: (a) => text(a.startDate), normalize: text },
  { field: 'toDate', xledger: 'toDate', fromHr: (a) => text(a.endDate), normalize: text },
  { field: 'timeFrom', xledger: 'timeFrom', fromHr: (a) => time(a.startTime), normalize: time },
  { field: 'timeTo', xledger: 'timeTo', fromHr: (a) => time(a.endTime), normalize: time },
  { field: 'leavePercent', xledger: 'leavePercent', fromHr: (a, o) => normalizePercent(a.percent) ?? String(o.defaultPercent), normalize: normalizePercent },
  { field: 'text', xledger: 'text', fromHr: (a) => text(a.type), normalize: text },
  {
    field: 'comment',
    xledger: 'comment',
    fromHr: (a, o) => (a.comment !== null && a.comment.trim() !== '' ? a.comment : o.defaultComment),
    normalize: (v) => (v === '' ? null : v),
  },
];

/** HR's absence in Xledger's terms (call on a validated absence: it has a start date). */
export function mapHrAbsence(a: HrAbsence, o: AbsenceMappingOptions): AbsenceValues {
  const out: Record<string, string | null> = {};
  for (const rule of ABSENCE_MAPPING) out[rule.field] = rule.fromHr(a, o);
  return out as unknown as AbsenceValues;
}

/** The fields whose values differ, in the mapping table's order. */
export function diffAbsence(wanted: AbsenceValues, current: AbsenceValues): AbsenceChange[] {
  const changes: AbsenceChange[] = [];
  for (const rule of ABSENCE_MAPPING) {
    const to = rule.normalize(wanted[rule.field]);
    const from = rule.normalize(current[rule.field]);
    if (to !== from) changes.push({ field: rule.field, from: current[rule.field], to: wanted[rule.field] });
  }
  return changes;
}

/** Xledger field names of the changed values, with the wanted value (an update node carries only these). */
export function changedXledgerFields(changes: readonly AbsenceChange[]): Array<{ xledger: string; value: string | null }> {
  const rules = new Map(ABSENCE_MAPPING.map((r) => [r.field, r]));
  return changes.map((c) => ({ xledger: rules.get(c.field)!.xledger, value: c.to }));
}
