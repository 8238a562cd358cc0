import type { Knex } from 'knex';
import {
  addCounts,
  countOutcomes,
  emptyEmployeeCounts,
  hrPatchChanges,
  isLinkUpToDate,
  LINKABLE_CLASSIFICATIONS,
  nextBaseline,
  settledOutcome,
  statusFromTally,
  type Decision,
  type FieldChange,
  type PersonalHasher,
} from '../../domain/index';
import { createHistoryStore, type HistoryRow } from '../../db/employees/history-store';
import { createLinksStore, type NewLink } from '../../db/employees/links-store';
import { createDecisionsStore } from '../../db/runs/decisions-store';
import { createItemsStore, type KeepTree, type Outcome } from '../../db/runs/items-store';
import { createRunsStore } from '../../db/runs/runs-store';
import type { DecisionDefaults, RunCounts, RunSettings, RunStatus, RunTrigger } from '../../workflows/employees/types';
import type { ActivityDeps } from '../deps';
import { activityTemporalClient, claimRun } from '../shared/run-claim';
import { purgeRunStaging } from '../shared/staging-retention';
import { noteRow, skippedRows } from './history';
import type { EmployeeItemRow } from './item-types';

export const EMPLOYEES_KIND = 'employees';

/** What a settled employee plan keeps: classification, reasons and names (for the result email); no personal numbers. */
export const EMPLOYEE_PLAN_KEEP: KeepTree = {
  employeeNumber: true,
  classification: true,
  xledgerDbId: true,
  issues: true,
  notes: true,
  values: { hr: { firstName: true, lastName: true }, xledger: { firstName: true, lastName: true } },
};

/** The changes that actually landed for an item, both directions (for its next baseline). */
function appliedChanges(item: EmployeeItemRow): FieldChange[] {
  const out: FieldChange[] = [];
  if (item.xledger_done_at && item.xledger_write?.kind === 'update') out.push(...item.xledger_write.update.changes);
  if (item.hr_done_at && item.hr_write?.kind === 'patch') out.push(...hrPatchChanges(item.hr_write.patch));
  return out;
}

const FINISH_PAGE_SIZE = 1_000;

/**
 * Settles one page of items inside finishRun's transaction: the outcome of items nothing was written for, history
 * notes, and the links (with last-synced values) of everyone who is now in step. Returns the items as settled.
 */
async function settlePage(
  trx: Knex,
  hasher: PersonalHasher,
  connectionId: number,
  runId: string,
  status: RunStatus,
  items: EmployeeItemRow[],
): Promise<EmployeeItemRow[]> {
  const links = createLinksStore(trx);
  const storedLinks = await links.byEmployee(
    connectionId,
    items.filter((i) => i.item_key !== '').map((i) => i.item_key),
  );
  const history: HistoryRow[] = [];
  const settled: Array<{ seq: number; outcome: Outcome; detail: string }> = [];
  const moved: NewLink[] = [];
  for (const item of items) {
    const base = {
      connection_id: connectionId,
      run_id: runId,
      employee_number: item.item_key || item.plan.hrDraft?.employeeNumber || `xledger:${item.plan.xledgerDbId ?? '?'}`,
    };
    if (item.outcome === null) {
      const s = settledOutcome(item, status);
      item.outcome = s.outcome;
      // Unchanged items are settled by one set-based statement in finishRun.
      if (item.plan.classification !== 'unchanged') settled.push({ seq: item.seq, outcome: s.outcome, detail: s.detail });
      if (s.event) history.push(noteRow(base, s.event, s.detail));
    }
    if (status !== 'DRY_RUN' && item.skipped?.length) history.push(...skippedRows(base, item.skipped));
    const dbId = item.xledger_db_id ? Number(item.xledger_db_id) : item.plan.xledgerDbId;
    if (status === 'DRY_RUN' || !LINKABLE_CLASSIFICATIONS.has(item.plan.classification) || item.outcome === 'failed' || dbId === undefined || !item.item_key)
      continue;
    const created = item.xledger_write?.kind === 'create' && item.xledger_done_at !== null;
    const stored = storedLinks.get(item.item_key);
    const baseline = nextBaseline(item.plan, { changes: appliedChanges(item), createdInXledger: created }, stored?.baseline, hasher);
    // Rewriting 10,000 identical links on a no-op run costs seconds: only what moved is written.
    if (isLinkUpToDate(stored, dbId, baseline)) continue;
    moved.push({
      connection_id: connectionId,
      employee_number: item.item_key,
      xledger_employee_db_id: dbId,
      xledger_contact_db_id: item.plan.xledger?.contactDbId ?? null,
      xledger_subledger_db_id: item.plan.xledger?.subledgerDbId ?? null,
      baseline,
      last_run_id: runId,
    });
  }
  await createItemsStore(trx).settleOutcomes(runId, settled);
  await links.upsert(moved);
  await createHistoryStore(trx).insert(history);
  return items;
}

