import type { HrEmployee } from '../../../domain';
import type { HrAbsence } from '../../../domain/absences/absence-types';
import { createHrAbsencesStore } from '../../../hr/absences-store';
import { mergeSettings } from '../../../config/connection-settings';
import type { RunResult } from '../../../workflows/employees/types';
import { CONNECTION, OWNER, type SyncHarness } from '../../support/sync-harness';

/** What absence e2e tests share: employees linked by a real employee run, absence settings, reading Xledger's absences. */

export const PERIOD = ['--from', '2026-01-01', '--to', '2026-12-31'] as const;

/** Active employees employed since before November 2026 (their absences in November are inside their employment). */
export const employedAllNovember = (employees: readonly HrEmployee[]) =>
  employees.filter(
    (e) => e.status === 'active' && e.positions.length > 0 && e.positions.every((p) => p.startDate < '2026-11-01') && e.positions.some((p) => !p.endDate),
  );

/** Seeds HR and runs the employee sync (creating everyone in Xledger), so absences have linked employees. */
export async function linkEmployees(h: SyncHarness, employees: readonly HrEmployee[]): Promise<void> {
  await h.seedHr(employees);
  const result = await h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
  if (result.status !== 'OK') throw new Error(`the employee run ended ${result.status}`);
}

export async function setAbsenceSettings(h: SyncHarness, absences: Record<string, unknown>): Promise<void> {
  const connection = await h.deps.connections.get(CONNECTION);
  await h.deps.connections.updateSettings(CONNECTION, mergeSettings(connection.settings, { absences }));
}

export const hrAbsences = (h: SyncHarness) => createHrAbsencesStore(h.t.db);

export const absence = (over: Partial<HrAbsence> & Pick<HrAbsence, 'absenceId' | 'employeeNumber'>): HrAbsence => ({
  type: 'vacation',
  startDate: '2026-11-02',
  endDate: '2026-11-06',
  startTime: null,
  endTime: null,
  percent: null,
  comment: null,
  status: 'approved',
  ...over,
});

export async function absencesInXledger(h: SyncHarness) {
  return (await h.xledger.absences.all({ pageSize: 10_000 })).filter((a) => a.ownerDbId === OWNER);
}

/** Mutation requests the fake has answered for absences so far. */
export const absenceWrites = (h: SyncHarness) => {
  const s = h.fake.stats().byRootField;
  return (s.addAbsences ?? 0) + (s.updateAbsences ?? 0) + (s.removeAbsences ?? 0);
};
