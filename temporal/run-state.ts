import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { statusKey } from '../workflows/shared/search-attributes';

/** What Temporal says of a run's workflow: still open, or how it closed; and the phase it last reported. */
export interface TemporalRunState {
  open: boolean;
  /** RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED, TIMED_OUT, CONTINUED_AS_NEW, or NOT_FOUND. */
  status: string;
  phase?: string;
}

export async function temporalRunState(client: Client, workflowId: string): Promise<TemporalRunState> {
  try {
    const d = await client.workflow.getHandle(workflowId).describe();
    const phase = d.typedSearchAttributes.get(statusKey);
    return { open: d.status.name === 'RUNNING', status: d.status.name, ...(phase ? { phase } : {}) };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { open: false, status: 'NOT_FOUND' };
    throw err;
  }
}

/** The status a run row gets when Temporal closed its workflow without the run recording its end. */
export function abandonedRunStatus(temporalStatus: string): 'TERMINATED' | 'CANCELLED' | 'FAILED' {
  if (temporalStatus === 'CANCELLED') return 'CANCELLED';
  if (temporalStatus === 'FAILED' || temporalStatus === 'TIMED_OUT') return 'FAILED';
  return 'TERMINATED';
}
