import { stringify } from 'csv-stringify/sync';
import { createImportFilesStore } from '../../db/absences/import-files-store';
import { createHistoryStore, type HistoryRow } from '../../db/employees/history-store';
import { createItemsStore, type AppliedResult } from '../../db/runs/items-store';
import type { AbsencePlan } from '../../domain/absences/absence-types';
import type { AbsenceWrite } from '../../domain/absences/writes';
import type { ActivityDeps } from '../deps';
import { keepAlive } from '../shared/heartbeat';
import { absenceNoteRow, exportedAbsenceRow } from './history';
import type { AbsenceItemRow } from './item-types';

/**
 * The import file a run produces where the connected Xledger API has no absence mutation: the columns of Alexis /
 * Simployer's "X-ledger time off export" (employee number = the Xledger employee code, the title at the start of
 * employment, leave code, note = comment, absence name = text, leave percentage), then the dates and times the
 * absence spans, which an import per absence needs. UTF-8 with a byte-order mark (Excel), comma-separated, RFC 4180.
 */
export const IMPORT_FILE_COLUMNS = [
  'Employee number',
  'Position title',
  'Leave code',
  'Note',
  'Name',
  'Leave percentage',
  'From date',
  'To date',
  'Time from',
  'Time to',
] as const;

export function importFileRow(plan: AbsencePlan, write: AbsenceWrite): string[] {
  const v = write.kind === 'create' ? write.create.values : write.kind === 'update' ? write.update.values : write.remove.current;
  return [
    plan.employeeNumber,
    plan.positionTitle ?? '',
    v.code,
    v.comment ?? '',
    v.text ?? '',
    v.leavePercent,
    v.fromDate,
    v.toDate ?? '',
    v.timeFrom ?? '',
    v.timeTo ?? '',
  ];
}

export function importFileCsv(rows: readonly string[][]): string {
  return '\uFEFF' + stringify([[...IMPORT_FILE_COLUMNS], ...rows], { record_delimiter: 'windows' });
}

export function createAbsenceImportFileActivities(deps: ActivityDeps) {
  return {
    /**
     * Writes the run's creates and changes as an import file (stored with the run; `xsync absences file RUN` saves
     * it) and records them as exported. Removals cannot travel in the file: they are listed for the admin to remove
     * by hand. Idempotent: a retry writes the same file and finds the items recorded.
     */
    async writeAbsenceImportFile({ runId, connectionName }: { runId: string; connectionName: string }): Promise<{ rows: number }> {
      const connection = await deps.connections.get(connectionName);
      const stored = await createImportFilesStore(deps.db).get(runId);
      if (stored) return { rows: stored.rows }; // written with its items in one transaction: a retry has nothing left to do
      return keepAlive(async () => {
        const items = createItemsStore<AbsenceItemRow>(deps.db);
        const rows: string[][] = [];
        const results: AppliedResult[] = [];
        const history: HistoryRow[] = [];
        for await (const page of items.itemPages(runId, 2_000)) {
          for (const item of page) {
            const write = item.xledger_write;
            if (!write) continue;
            const b = { connection_id: connection.id, run_id: runId, employee_number: item.plan.employeeNumber, absenceId: item.plan.absenceId };
            if (write.kind === 'remove') {
              const detail = `cancelled in HR: remove absence ${write.remove.dbId} in Xledger by hand (the API has no absence mutation)`;
              history.push(absenceNoteRow(b, 'skipped', detail));
              results.push({ seq: item.seq, outcome: 'skipped', detail });
              continue;
            }
            rows.push(importFileRow(item.plan, write));
            const detail =
              write.kind === 'create' ? 'new: in the import file' : `changed (${write.update.changes.map((c) => c.field).join(', ')}): in the import file`;
            history.push(exportedAbsenceRow(b, write.kind === 'create' ? write.create.values : write.update.values, detail));
            results.push({ seq: item.seq, outcome: 'exported', detail, ...(item.plan.xledgerDbId ? { xledgerDbId: item.plan.xledgerDbId } : {}) });
          }
        }
        await deps.db.transaction(async (trx) => {
          if (rows.length > 0)
            await createImportFilesStore(trx).save({ runId, fileName: `${runId}.csv`, rows: rows.length, content: importFileCsv(rows) }, trx);
          await createItemsStore(trx).markApplied(runId, 'xledger', results, trx);
          await createHistoryStore(trx).insert(history);
        });
        return { rows: rows.length };
      });
    },
  };
}
