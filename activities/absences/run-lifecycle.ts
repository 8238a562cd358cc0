import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { osloToday } from '../../config/oslo-date';
import { createHistoryStore, type HistoryRow } from '../../db/employees/history-store';
import { createAbsenceLinksStore, type NewAbsenceLink } from '../../db/absences/links-store';
import { createImportFilesStore } from '../../db/absences/import-files-store';
import { createItemsStore, type KeepTree } from '../../db/runs/items-store';
import { createRunsStore } from '../../db/runs/runs-store';
import { addCounts, statusFromTally } from '../../domain/employees/run-outcome';
import { countAbsenceOutcomes, emptyAbsenceCounts, settledAbsenceOutcome, type AbsenceRunCounts } from '../../domain/absences/run-outcome';
import { isCalendarDate } from '../../domain/shared/validation/date';
import type { RunStatus, RunTrigger } from '../../domain/shared/run-types';
import type { AbsencePeriod, AbsenceRunResult, AbsenceRunSettings } from '../../workflows/absences/types';
import type { ActivityDeps } from '../deps';
import { activityTemporalClient, claimRun } from '../shared/run-claim';
import { purgeRunStaging } from '../shared/staging-retention';
import { absenceNoteRow } from './history';
import { ABSENCES_KIND, type AbsenceItemRow } from './item-types';

/** What a settled absence plan keeps: ids, classification, reasons (no values). */
export const ABSENCE_PLAN_KEEP: KeepTree = { absenceId: true, employeeNumber: true, classification: true, xledgerDbId: true, issues: true, employeeName: true };

const FINISH_PAGE_SIZE = 2_000;

/** The import file's command, as the result, `sync status` and the email give it. */
export const importFileCommand = (runId: string) => `xsync absences file ${runId} --out ${runId}.csv`;

/** A period given by the admin, or the calendar year of today (Europe/Oslo). */
export function resolvePeriod(given: AbsencePeriod | undefined, today: string): AbsencePeriod {
  const period = given ?? { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
  for (const [name, value] of Object.entries(period)) {
    if (!isCalendarDate(value)) throw ApplicationFailure.nonRetryable(`period.${name} "${value}" is not a date written as YYYY-MM-DD`, 'InvalidPeriod');
  }
  if (period.to < period.from) throw ApplicationFailure.nonRetryable(`the period ends (${period.to}) before it starts (${period.from})`, 'InvalidPeriod');
  return period;
}

/** Settles one page of items inside finishAbsenceRun's transaction: outcomes, history notes, links of matched absences. */
async function settlePage(trx: Knex, connectionId: number, runId: string, status: RunStatus, items: AbsenceItemRow[]): Promise<AbsenceItemRow[]> {
  const history: HistoryRow[] = [];
  const settled: Array<{ seq: number; outcome: 'unchanged' | 'skipped'; detail: string }> = [];
  const links: NewAbsenceLink[] = [];
  for (const item of items) {
    const plan = item.plan;
    if (item.outcome === null) {
      const s = settledAbsenceOutcome({ ...item, outcome: null }, status);
      item.outcome = s.outcome as AbsenceItemRow['outcome'];
      // Unchanged absences are settled by one set-based statement in finishAbsenceRun.
      if (plan.classification !== 'unchanged') settled.push({ seq: item.seq, outcome: s.outcome as 'unchanged' | 'skipped', detail: s.detail });
      if (s.event)
        history.push(
          absenceNoteRow({ connection_id: connectionId, run_id: runId, employee_number: plan.employeeNumber, absenceId: plan.absenceId }, s.event, s.detail),
        );
    }
    // An unchanged absence found by employee, code and date is linked now, so the next run finds it by its link.
    if (status !== 'DRY_RUN' && plan.classification === 'unchanged' && plan.matchedBy === 'employee-code-date' && plan.xledgerDbId && plan.values)
      links.push({
        absenceId: plan.absenceId,
        employeeNumber: plan.employeeNumber,
        xledgerDbId: plan.xledgerDbId,
        fromDate: plan.values.fromDate,
        lastRunId: runId,
      });
  }
  await createItemsStore(trx).settleOutcomes(runId, settled);
  await createAbsenceLinksStore(trx).upsert(connectionId, links);
  await createHistoryStore(trx).insert(history);
  return items;
}

export function createAbsenceLifecycleActivities(deps: ActivityDeps) {
  const runs = createRunsStore(deps.db);
  const items = createItemsStore<AbsenceItemRow>(deps.db);

  return {
    /** Opens the run (the connection's one-run-at-a-time lock for absence runs) and fixes its period. */
    async startAbsenceRun(args: {
      runId: string;
      connectionName: string;
      trigger: RunTrigger;
      dryRun: boolean;
      workflowId: string;
      scheduleId?: string;
      period?: AbsencePeriod;
      today?: string;
    }): Promise<AbsenceRunSettings> {
      const connection = await deps.connections.get(args.connectionName);
      const period = resolvePeriod(args.period, args.today ?? osloToday());
      const { decisionTimeout, reminderAfter, timeoutPolicy } = connection.settings.absences;
      const claim = await claimRun(deps.db, activityTemporalClient(), {
        id: args.runId,
        connectionId: connection.id,
        kind: ABSENCES_KIND,
        trigger: args.trigger,
        dryRun: args.dryRun,
        scheduleId: args.scheduleId ?? null,
      });
      const settings = { decisionTimeout, reminderAfter, timeoutPolicy, period };
      if (!claim.claimed) return { ...settings, refused: { openRunId: claim.openRunId, ...(claim.openPhase ? { openPhase: claim.openPhase } : {}) } };
      return settings;
    },

    async absenceRunOutcome({ runId }: { runId: string }): Promise<RunStatus> {
      return statusFromTally(await items.outcomeTally(runId));
    },

    /**
     * Settles every item (outcome, history), links absences found by employee, code and date, and stores the run's
     * summary, in one transaction, once (a retry returns the stored summary).
     */
    async finishAbsenceRun({ runId, status }: { runId: string; status: RunStatus }): Promise<Pick<AbsenceRunResult, 'counts' | 'importFile'>> {
      const run = await runs.getRun(runId);
      if (!run) return { counts: emptyAbsenceCounts() };
      if (run.finished_at) return run.summary as Pick<AbsenceRunResult, 'counts' | 'importFile'>;
      const counts = emptyAbsenceCounts();
      const file = await createImportFilesStore(deps.db).get(runId);
      const importFile = file ? { fileName: file.fileName, rows: file.rows, command: importFileCommand(runId) } : undefined;
      await deps.db.transaction(async (trx) => {
        const trxItems = createItemsStore<AbsenceItemRow>(trx);
        // Unchanged absences found by their link need nothing but their outcome (set below).
        counts.unchanged += await trxItems.currentUnchangedCount(runId);
        for await (const page of trxItems.itemPages(runId, FINISH_PAGE_SIZE, { trx, skipCurrentUnchanged: true })) {
          addCounts<AbsenceRunCounts>(counts, countAbsenceOutcomes(await settlePage(trx, run.connection_id, runId, status, page)));
        }
        await trxItems.settleCurrentUnchanged(runId);
        await createRunsStore(trx).finishRun(runId, status, { counts, ...(importFile ? { importFile } : {}) });
        if (deps.stagingRetentionDays === 0) await purgeRunStaging(trx, runId, ABSENCE_PLAN_KEEP);
      });
      return { counts, ...(importFile ? { importFile } : {}) };
    },
  };
}
