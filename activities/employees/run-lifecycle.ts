import type { Knex } from 'knex';
import { hrPatchChanges, isLinkUpToDate, nextBaseline, type Decision, type FieldChange } from '../../domain/index';
import { createLinksStore } from '../../db/employees/links-store';
import { createRunStore, type ItemRow, type Outcome } from '../../db/runs/run-store';
import type { DecisionDefaults, RunCounts, RunSettings, RunStatus, RunTrigger } from '../../workflows/employees/types';
import type { ActivityDeps } from '../deps';
import { insertHistory, noteRow, skippedRows, type HistoryRow } from './history';

/** The changes that actually landed for an item, both directions (for its next baseline). */
function appliedChanges(item: ItemRow): FieldChange[] {
  const out: FieldChange[] = [];
  if (item.xledger_done_at && item.xledger_write?.kind === 'update') out.push(...item.xledger_write.update.changes);
  if (item.hr_done_at && item.hr_write?.kind === 'patch') out.push(...hrPatchChanges(item.hr_write.patch));
  return out;
}

/** Why an item with no write ended as it did, in words for the admin. */
function settledOutcome(item: ItemRow, status: RunStatus): { outcome: Outcome; detail: string; event?: HistoryRow['event'] } {
  const plan = item.plan;
  switch (plan.classification) {
    case 'unchanged':
      return { outcome: 'unchanged', detail: 'no differences' };
    case 'invalid':
      return { outcome: 'skipped', event: 'invalid', detail: plan.issues.map((i) => `${i.field}: ${i.reason}`).join('; ') || 'invalid HR data' };
    case 'locked':
      return { outcome: 'skipped', event: 'locked', detail: plan.notes.join(' ') || 'locked' };
    case 'ambiguous':
      return { outcome: 'skipped', event: 'skipped', detail: plan.notes.join(' ') || 'ambiguous match' };
    default: {
      if (status === 'DRY_RUN') return { outcome: 'skipped', detail: 'dry run: nothing written' };
      if (status === 'CANCELLED') return { outcome: 'skipped', event: 'skipped', detail: 'run cancelled before this employee was written' };
      const reasons = (item.skipped ?? []).map((s) => s.reason);
      return { outcome: 'skipped', event: reasons.length ? undefined : 'skipped', detail: reasons.join('; ') || 'nothing to write' };
    }
  }
}

const emptyCounts = (): RunCounts => ({ created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, invalid: 0, locked: 0, createdInHr: 0, updatedInHr: 0 });

function addCounts(total: RunCounts, page: RunCounts): void {
  for (const key of Object.keys(total) as Array<keyof RunCounts>) total[key] += page[key];
}

export function countOutcomes(items: readonly ItemRow[]): RunCounts {
  const c = emptyCounts();
  for (const i of items) {
    const cls = i.plan.classification;
    if (cls === 'invalid') c.invalid += 1;
    else if (cls === 'locked') c.locked += 1;
    else if (i.outcome === 'failed') c.failed += 1;
    else if (cls === 'unchanged') c.unchanged += 1;
    else if (i.outcome === 'skipped' || i.outcome === null) c.skipped += 1;
    if (i.outcome === 'failed') continue;
    if (i.xledger_done_at && i.xledger_write?.kind === 'create') c.created += 1;
    if (i.xledger_done_at && i.xledger_write?.kind === 'update') c.updated += 1;
    if (i.hr_done_at && i.hr_write?.kind === 'create') c.createdInHr += 1;
    if (i.hr_done_at && i.hr_write?.kind === 'patch') c.updatedInHr += 1;
  }
  return c;
}

const FINISH_PAGE_SIZE = 1_000;
const LINKABLE: ReadonlySet<string> = new Set(['unchanged', 'update-xledger', 'update-hr', 'update-both', 'conflict', 'only-in-hr']);

/**
 * Settles one page of items inside finishRun's transaction: the outcome of items nothing was written for, history
 * notes, and the links (with last-synced values) of everyone who is now in step. Returns the items as settled.
 */
