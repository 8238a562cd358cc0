import type { AbsenceDecision, AbsenceDecisionAttribution, PendingAbsence } from '../../domain/absences/decisions';
import type { AbsenceClassification } from '../../domain/absences/absence-types';
import type { AbsenceRunCounts } from '../../domain/absences/run-outcome';
import type { RunStatus, RunTrigger } from '../../domain/shared/run-types';

/** Shapes shared by the absence sync workflow, its activities and the CLI. Only ids and counts: no personal data. */

export type AbsenceRunPhase = 'starting' | 'planning' | 'waiting-for-decisions' | 'applying' | 'reporting' | 'done';

export interface AbsencePeriod {
  /** 'YYYY-MM-DD', inclusive. */
  from: string;
  to: string;
}

export interface AbsenceSyncInput {
  runId?: string;
  connectionName: string;
  trigger: RunTrigger;
  scheduleId?: string;
  dryRun?: boolean;
  /** Absences starting in this period; by default the calendar year of today (Europe/Oslo). */
  period?: AbsencePeriod;
  /** Only these employees' absences (HR employee numbers). */
  employees?: string[];
  /** 'YYYY-MM-DD' to pin "today" (tests). */
  today?: string;
}

export interface AbsenceRunSettings {
  decisionTimeout: string;
  reminderAfter: string;
  timeoutPolicy: 'skip-undecided' | 'cancel';
  period: AbsencePeriod;
  refused?: { openRunId: string; openPhase?: string };
}

export interface AbsencePlanSummary {
  items: number;
  byClassification: Record<AbsenceClassification, number>;
  /** Cancelled absences the admin has to decide on (policy `ask`). */
  pendingCount: number;
  hrAbsences: number;
  xledgerAbsences: number;
  /** How this run writes: the API's absence mutations, or an import file. */
  writePath: 'api' | 'file';
}

export interface AbsenceDecisionRequest {
  decisions?: AbsenceDecision[];
  /** One choice for every absence still undecided. */
  all?: 'remove' | 'keep';
  /** Apply now; what is undecided is kept. */
  finish?: boolean;
  by?: string;
}

export interface AbsenceDecisionDefaults {
  undecided?: 'remove' | 'keep';
  undecidedBy?: AbsenceDecisionAttribution;
}

export interface AbsenceDecisionProgress {
  pendingCount: number;
  decidedCount: number;
  decidedNow?: number;
}

export interface AbsencePendingPage {
  items: PendingAbsence[];
  total: number;
  offset: number;
}

export interface AbsenceApplyBatches {
  createBatches: number;
  updateBatches: number;
  removeBatches: number;
  /** Rows for the import file (file path). */
  fileRows: number;
}

export interface AbsenceRunProgress {
  runId: string;
  connectionName: string;
  dryRun: boolean;
  phase: AbsenceRunPhase;
  period?: AbsencePeriod;
  plan?: AbsencePlanSummary;
  decisions: AbsenceDecisionProgress;
  waitingSince?: string;
  decideBy?: string;
  status?: RunStatus;
}

export interface AbsenceRunResult {
  runId: string;
  status: RunStatus;
  counts: AbsenceRunCounts;
  period?: AbsencePeriod;
  plan?: AbsencePlanSummary;
  emailed: boolean;
  /** File path: how to get the import file. */
  importFile?: { fileName: string; rows: number; command: string };
  refusedBy?: string;
  refusedPhase?: string;
}
