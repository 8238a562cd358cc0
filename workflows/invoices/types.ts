import type { InvoiceRunCounts } from '../../domain/invoices/run-outcome';
import type { RunStatus, RunTrigger } from '../../domain/shared/run-types';

/** Shapes shared by the invoice export workflow, its activities and the CLI: ids and counts only. */

export interface InvoiceExportInput {
  /** The run's id; a schedule's runs take their workflow id. */
  runId?: string;
  connectionName: string;
  trigger: RunTrigger;
  scheduleId?: string;
  /** Validate and plan only: nothing is sent (master data is still looked up). */
  dryRun?: boolean;
}

export type InvoiceRunPhase = 'starting' | 'planning' | 'customers' | 'exporting' | 'reporting' | 'done';

export interface InvoiceRunResult {
  runId: string;
  status: RunStatus;
  counts: InvoiceRunCounts;
  documents: number;
  emailed: boolean;
  refusedBy?: string;
  refusedPhase?: string;
}

export interface InvoiceRunStart {
  refused?: { openRunId: string; openPhase?: string };
}

/** What `xsync sync status` reads of a running export (the platform's `progress` query, in this kind's shape). */
export interface InvoiceRunProgress {
  runId: string;
  connectionName: string;
  dryRun: boolean;
  phase: InvoiceRunPhase;
  /** No admin decisions in this kind: always zero (the shared CLI reads them). */
  decisions: { pendingCount: number; decidedCount: number };
  documents: number;
  batches: { sent: number; total: number };
  status?: RunStatus;
}
