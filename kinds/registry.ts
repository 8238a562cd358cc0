import type { Workflow } from '@temporalio/common';
import type { ZodType } from 'zod';
import { employeeSettingsSchema } from '../config/settings/employees-settings';
import { EMPLOYEE_COUNT_LABELS } from '../domain/employees/run-outcome';
import type { CountLabels, ItemWords, RunTrigger } from '../domain/shared/run-types';
import type { ScheduleRequest } from '../domain/shared/schedule-spec';
import { employeeSync } from '../workflows/employees/employee-sync';
import { absenceSettingsSchema } from '../config/settings/absences-settings';
import { ABSENCE_COUNT_LABELS } from '../domain/absences/run-outcome';
import { absenceSync } from '../workflows/absences/absence-sync';
import { absenceRunOptionsSchema } from './absence-run-options';
import { employeeRunOptionsSchema } from './employee-run-options';
import { invoiceSettingsSchema } from '../config/settings/invoices-settings';
import { INVOICE_COUNT_LABELS, INVOICE_ITEM_WORDS } from '../domain/invoices/run-outcome';
import { invoiceExport } from '../workflows/invoices/invoice-export';
import { masterDataSettingsSchema } from '../config/settings/master-data-settings';
import { MASTER_DATA_COUNT_LABELS } from '../domain/master-data/run-outcome';
import { masterDataStartOptions } from '../domain/master-data/start-options';
import { masterDataSync } from '../workflows/master-data/master-data-sync';

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
  /** What the kind's items are called in emails ("some documents failed"); employees when not given. */
  itemWords?: ItemWords;
  /** The workflow's input for one run. */
  input(args: RunStartArgs): Parameters<W>[0];
  /** The schedule a connection gets when the admin enables this kind without saying when. */
  defaultSchedule: ScheduleRequest;
  /**
   * The kind's own run options (`RunStartArgs.options`: an absence run's period and employees, a master-data run's
   * types), validated by `startRun` before a run starts, whoever starts it; a kind without it takes none.
   */
  optionsSchema?: ZodType;
  /** The `sync start` flags that fill those options (client/commands/sync.ts adds them; another kind's flag is refused). */
  cliOptions?: ReadonlyArray<KindCliOption>;
}

/** One `sync start` flag of a kind: commander flags ('--types <list>'), the option key it fills, and its help. */
export interface KindCliOption {
  flags: string;
  key: string;
  description: string;
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
  /** The kind's own options, as its `optionsSchema` parsed them. */
  options?: Record<string, unknown>;
}

/** What a kind's input takes from every start: the run id (scheduled runs take their workflow id), dry run, today. */
function runInput({ runId, connectionName, trigger, dryRun, today, scheduleId }: RunStartArgs) {
  return { ...(runId ? { runId } : {}), connectionName, trigger, dryRun, ...(today ? { today } : {}), ...(scheduleId ? { scheduleId } : {}) };
}

const employees: RunKind<typeof employeeSync> = {
  id: 'employees',
  label: 'employee sync',
  cliNoun: 'employees',
  workflow: employeeSync,
  settingsKey: 'employees',
  settingsSchema: employeeSettingsSchema,
  countLabels: EMPLOYEE_COUNT_LABELS,
  optionsSchema: employeeRunOptionsSchema,
  cliOptions: [{ flags: '--full', key: 'full', description: 'employees: read everyone on both sides, not only what changed since the last run' }],
  input: (args) => {
    const o = employeeRunOptionsSchema.parse(args.options ?? {});
    return { ...runInput(args), ...(o.full ? { full: true } : {}) };
  },
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
  cliOptions: [
    { flags: '--from <date>', key: 'from', description: 'absences: the first day of the period (YYYY-MM-DD; default: January 1 this year)' },
    { flags: '--to <date>', key: 'to', description: 'absences: the last day of the period (YYYY-MM-DD; default: December 31 this year)' },
    { flags: '--employee <numbers...>', key: 'employees', description: 'absences: only these employees (HR employee numbers)' },
  ],
  input: (args) => {
    const o = absenceRunOptionsSchema.parse(args.options ?? {});
    return {
      ...runInput(args),
      ...(o.from && o.to ? { period: { from: o.from, to: o.to } } : {}),
      ...(o.employees?.length ? { employees: o.employees } : {}),
    };
  },
  // Alexis HR sends approved time off once a day; after the employee sync's 06:00, so new people are linked first.
  defaultSchedule: { type: 'calendar', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], at: '06:30' },
};

const masterData: RunKind<typeof masterDataSync> = {
  id: 'master-data',
  label: 'master-data pull',
  cliNoun: 'master-data',
  workflow: masterDataSync,
  settingsKey: 'masterData',
  settingsSchema: masterDataSettingsSchema,
  countLabels: MASTER_DATA_COUNT_LABELS,
  optionsSchema: masterDataStartOptions,
  cliOptions: [
    { flags: '--types <list>', key: 'types', description: 'master-data: the types to read, comma-separated (default: all)' },
    { flags: '--full', key: 'full', description: 'master-data: read every part whole (finds deletions)' },
  ],
  input: ({ runId, connectionName, trigger, scheduleId, options }) => {
    const o = masterDataStartOptions.parse(options ?? {});
    return {
      ...(runId ? { runId } : {}),
      connectionName,
      trigger,
      ...(o.types ? { types: o.types } : {}),
      ...(o.full ? { full: true } : {}),
      ...(scheduleId ? { scheduleId } : {}),
    };
  },
  // SEMINE's shortest interval (suppliers); each scheduled run reads the types whose own interval has passed.
  defaultSchedule: { type: 'interval', everySeconds: 30 * 60 },
};

const invoiceExportKind: RunKind<typeof invoiceExport> = {
  id: 'invoice-export',
  label: 'invoice export',
  cliNoun: 'invoice-export',
  workflow: invoiceExport,
  settingsKey: 'invoices',
  settingsSchema: invoiceSettingsSchema,
  countLabels: INVOICE_COUNT_LABELS,
  itemWords: INVOICE_ITEM_WORDS,
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

export const RUN_KINDS = { employees, absences, 'master-data': masterData, 'invoice-export': invoiceExportKind } as const;

export type RunKindId = keyof typeof RUN_KINDS;

export const RUN_KIND_IDS = Object.keys(RUN_KINDS) as RunKindId[];

export function runKind(id: string): RunKind {
  const kind = (RUN_KINDS as Record<string, RunKind>)[id];
  if (!kind) throw new Error(`unknown run kind "${id}"; known kinds: ${RUN_KIND_IDS.join(', ')}`);
  return kind;
}
