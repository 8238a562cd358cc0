import { activityInfo, heartbeat } from '@temporalio/activity';
import { osloToday } from '../../config/oslo-date';
import { createChangesStore } from '../../db/master-data/changes-store';
import { createMirrorStore } from '../../db/master-data/mirror-store';
import { createPartStateStore } from '../../db/master-data/state-store';
import { createProgressStore, type ReadProgress } from '../../db/master-data/progress-store';
import {
  addPartCounts,
  diffPage,
  emptyPartCounts,
  nextSince,
  PART_SPECS,
  planRead,
  type MirrorChange,
  type MirrorPart,
  type PartResult,
} from '../../domain/master-data/index';
import { masterDataReads } from '../../xledger/client/master-data';
import type { ActivityDeps } from '../deps';
import { keepAlive } from '../shared/heartbeat';
import { withXledgerFailures } from '../shared/xledger-failure';
import { readPart } from './part-sources';

export interface PullPartArgs {
  runId: string;
  connectionName: string;
  part: MirrorPart;
  full: boolean;
}

/**
 * Reads one part of a connection's master data from Xledger into its mirror table, page by page: each page is diffed
 * against the mirror and applied with its change-log rows, its NOTIFY and its resume point in one transaction. A
 * retried attempt resumes after the last applied page. Deletions are marked only when the read is complete: a full
 * read marks what it did not see, a delta read what Xledger said was deleted. The bookmark moves only then.
 */
export function createMasterDataPullActivities(deps: ActivityDeps) {
  return {
    async pullMasterDataPart({ runId, connectionName, part, full }: PullPartArgs): Promise<PartResult> {
      const connection = await deps.connections.get(connectionName);
      const settings = connection.settings.masterData;
      const spec = PART_SPECS[part];
      const progressStore = createProgressStore(deps.db);
      const stateStore = createPartStateStore(deps.db);
      const client = deps.xledgerClient(connection, await deps.connections.revealToken(connectionName));

      let progress: ReadProgress | undefined = await progressStore.get(runId, part);
      if (progress?.completed) return { part, status: 'OK', mode: progress.mode, counts: progress.counts };
      if (!progress) {
        const now = new Date();
        const plan = planRead(spec.tracking, await stateStore.get(connection.id, part), { full, now, fullEveryMs: settings.fullReadEveryHours * 3_600_000 });
        // A supplier read that is not a delta read notes the newest delta first: the next read continues from there.
        const startDeltaCursor =
          spec.tracking === 'deltas' && plan.mode !== 'deltas'
            ? ((await withXledgerFailures(activityInfo().attempt, () => masterDataReads(client).supplierDeltas.latestCursor('LOWER'))) ?? null)
            : null;
        const begun = {
          mode: plan.mode,
          since: plan.mode === 'modified-since' ? plan.since : null,
          readStartedAt: now,
          afterCursor: plan.mode === 'deltas' ? plan.after : null,
          startDeltaCursor,
          counts: emptyPartCounts(),
        };
        await progressStore.begin(runId, part, begun);
        progress = { ...begun, pages: 0, deletedByDelta: [], completed: false };
      }
      await stateStore.started(connection.id, part, runId, progress.mode);

      const p = progress;
      const counts = { ...p.counts };
      const deletedByDelta = [...p.deletedByDelta];
      let cursor = p.afterCursor;
      const pages = readPart(client, part, {
        mode: p.mode,
        ...(p.since ? { since: p.since } : {}),
        ...(cursor ? { after: cursor } : {}),
        pageSize: settings.pageSize,
        today: osloToday(),
        projectManagers: settings.projectManagers,
      });

      await withXledgerFailures(activityInfo().attempt, () =>
        keepAlive(async () => {
          for await (const page of pages) {
            await deps.db.transaction(async (trx) => {
              const mirror = createMirrorStore(trx);
              const stored = await mirror.byDbIds(
                connection.id,
                spec,
                page.records.map((r) => r.dbId),
              );
              const diff = diffPage(part, page.records, stored);
              await mirror.upsert(connection.id, runId, spec, diff.upserts);
              await mirror.touch(connection.id, runId, spec, diff.unchanged);
              await createChangesStore(trx).record(connection, runId, part, diff.changes);
              addPartCounts(counts, diff.counts);
              deletedByDelta.push(...page.deletedDbIds);
              if (page.endCursor) cursor = page.endCursor;
              await createProgressStore(trx).pageDone(runId, part, { afterCursor: cursor, counts, deletedByDelta });
            });
            heartbeat({ part, cursor });
          }
        }),
      );

      // The read is complete: only now may anything be marked deleted, and the bookmark move.
      await deps.db.transaction(async (trx) => {
        const mirror = createMirrorStore(trx);
        let deleted: MirrorChange[] = [];
        if (p.mode === 'full') deleted = await mirror.markUnseenDeleted(connection.id, runId, spec);
        else if (p.mode === 'deltas') deleted = await mirror.markDeleted(connection.id, spec, deletedByDelta);
        counts.deleted += deleted.length;
        await createChangesStore(trx).record(connection, runId, part, deleted);
        await createPartStateStore(trx).succeeded(connection.id, part, {
          runId,
          mode: p.mode,
          counts,
          since: nextSince(p.readStartedAt),
          full: p.mode === 'full',
          ...(spec.tracking === 'deltas' ? { deltaCursor: p.mode === 'deltas' ? cursor : p.startDeltaCursor, deltaCursorAt: p.readStartedAt } : {}),
        });
        await createProgressStore(trx).complete(runId, part, counts);
      });
      return { part, status: 'OK', mode: p.mode, counts };
    },
  };
}
