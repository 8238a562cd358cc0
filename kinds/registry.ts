import type { Workflow } from '@temporalio/common';
import type { ZodType } from 'zod';
import { employeeSettingsSchema } from '../config/settings/employees-settings';
import { EMPLOYEE_COUNT_LABELS } from '../domain/employees/run-outcome';
import type { CountLabels, RunTrigger } from '../domain/shared/run-types';
import type { ScheduleRequest } from '../domain/shared/schedule-spec';
import { employeeSync } from '../workflows/employees/employee-sync';
import { absenceSettingsSchema } from '../config/settings/absences-settings';
import { ABSENCE_COUNT_LABELS } from '../domain/absences/run-outcome';
import { absenceSync } from '../workflows/absences/absence-sync';
import { absenceRunOptionsSchema } from './absence-run-options';
import { invoiceSettingsSchema } from '../config/settings/invoices-settings';
import { INVOICE_COUNT_LABELS } from '../domain/invoices/run-outcome';
import { invoiceExport } from '../workflows/invoices/invoice-export';

/**
 * The run kinds of the platform, one row each. A kind has one folder per layer (workflows/, activities/, domain/,
 * client/commands/ …) and this row; docs/adding-a-sync-kind.md is the recipe.
 */
export interface RunKind<W extends Workflow = Workflow> {
  /** Stored in sync_runs.kind and the XsyncRunKind search attribute; the start of every run id. */
  id: string;
  /** How people read it: "employee sync". */
  label: string;
  /** The `--kind` value of `xsync sync start`. */
  cliNoun: string;
  /** The workflow every run of this kind is (a typed reference: the client cannot start it with wrong arguments). */
  workflow: W;
  /** The key under a connection's settings, and its schema. */
  settingsKey: string;
  settingsSchema: ZodType;
  /** What a run counts, in the order emails and the CLI show it. */
  countLabels: CountLabels;
  /** The workflow's input for one run. */
  input(args: RunStartArgs): Parameters<W>[0];
  /** The schedule a connection gets when the admin enables this kind without saying when. */
  defaultSchedule: ScheduleRequest;
  /**
   * The kind's own run options (`RunStartArgs.options`: e.g. an absence run's period and employees), validated before
   * a run starts; a kind without it takes none.
   */
  optionsSchema?: ZodType;
}

export interface RunStartArgs {
  /** Absent for scheduled runs: they take their workflow id. */
  runId?: string;
  connectionName: string;
  trigger: RunTrigger;
  dryRun: boolean;
  /** Pins "today" (tests). */
  today?: string;
  scheduleId?: string;
  /** Kind-specific options, as the kind's `optionsSchema` parsed them. */
  options?: Record<string, unknown>;
}

const employees: RunKind<typeof employeeSync> = {
  id: 'employees',
  label: 'employee sync',
  cliNoun: 'employees',
  workflow: employeeSync,
  settingsKey: 'employees',
  settingsSchema: employeeSettingsSchema,
  countLabels: EMPLOYEE_COUNT_LABELS,
  input: ({ runId, connectionName, trigger, dryRun, today, scheduleId }) => ({
    ...(runId ? { runId } : {}),
    connectionName,
    trigger,
    dryRun,
    ...(today ? { today } : {}),
    ...(scheduleId ? { scheduleId } : {}),
  }),
  // Alexis HR: "executed shortly after 06:00 CET" every day.
  defaultSchedule: { type: 'calendar', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], at: '06:00' },
};

const absences: RunKind<typeof absenceSync> = {
  id: 'absences',
  label: 'absence sync',
  cliNoun: 'absences',
  workflow: absenceSync,
  settingsKey: 'absences',
  settingsSchema: absenceSettingsSchema,
  countLabels: ABSENCE_COUNT_LABELS,
  optionsSchema: absenceRunOptionsSchema,
  input: ({ runId, connectionName, trigger, dryRun, today, scheduleId, options }) => {
    const o = absenceRunOptionsSchema.parse(options ?? {});
    return {
      ...(runId ? { runId } : {}),
      connectionName,
      trigger,
      dryRun,
      ...(today ? { today } : {}),
      ...(scheduleId ? { scheduleId } : {}),
      ...(o.from && o.to ? { period: { from: o.from, to: o.to } } : {}),
      ...(o.employees?.length ? { employees: o.employees } : {}),
    };
  },
  // Alexis HR sends approved time off once a day; after the employee sync's 06:00, so new people are linked first.
  defaultSchedule: { type: 'calendar', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], at: '06:30' },
};

const invoiceExportKind: RunKind<typeof invoiceExport> = {
  id: 'invoice-export',
  label: 'invoice export',
  cliNoun: 'invoice-export',
  workflow: invoiceExport,
  settingsKey: 'invoices',
  settingsSchema: invoiceSettingsSchema,
  countLabels: INVOICE_COUNT_LABELS,
  input: ({ runId, connectionName, trigger, dryRun, scheduleId }) => ({
    ...(runId ? { runId } : {}),
    connectionName,
    trigger,
    dryRun,
    ...(scheduleId ? { scheduleId } : {}),
  }),
  // SEMINE: "Invoices to Xledger: every 5 minutes".
  defaultSchedule: { type: 'interval', everySeconds: 300 },
};

export const RUN_KINDS = { employees, absences, 'invoice-export': invoiceExportKind } as const;

export type RunKindId = keyof typeof RUN_KINDS;

export const RUN_KIND_IDS = Object.keys(RUN_KINDS) as RunKindId[];

export function runKind(id: string): RunKind {
  const kind = (RUN_KINDS as Record<string, RunKind>)[id];
  if (!kind) throw new Error(`unknown run kind "${id}"; known kinds: ${RUN_KIND_IDS.join(', ')}`);
  return kind;
}
