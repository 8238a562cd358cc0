import { OUTBOX_MIN_RETENTION_DAYS, OUTBOX_RETENTION_DAYS } from '../../config/config';
import { createOutboxStore } from '../../db/realtime/outbox-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { purgeExpiredImportFiles } from '../absences/import-file-retention';
import { ABSENCE_PLAN_KEEP } from '../absences/run-lifecycle';
import { EMPLOYEE_PLAN_KEEP } from '../employees/run-lifecycle';
import { INVOICE_PLAN_KEEP } from '../invoices/run-lifecycle';
import type { ActivityDeps } from '../deps';
import { heartbeat } from '@temporalio/activity';
import { purgeRunStaging } from '../shared/staging-retention';

/**
 * Deletes the HR outbox rows settled more than `outboxRetentionDays` ago (never fewer than 4: incremental employee
 * runs read the outbox for what HR changed in Xledger's 3-day delta window and its overlap), a batch at a time.
 */
export async function purgeSettledOutbox(deps: Pick<ActivityDeps, 'db' | 'outboxRetentionDays'>, now = new Date()): Promise<number> {
  const days = Math.max(OUTBOX_MIN_RETENTION_DAYS, deps.outboxRetentionDays ?? OUTBOX_RETENTION_DAYS);
  const before = new Date(now.getTime() - days * 86_400_000);
  const outbox = createOutboxStore(deps.db);
  let purged = 0;
  for (let n = await outbox.purgeSettled(before); n > 0; n = await outbox.purgeSettled(before)) {
    purged += n;
    heartbeat({ outboxPurged: purged });
  }
  return purged;
}

/** What a kind's settled plans keep, by run kind (sync_runs.kind). */
const PLAN_KEEP_BY_KIND = { employees: EMPLOYEE_PLAN_KEEP, absences: ABSENCE_PLAN_KEEP, 'invoice-export': INVOICE_PLAN_KEEP } as const;

export function createMaintenanceActivities(deps: ActivityDeps) {
  return {
    /**
     * Purges the staging of runs that ended more than XSYNC_DEBUG_RETENTION_DAYS ago (and of runs that never
     * settled, e.g. terminated ones), the content of absence import files past their connection's retention, and
     * settled HR outbox rows past XSYNC_OUTBOX_RETENTION_DAYS.
     * Run by the maintenance schedule; safe to run any time.
     */
    async purgeExpiredStaging(): Promise<{ purged: number; importFilesPurged: number; outboxPurged: number }> {
      const runs = createRunsStore(deps.db);
      const cutoff = new Date(Date.now() - deps.stagingRetentionDays * 86_400_000);
      const importFilesPurged = await purgeExpiredImportFiles(deps);
      const outboxPurged = await purgeSettledOutbox(deps);
      let purged = 0;
      for (;;) {
        const ids = await runs.runsWithStagingBefore(cutoff);
        if (ids.length === 0) return { purged, importFilesPurged, outboxPurged };
        for (const id of ids) {
          const run = await runs.getRun(id);
          const keep = PLAN_KEEP_BY_KIND[(run?.kind ?? 'employees') as keyof typeof PLAN_KEEP_BY_KIND] ?? EMPLOYEE_PLAN_KEEP;
          await deps.db.transaction((trx) => purgeRunStaging(trx, id, keep));
          purged += 1;
          heartbeat({ purged });
        }
      }
    },
  };
}
