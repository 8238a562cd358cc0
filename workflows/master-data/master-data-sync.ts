import {
  ActivityFailure,
  ApplicationFailure,
  isCancellation,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
// Not the domain index: its bookmark arithmetic uses Xledger's time formats, which the workflow has no need of.
import { MASTER_DATA_TYPES, TYPE_PARTS, type MasterDataType } from '../../domain/master-data/catalog';
import { masterDataCounts, masterDataStatus, type PartResult } from '../../domain/master-data/run-outcome';
import type { RunStatus } from '../../domain/shared/run-types';
import { bookkeepingActivity, readActivity } from '../shared/activity-options';
import { runLifecycle, showRefused } from '../shared/run-lifecycle';
import { statusKey } from '../shared/search-attributes';
import { masterDataProgressQuery } from './messages';
import type { MasterDataPhase, MasterDataProgress, MasterDataRunResult, MasterDataSyncInput } from './types';

/**
 * A part's read retries for a few minutes, not the hour a read of the employee sync may take: suppliers come again in
 * 30 minutes, and a part that fails must not hold up the others (its pages stay applied; nothing is deleted).
 */
const pulling = proxyActivities<Activities>({
  ...readActivity,
  startToCloseTimeout: '30 minutes',
  retry: { ...readActivity.retry, maximumInterval: '1 minute', maximumAttempts: 6 },
});
const bookkeeping = proxyActivities<Activities>(bookkeepingActivity);

/**
 * One master-data run: read each requested type's parts from Xledger into the mirror, one after another and each on
 * its own (a part that fails is recorded and the others go on), then close the run with every part's counts. The
 * pages live in Postgres; this workflow carries part names and counts only.
 */
export async function masterDataSync(input: MasterDataSyncInput): Promise<MasterDataRunResult> {
  const { connectionName } = input;
  const runId = input.runId ?? workflowInfo().workflowId;
  let types: MasterDataType[] = input.types && input.types.length > 0 ? input.types : [...MASTER_DATA_TYPES];
  const full = input.full ?? false;
  const parts: PartResult[] = [];
  let phase: MasterDataPhase = 'starting';
  let reading: string | undefined;
  let status: RunStatus | undefined;

  const progress = (): MasterDataProgress => ({ runId, connectionName, phase, parts, ...(reading ? { reading } : {}), ...(status ? { status } : {}) });
  setHandler(masterDataProgressQuery, progress, { description: 'Phase, the part being read, and each part read so far with its counts' });

  const describe = (): string => {
    const lines = [`Phase: ${phase}${full ? ' (full read)' : ''}`, `Types: ${types.join(', ')}`];
    if (reading) lines.push(`Reading: ${reading}`);
    for (const p of parts) {
      const c = p.counts;
      lines.push(`${p.part}: ${p.status} (${p.mode}) +${c.added} ~${c.updated} -${c.deleted} =${c.unchanged}${p.error ? ` — ${p.error}` : ''}`);
    }
    if (status) lines.push(`Status: ${status}`);
    return lines.join('\n');
  };
  const enter = (next: MasterDataPhase) => {
    phase = next;
    upsertSearchAttributes([{ key: statusKey, value: next }]);
    setCurrentDetails(describe());
  };

  const finish = async (final: RunStatus): Promise<MasterDataRunResult> => {
    enter('reporting');
    reading = undefined;
    const counts = await bookkeeping.finishMasterDataRun({ runId, status: final, parts });
    status = final;
    phase = 'done';
    upsertSearchAttributes([{ key: statusKey, value: final }]);
    setCurrentDetails(describe());
    return { runId, status: final, counts, parts };
  };

  return runLifecycle({
    start: () =>
      bookkeeping.startMasterDataRun({
        runId,
        connectionName,
        trigger: input.trigger,
        workflowId: workflowInfo().workflowId,
        ...(input.scheduleId ? { scheduleId: input.scheduleId } : {}),
      }),
    refused: (open) => {
      status = 'REFUSED';
      phase = 'done';
      showRefused(connectionName, open);
      return {
        runId,
        status: 'REFUSED',
        counts: masterDataCounts([]),
        parts: [],
        refusedBy: open.openRunId,
        ...(open.openPhase ? { refusedPhase: open.openPhase } : {}),
      };
    },
    body: readParts,
    finish,
  });

  /** Each due part, one after another; a part that fails is recorded and the others go on. */
  async function readParts(): Promise<MasterDataRunResult> {
    // A scheduled run reads the types that are due (each has its own interval; the schedule fires at the shortest).
    if (input.trigger === 'schedule' && !input.types?.length) types = await bookkeeping.dueMasterDataTypes({ connectionName });
    enter('reading');
    for (const type of types) {
      for (const part of TYPE_PARTS[type]) {
        reading = part;
        setCurrentDetails(describe());
        try {
          parts.push(await pulling.pullMasterDataPart({ runId, connectionName, part, full }));
        } catch (err) {
          if (isCancellation(err)) throw err;
          parts.push(await bookkeeping.masterDataPartFailed({ runId, connectionName, part, error: failureMessage(err) }));
        }
      }
    }
    return await finish(masterDataStatus(parts));
  }
}

/** The reason a part's read failed, as the activity said it (Xledger's message, already masked). */
function failureMessage(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure || cause instanceof Error) return cause.message;
  return String(cause);
}