async function settlePage(trx: Knex, connectionId: number, runId: string, status: RunStatus, items: ItemRow[]): Promise<ItemRow[]> {
  const storedLinks = await createLinksStore(trx).byEmployee(
    connectionId,
    items.filter((i) => i.employee_number !== '').map((i) => i.employee_number),
  );
  const history: HistoryRow[] = [];
  const settled: Array<{ seq: number; outcome: Outcome; detail: string }> = [];
  const links: Array<Record<string, unknown>> = [];
  for (const item of items) {
    const base = { connection_id: connectionId, run_id: runId, employee_number: item.employee_number || item.plan.hrDraft?.employeeNumber || `xledger:${item.plan.xledgerDbId ?? '?'}` };
    if (item.outcome === null) {
      const s = settledOutcome(item, status);
      item.outcome = s.outcome;
      // Unchanged items are settled by one set-based statement in finishRun.
      if (item.plan.classification !== 'unchanged') settled.push({ seq: item.seq, outcome: s.outcome, detail: s.detail });
      if (s.event) history.push(noteRow(base, s.event, s.detail));
    }
    if (status !== 'DRY_RUN' && item.skipped?.length) history.push(...skippedRows(base, item.skipped));
    const dbId = item.xledger_db_id ? Number(item.xledger_db_id) : item.plan.xledgerDbId;
    if (status === 'DRY_RUN' || !LINKABLE.has(item.plan.classification) || item.outcome === 'failed' || dbId === undefined || !item.employee_number) continue;
    const created = item.xledger_write?.kind === 'create' && item.xledger_done_at !== null;
    const stored = storedLinks.get(item.employee_number);
    const baseline = nextBaseline(item.plan, { changes: appliedChanges(item), createdInXledger: created }, stored?.baseline);
    // Rewriting 10,000 identical links on a no-op run costs seconds: only what moved is written.
    if (isLinkUpToDate(stored, dbId, baseline)) continue;
    links.push({
      connection_id: connectionId,
      employee_number: item.employee_number,
      xledger_employee_db_id: dbId,
      xledger_contact_db_id: item.plan.xledger?.contactDbId ?? null,
      xledger_subledger_db_id: item.plan.xledger?.subledgerDbId ?? null,
      baseline: JSON.stringify(baseline),
      last_run_id: runId,
      synced_at: new Date(),
    });
  }
  await createRunStore(trx).settleOutcomes(runId, settled);
  for (let i = 0; i < links.length; i += 500) {
    await trx('employee_links')
      .insert(links.slice(i, i + 500))
      .onConflict(['connection_id', 'employee_number'])
      .merge(['xledger_employee_db_id', 'xledger_contact_db_id', 'xledger_subledger_db_id', 'baseline', 'last_run_id', 'synced_at']);
  }
  await insertHistory(trx, history);
  return items;
}

export function createRunLifecycleActivities(deps: ActivityDeps) {
  const runs = createRunStore(deps.db);

  return {
    async startRun(args: { runId: string; connectionName: string; trigger: RunTrigger; dryRun: boolean; workflowId: string }): Promise<RunSettings> {
      const connection = await deps.connections.get(args.connectionName);
      await runs.createRun({ id: args.runId, connectionId: connection.id, kind: 'employee-sync', trigger: args.trigger, dryRun: args.dryRun });
      const { decisionTimeout, reminderAfter, timeoutPolicy } = connection.settings;
      return { decisionTimeout, reminderAfter, timeoutPolicy };
    },

    async saveDecisions({ runId, decisions, defaults }: { runId: string; decisions: Decision[]; defaults: DecisionDefaults }): Promise<void> {
      await runs.replaceDecisions(runId, decisions, defaults);
    },

    async runOutcome({ runId }: { runId: string }): Promise<RunStatus> {
      const { failed, written } = await runs.outcomeTally(runId);
      if (failed === 0) return 'OK';
      return written > 0 ? 'PARTIAL' : 'FAILED';
    },

    /**
     * Settles every item (outcome, history), remembers links and last-synced values for what was written,
     * and stores the run's summary — in one transaction, once (a retry returns the stored counts). Items are
     * settled a page at a time, so memory stays flat however many employees the run has.
     */
    async finishRun({ runId, status }: { runId: string; status: RunStatus }): Promise<RunCounts> {
      const run = await runs.getRun(runId);
      if (!run) throw new Error(`run ${runId} was never started`);
      if (run.finished_at) return (run.summary as { counts: RunCounts }).counts;
      const counts = emptyCounts();
      await deps.db.transaction(async (trx) => {
        // Unchanged people whose link planning found already right need nothing but their outcome (set below).
        counts.unchanged += await runs.currentUnchangedCount(runId, trx);
        for await (const items of runs.itemPages(runId, FINISH_PAGE_SIZE, { trx, skipCurrentUnchanged: true })) {
          const settled = await settlePage(trx, run.connection_id, runId, status, items);
          addCounts(counts, countOutcomes(settled));
        }
        await trx('sync_run_items')
          .where({ run_id: runId, classification: 'unchanged' })
          .whereNull('outcome')
          .update({ outcome: 'unchanged', outcome_detail: 'no differences' });
        await trx('sync_runs').where({ id: runId }).update({ status, summary: JSON.stringify({ counts }), finished_at: trx.fn.now() });
      });
      return counts;
    },
  };
}
