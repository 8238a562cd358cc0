import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Connection } from '../db/connections-store';
import { createRunsStore, type RunRow } from '../db/runs/runs-store';
import type { RunTrigger } from '../domain/shared/run-types';
import { runKind, type RunKindId } from '../kinds/registry';
import { abandonedRunStatus, temporalRunState } from '../temporal/run-state';
import { connectionKey, runKindKey, statusKey, triggerKey } from '../workflows/shared/search-attributes';
import { newRunId } from './run-id';

/** Another run of the connection and kind is open, and the caller did not ask to wait (exit 1). */
export class RunRefusedError extends Error {
  override name = 'RunRefusedError';
}

export interface StartRunOptions {
  connection: Connection;
  trigger: RunTrigger;
  dryRun?: boolean;
  today?: string;
  /** The kind's own options (kinds/registry.ts `kindStartOptions` checks them). */
  options?: Record<string, unknown>;
  /** Wait for an open run to end instead of refusing. */
  queue?: boolean;
  /** Told once per open run while queued. */
  onWait?: (open: { runId: string; phase?: string }) => void;
  /** How long to wait for the run to take its lock before returning (no worker yet: it takes it later). */
  claimWaitMs?: number;
  pollMs?: number;
}

export interface StartedRun {
  runId: string;
  handle: WorkflowHandle;
  /** The run holds the connection's lock (false: no worker has picked it up within claimWaitMs yet). */
  claimed: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a run of any kind the one way every caller does (CLI, schedules, pushes, tests): refused with the open run
 * named while another run of the connection and kind is open, or queued behind it with `queue`. The workflow's
 * first activity takes the lock atomically (activities/shared/run-claim.ts); this only spares a start that would
 * be refused, and waits to see that the lock was taken.
 */
export async function startRun(client: Client, db: Knex, taskQueue: string, kindId: RunKindId, o: StartRunOptions): Promise<StartedRun> {
  const kind = runKind(kindId);
  const runs = createRunsStore(db);
  const pollMs = o.pollMs ?? 1_000;
  let toldAbout: string | undefined;
  const refuseOrWait = async (open: { runId: string; phase?: string }): Promise<void> => {
    if (!o.queue) {
      throw new RunRefusedError(
        `run ${open.runId} of connection "${o.connection.name}" is still open (${open.phase ?? 'phase unknown'}); ` +
          `wait for it with --queue, or follow it with: xsync sync status ${open.runId}`,
      );
    }
    if (toldAbout !== open.runId) o.onWait?.(open);
    toldAbout = open.runId;
    await sleep(pollMs);
  };

  for (;;) {
    const open: RunRow | undefined = await runs.openRun(o.connection.id, kind.id);
    if (open) {
      const state = await temporalRunState(client, open.id);
      if (!state.open) {
        await runs.closeAbandoned(open.id, abandonedRunStatus(state.status), `Temporal closed the run as ${state.status} before it recorded its end`);
        continue;
      }
      await refuseOrWait({ runId: open.id, ...(state.phase ? { phase: state.phase } : {}) });
      continue;
    }

    const runId = newRunId(kind.id, o.connection.name);
    const dryRun = o.dryRun ?? false;
    const handle = await client.workflow.start(kind.workflow, {
      taskQueue,
      workflowId: runId,
      args: [
        kind.input({
          runId,
          connectionName: o.connection.name,
          trigger: o.trigger,
          dryRun,
          ...(o.today ? { today: o.today } : {}),
          ...(o.options ? { options: o.options } : {}),
        }),
      ],
      typedSearchAttributes: [
        { key: connectionKey, value: o.connection.name },
        { key: runKindKey, value: kind.id },
        { key: triggerKey, value: o.trigger },
        { key: statusKey, value: 'starting' },
      ],
      staticSummary: `${capitalize(kind.label)} of "${o.connection.name}"${dryRun ? ' (dry run)' : ''}`,
      staticDetails: `Connection ${o.connection.name}, Xledger owner entity ${o.connection.ownerEntityId}, started by ${o.trigger === 'manual' ? 'an admin (CLI)' : o.trigger}.`,
    });

    const deadline = Date.now() + (o.claimWaitMs ?? 15_000);
    for (;;) {
      const state = await temporalRunState(client, runId);
      if (state.open && state.phase && state.phase !== 'starting') return { runId, handle, claimed: true };
      if (!state.open) {
        const row = await runs.getRun(runId);
        if (row?.status !== 'REFUSED') return { runId, handle, claimed: true };
        const holder = row.refused_by ?? 'unknown';
        const held = await temporalRunState(client, holder);
        await refuseOrWait({ runId: holder, ...(held.phase ? { phase: held.phase } : {}) });
        break; // the open run ended: start again
      }
      if (Date.now() > deadline) return { runId, handle, claimed: false };
      await sleep(Math.min(pollMs, 250));
    }
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
