import type { MasterDataType, PartResult } from '../../domain/master-data/index';
import type { RunStatus, RunTrigger } from '../../domain/shared/run-types';

export interface MasterDataSyncInput {
  /** Absent for scheduled runs: the workflow id is the run id. */
  runId?: string;
  connectionName: string;
  trigger: RunTrigger;
  /** The types to read; all when absent. */
  types?: MasterDataType[];
  /** Read every part whole (finds deletions) instead of incrementally. */
  full?: boolean;
  scheduleId?: string;
}

export type MasterDataPhase = 'starting' | 'reading' | 'reporting' | 'done';

export interface MasterDataProgress {
  runId: string;
  connectionName: string;
  phase: MasterDataPhase;
  /** The part being read. */
  reading?: string;
  parts: PartResult[];
  status?: RunStatus;
}

export interface MasterDataRunResult {
  runId: string;
  status: RunStatus;
  counts: Record<string, number>;
  parts: PartResult[];
  refusedBy?: string;
  refusedPhase?: string;
}
