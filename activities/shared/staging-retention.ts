import type { Knex } from 'knex';
import { createItemsStore, type KeepTree } from '../../db/runs/items-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { createSnapshotsStore } from '../../db/runs/snapshots-store';

/**
 * Personal data is kept only as long as a run needs it: when a run settles (or, with a debug retention, that many
 * days later) its snapshots are deleted and its plans stripped to what `keep` names (outcomes, reasons, names for the
 * email); counts, outcomes and history stay.
 */
export async function purgeRunStaging(db: Knex, runId: string, keep: KeepTree): Promise<void> {
  await createSnapshotsStore(db).deleteRun(runId);
  await createItemsStore(db).stripPlans(runId, keep);
  await createRunsStore(db).markStagingPurged(runId);
}
