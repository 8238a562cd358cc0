import type { Decision, PendingDecisionItem } from '../../domain/employees/decisions';
import type { Classification } from '../../domain/employees/plan-types';
import type { RunCounts } from '../../mail/render-run-result';

/** Shapes shared by the employee sync workflow, its activities and the CLI. Only ids and counts: no personal data. */

export type RunTrigger = 'manual' | 'schedule' | 'realtime';
export type RunPhase = 'starting' | 'snapshotting' | 'planning' | 'waiting-for-decisions' | 'applying' | 'reporting' | 'done';
export type RunStatus = 'OK' | 'PARTIAL' | 'FAILED' | 'CANCELLED' | 'DRY_RUN';

export interface EmployeeSyncInput {
  runId: string;
  connectionName: string;
  trigger: RunTrigger;
  dryRun?: boolean;
  /** 'YYYY-MM-DD' to pin "today" (tests); by default the planning activity uses today's date in Europe/Oslo. */
  today?: string;
}

export interface RunSettings {
  decisionTimeout: string;
  reminderAfter: string;
  timeoutPolicy: 'skip-undecided' | 'cancel';
}

export interface PlanSummary {
  items: number;
  byClassification: Record<Classification, number>;
  pendingCount: number;
  hrRows: number;
  xledgerEmployees: number;
}

/** An admin's answer: single decisions, and/or one choice for everything still undecided; `finish` applies now, skipping the rest. */
export interface DecisionRequest {
  decisions?: Decision[];
  all?: { fields?: 'hr' | 'xledger' | 'skip'; creations?: 'create' | 'skip' };
  finish?: boolean;
}

export interface DecisionDefaults {
  undecidedField?: 'hr' | 'xledger' | 'skip';
  undecidedCreate?: 'create' | 'skip';
}

export interface DecisionProgress {
  pendingCount: number;
  decidedCount: number;
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

/** Per-run counts, the same shape the result email shows. */
export type { RunCounts } from '../../mail/render-run-result';

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
}

export interface RunResult {
  runId: string;
  status: RunStatus;
  counts: RunCounts;
  plan?: PlanSummary;
  emailed: boolean;
}
