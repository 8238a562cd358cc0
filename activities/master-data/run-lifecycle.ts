import { createPartStateStore } from '../../db/master-data/state-store';
import { createProgressStore } from '../../db/master-data/progress-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { dueTypes, masterDataCounts, TYPE_PARTS, type MasterDataType, type MirrorPart, type PartResult } from '../../domain/master-data/index';
import { emptyPartCounts } from '../../domain/master-data/record';
import type { RunStatus, RunTrigger } from '../../domain/shared/run-types';
import type { ActivityDeps } from '../deps';
import { activityTemporalClient, claimRun } from '../shared/run-claim';

export const MASTER_DATA_KIND = 'master-data';

export type MasterDataStart = { refused?: { openRunId: string; openPhase?: string } };

export function createMasterDataLifecycleActivities(deps: ActivityDeps) {
  const runs = createRunsStore(deps.db);
  return {
    /** Opens the run and takes the connection's master-data lock; refused (naming the open run) when another holds it. */
    async startMasterDataRun(args: {
      runId: string;
      connectionName: string;
      trigger: RunTrigger;
      workflowId: string;
      scheduleId?: string;
    }): Promise<MasterDataStart> {
      const connection = await deps.connections.get(args.connectionName);
      const claim = await claimRun(deps.db, activityTemporalClient(), {
        id: args.runId,
        connectionId: connection.id,
        kind: MASTER_DATA_KIND,
        trigger: args.trigger,
        dryRun: false,
        scheduleId: args.scheduleId ?? null,
      });
      if (claim.claimed) return {};
      return { refused: { openRunId: claim.openRunId, ...(claim.openPhase ? { openPhase: claim.openPhase } : {}) } };
    },

    /**
     * The types a scheduled run reads: of the connection's scheduled types, those whose interval has passed since their
     * last good read (a type with several parts: since the oldest of them).
     */
    async dueMasterDataTypes({ connectionName }: { connectionName: string }): Promise<MasterDataType[]> {
      const connection = await deps.connections.get(connectionName);
      const { types, intervalMinutes } = connection.settings.masterData;
      const states = new Map((await createPartStateStore(deps.db).all(connection.id)).map((s) => [s.part, s.lastOkAt]));
      const lastOk = new Map<MasterDataType, Date | null>();
      for (const t of types) {
        const times = TYPE_PARTS[t].map((p) => states.get(p) ?? null);
        lastOk.set(t, times.some((x) => x === null) ? null : new Date(Math.min(...times.map((x) => x!.getTime()))));
      }
      return dueTypes(types, lastOk, intervalMinutes, new Date());
    },

    /** A part whose read failed for good: its status and the counts of the pages it did apply; its bookmark stays. */
    async masterDataPartFailed({
      runId,
      connectionName,
      part,
      error,
    }: {
      runId: string;
      connectionName: string;
      part: MirrorPart;
      error: string;
    }): Promise<PartResult> {
      const connection = await deps.connections.get(connectionName);
      const progress = await createProgressStore(deps.db).get(runId, part);
      const counts = progress?.counts ?? emptyPartCounts();
      await createPartStateStore(deps.db).failed(connection.id, part, { runId, counts, error });
      return { part, status: 'FAILED', mode: progress?.mode ?? 'full', counts, error };
    },

    /** Closes the run row (releasing the lock) with the counts and every part's result; once (a retry is a no-op). */
    async finishMasterDataRun({ runId, status, parts }: { runId: string; status: RunStatus; parts: PartResult[] }): Promise<Record<string, number>> {
      const run = await runs.getRun(runId);
      const counts = masterDataCounts(parts);
      if (!run) return counts;
      if (run.finished_at) return (run.summary as { counts: Record<string, number> }).counts ?? counts;
      await runs.finishRun(runId, status, { counts, parts });
      return counts;
    },
  };
}
