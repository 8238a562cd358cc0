/** The absence sync's shapes (pure data): an HR absence as stored, the values Xledger holds, and a plan per absence. */

/** HR statuses of an absence; only those the connection's settings name are sent (default: approved). */
export const HR_ABSENCE_STATUSES = ['approved', 'pending', 'cancelled'] as const;
export type HrAbsenceStatus = (typeof HR_ABSENCE_STATUSES)[number];

/** An absence as the HR store holds it: raw (not validated), dates 'YYYY-MM-DD', times 'HH:mm', percent a decimal string. */
export interface HrAbsence {
  absenceId: string;
  employeeNumber: string;
  type: string;
  startDate: string | null;
  endDate: string | null;
  startTime: string | null;
  endTime: string | null;
  percent: string | null;
  comment: string | null;
  status: string;
}

/** What one absence is in Xledger: every field the sync writes (the mapping table's keys). */
export interface AbsenceValues {
  code: string;
  fromDate: string;
  toDate: string | null;
  timeFrom: string | null;
  timeTo: string | null;
  leavePercent: string;
  text: string | null;
  comment: string | null;
}

export type AbsenceField = keyof AbsenceValues;

/** An Xledger absence as read in the run's period. */
export interface XledgerAbsence {
  dbId: number;
  employeeDbId: number | null;
  values: AbsenceValues;
}

/** The employee an absence belongs to, as the employee sync linked it. */
export interface LinkedEmployee {
  employeeNumber: string;
  xledgerDbId: number;
  /** The first day of employment and the last (null: open), from HR positions; null when HR has no position dates. */
  employedFrom: string | null;
  employedTo: string | null;
  /** The job title at the start of employment (the import file's "position title"). */
  positionTitle: string | null;
  name: string | null;
}

/** What the sync remembers of an absence it wrote. */
export interface AbsenceLink {
  absenceId: string;
  employeeNumber: string;
  xledgerDbId: number;
  fromDate: string;
}

export interface AbsenceChange {
  field: AbsenceField;
  from: string | null;
  to: string | null;
}

export interface AbsenceIssue {
  field: string;
  reason: string;
}

/**
 * What one item of an absence run is: an HR absence to create, update or leave alone, one refused with its reasons,
 * or a linked absence HR cancelled or deleted (removed, kept, or left to the admin by the policy).
 */
export type AbsenceClassification = 'create' | 'update' | 'unchanged' | 'invalid' | 'cancelled';

export interface AbsencePlan {
  absenceId: string;
  employeeNumber: string;
  classification: AbsenceClassification;
  /** The Xledger employee (for creates). */
  employeeDbId?: number;
  /** The matched Xledger absence, and how it was found. */
  xledgerDbId?: number;
  matchedBy?: 'link' | 'employee-code-date';
  /** What HR says the absence is in Xledger's terms (absent when it could not be mapped). */
  values?: AbsenceValues;
  /** What Xledger holds (matched or cancelled absences). */
  current?: AbsenceValues;
  changes: AbsenceChange[];
  issues: AbsenceIssue[];
  /** For cancelled absences: what the policy says. */
  cancelPolicy?: CancelPolicy;
  /** For the import file and the result email: the employee's title at the start of employment, and name. */
  positionTitle?: string | null;
  employeeName?: string | null;
}

export type CancelPolicy = 'remove' | 'keep' | 'ask';
