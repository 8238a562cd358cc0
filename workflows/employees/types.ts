import type { DecisionAttribution, Decision, PendingDecisionItem } from '../../domain/employees/decisions';
import type { Classification } from '../../domain/employees/plan-types';
import type { EmployeeRunCounts } from '../../domain/employees/run-outcome';
import type { RunStatus, RunTrigger } from '../../domain/shared/run-types';

/** Shapes shared by the employee sync workflow, its activities and the CLI. Only ids and counts: no personal data. */

export type { RunStatus, RunTrigger } from '../../domain/shared/run-types';
export type RunPhase = 'starting' | 'snapshotting' | 'planning' | 'waiting-for-decisions' | 'applying' | 'reporting' | 'done';
export type RunCounts = EmployeeRunCounts;

export interface EmployeeSyncInput {
  /** The run's id; a schedule's runs take their workflow id (the schedule's id plus the scheduled time). */
  runId?: string;
  connectionName: string;
  trigger: RunTrigger;
  /** The Temporal Schedule that started the run. */
  scheduleId?: string;
  dryRun?: boolean;
  /** 'YYYY-MM-DD' to pin "today" (tests); by default the planning activity uses today's date in Europe/Oslo. */
  today?: string;
  /** Read everyone (`sync start --full`); otherwise the run reads only what changed when it can. */
  full?: boolean;
}

/** How a run read (docs/incremental-runs.md): full or incremental, and why, in words for status, email and Temporal UI. */
export interface RunRead {
  mode: 'full' | 'incremental';
  reason: string;
  why: string;
  /** Incremental: people earlier runs held back as invalid or locked, unchanged since, so not planned again. */
  heldBackUnchanged?: HeldBackUnchanged;
}

export interface HeldBackUnchanged {
  invalid: number;
  locked: number;
}

export interface RunSettings {
  decisionTimeout: string;
  reminderAfter: string;
  timeoutPolicy: 'skip-undecided' | 'cancel';
  /** Set when another run of this connection and kind was open: this run did nothing. */
  refused?: { openRunId: string; openPhase?: string };
}

export interface PlanSummary {
  items: number;
  byClassification: Record<Classification, number>;
  pendingCount: number;
  hrRows: number;
  xledgerEmployees: number;
}

/**
 * An admin's answer: single decisions, every pending field of some employees, and/or one choice for everything
 * still undecided; `finish` applies now, skipping the rest. `by` names who decides (the CLI sends user@host).
 */
export interface DecisionRequest {
  decisions?: Decision[];
  employees?: Array<{ employeeNumber: string; choice: 'hr' | 'xledger' | 'skip' }>;
  all?: { fields?: 'hr' | 'xledger' | 'skip'; creations?: 'create' | 'skip' };
  finish?: boolean;
  by?: string;
}

export interface DecisionDefaults {
  undecidedField?: 'hr' | 'xledger' | 'skip';
  undecidedCreate?: 'create' | 'skip';
  undecidedFieldBy?: DecisionAttribution;
  undecidedCreateBy?: DecisionAttribution;
}

export interface DecisionProgress {
  pendingCount: number;
  decidedCount: number;
  /** What the request that returned this decided (absent on progress read outside a request). */
  decidedNow?: number;
}

export interface PendingPage {
  items: PendingDecisionItem[];
  total: number;
  offset: number;
}

export interface ApplyBatches {
  xledgerCreateBatches: number;
  xledgerUpdateBatches: number;
  hrBatches: number;
}

export interface BatchResult {
  created: number;
  updated: number;
  failed: number;
  requests: number;
}

export interface RunProgress {
  runId: string;
  connectionName: string;
  dryRun: boolean;
  phase: RunPhase;
  plan?: PlanSummary;
  decisions: DecisionProgress;
  waitingSince?: string;
  decideBy?: string;
  status?: RunStatus;
  read?: RunRead;
}

export interface RunResult {
  runId: string;
  status: RunStatus;
  counts: RunCounts;
  plan?: PlanSummary;
  read?: RunRead;
  emailed: boolean;
  /** REFUSED: the run that was open, and its phase then. */
  refusedBy?: string;
  refusedPhase?: string;
}