export function createRunLifecycleActivities(deps: ActivityDeps) {
  const runs = createRunsStore(deps.db);
  const items = createItemsStore<EmployeeItemRow>(deps.db);
  const decisionsStore = createDecisionsStore(deps.db);

  return {
    /**
     * Opens the run, taking the connection's one-run-at-a-time lock for employee runs; when another run holds it,
     * records this start as refused and says which run is open (the workflow then ends without reading anything).
     */
    async startRun(args: {
      runId: string;
      connectionName: string;
      trigger: RunTrigger;
      dryRun: boolean;
      workflowId: string;
      scheduleId?: string;
    }): Promise<RunSettings> {
      const connection = await deps.connections.get(args.connectionName);
      const claim = await claimRun(deps.db, activityTemporalClient(), {
        id: args.runId,
        connectionId: connection.id,
        kind: EMPLOYEES_KIND,
        trigger: args.trigger,
        dryRun: args.dryRun,
        scheduleId: args.scheduleId ?? null,
      });
      const { decisionTimeout, reminderAfter, timeoutPolicy } = connection.settings.employees;
      if (!claim.claimed)
        return {
          decisionTimeout,
          reminderAfter,
          timeoutPolicy,
          refused: { openRunId: claim.openRunId, ...(claim.openPhase ? { openPhase: claim.openPhase } : {}) },
        };
      return { decisionTimeout, reminderAfter, timeoutPolicy };
    },

    async saveDecisions({ runId, decisions, defaults }: { runId: string; decisions: Decision[]; defaults: DecisionDefaults }): Promise<void> {
      await decisionsStore.replaceDecisions(runId, decisions, defaults);
    },

    async runOutcome({ runId }: { runId: string }): Promise<RunStatus> {
      return statusFromTally(await items.outcomeTally(runId));
    },

    /**
     * Settles every item (outcome, history), remembers links and last-synced values for what was written,
     * and stores the run's summary — in one transaction, once (a retry returns the stored counts). Items are
     * settled a page at a time, so memory stays flat however many employees the run has.
     */
    async finishRun({ runId, status }: { runId: string; status: RunStatus }): Promise<RunCounts> {
      const run = await runs.getRun(runId);
      // Cancelled before the run was opened: there is nothing to settle.
      if (!run) return emptyEmployeeCounts();
      if (run.finished_at) return (run.summary as { counts: RunCounts }).counts ?? emptyEmployeeCounts();
      const counts = emptyEmployeeCounts();
      await deps.db.transaction(async (trx) => {
        const trxItems = createItemsStore<EmployeeItemRow>(trx);
        // Unchanged people whose link planning found already right need nothing but their outcome (set below).
        counts.unchanged += await trxItems.currentUnchangedCount(runId);
        for await (const page of trxItems.itemPages(runId, FINISH_PAGE_SIZE, { skipCurrentUnchanged: true })) {
          addCounts(counts, countOutcomes(await settlePage(trx, deps.personalHasher, run.connection_id, runId, status, page)));
        }
        const purge = deps.stagingRetentionDays === 0;
        // Purging now: the unchanged (most rows) get their kept plans as they are settled, not in a second rewrite.
        await trxItems.settleCurrentUnchanged(runId, trx, { strip: purge });
        await createRunsStore(trx).finishRun(runId, status, { counts });
        if (purge) await purgeRunStaging(trx, runId, EMPLOYEE_PLAN_KEEP);
      });
      return counts;
    },
  };
}
