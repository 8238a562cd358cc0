import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { createRunsStore, type NewRun } from '../../db/runs/runs-store';
import { abandonedRunStatus, temporalRunState } from '../../temporal/run-state';

export type RunToClaim = NewRun;

export type Claim = { claimed: true } | { claimed: false; openRunId: string; openPhase?: string };

/**
 * Takes the connection's one-run-at-a-time lock for this kind, or says which run holds it. A lock left by a run that
 * Temporal closed without letting it finish (terminated, timed out) is released first, so it cannot block forever.
 */
export async function claimRun(db: Knex, temporal: Client, run: RunToClaim): Promise<Claim> {
  const runs = createRunsStore(db);
  const mine = await runs.getRun(run.id);
  if (mine) return mine.status === 'REFUSED' ? { claimed: false, openRunId: mine.refused_by ?? 'unknown' } : { claimed: true }; // a retried claim
  for (let attempt = 0; attempt < 3; attempt++) {
    const claim = await runs.claimRun(run);
    if (claim.claimed) return claim;
    const state = await temporalRunState(temporal, claim.openRunId);
    if (state.open) {
      await runs.recordRefused(run, claim.openRunId);
      return { claimed: false, openRunId: claim.openRunId, ...(state.phase ? { openPhase: state.phase } : {}) };
    }
    await runs.closeAbandoned(claim.openRunId, abandonedRunStatus(state.status), `Temporal closed the run as ${state.status} before it recorded its end`);
  }
  throw new Error(`could not claim run ${run.id}: the open run of this connection kept changing`);
}

/** The worker's Temporal client, inside an activity. */
export const activityTemporalClient = (): Client => Context.current().client;
