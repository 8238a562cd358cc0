import type { RunStatus } from '../../domain/shared/run-types';
import type { RunCounts } from '../employees/types';

/** Shapes of the real-time push workflows: outbox ids and employee numbers only, never values. */

/** One HR change a connection has to push: the outbox row and whose it is. */
export interface PushChange {
  outboxId: number;
  employeeNumber: string;
}

/** What the relay hands a connection's push workflow. */
export interface ChangesSignal {
  changes: PushChange[];
  /** The connection's `employees.realtime.debounce`, in ms (sent along, so a changed setting applies at once). */
  debounceMs: number;
}

export interface EmployeeRealtimeInput {
  connectionName: string;
  /** Carried over by continue-as-new: changes not pushed yet, and recently settled outbox ids (for deduplication). */
  carried?: { pending: PushChange[]; settled: number[]; debounceMs: number };
}

export interface RealtimeState {
  connectionName: string;
  pending: number;
  pushing: number;
  pushRuns: number;
  signals: number;
  waitingForRun?: string;
  lastRunId?: string;
  lastStatus?: RunStatus | 'RETRYING';
}

export interface EmployeePushInput {
  runId: string;
  connectionName: string;
  /** At most 500 people (one Xledger mutation's worth), each with the outbox ids of their changes. */
  changes: PushChange[];
}

export interface EmployeePushResult {
  runId: string;
  status: RunStatus;
  counts?: RunCounts;
  done: number;
  held: number;
  emailed: boolean;
  refusedBy?: string;
  /** Xledger requests the push made (reads and writes): the next push waits until they are within Xledger's rate. */
  xledgerRequests?: number;
}
