import type { Workflow } from '@temporalio/common';
import type { ZodType } from 'zod';
import { employeeSettingsSchema } from '../config/settings/employees-settings';
import { EMPLOYEE_COUNT_LABELS } from '../domain/employees/run-outcome';
import type { CountLabels, RunTrigger } from '../domain/shared/run-types';
import type { ScheduleRequest } from '../domain/shared/schedule-spec';
import { employeeSync } from '../workflows/employees/employee-sync';
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
  /** The workflow's input for one run. */
  input(args: RunStartArgs): Parameters<W>[0];
  /** The schedule a connection gets when the admin enables this kind without saying when. */
  defaultSchedule: ScheduleRequest;
  /** Options of this kind's runs beyond the common ones (e.g. master-data's types): validated before a run starts. */
  startOptions?: KindStartOptions;
}

/** A kind's own start options: a schema for `RunStartArgs.options`, and the `sync start` flags that fill it. */
export interface KindStartOptions {
  schema: ZodType;
  /** commander flags ('--types <list>'), the option key each fills, and its help. */
  cli: ReadonlyArray<{ flags: string; key: string; description: string }>;
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
  /** The kind's own options, already checked by its `startOptions.schema`. */
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

const masterData: RunKind<typeof masterDataSync> = {
  id: 'master-data',
  label: 'master-data pull',
  cliNoun: 'master-data',
  workflow: masterDataSync,
  settingsKey: 'masterData',
  settingsSchema: masterDataSettingsSchema,
  countLabels: MASTER_DATA_COUNT_LABELS,
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
  // SEMINE's shortest interval (suppliers); per-type schedules: client/commands/master-data/schedules.
  defaultSchedule: { type: 'interval', everySeconds: 30 * 60 },
  startOptions: {
    schema: masterDataStartOptions,
    cli: [
      { flags: '--types <list>', key: 'types', description: 'master-data: the types to read, comma-separated (default: all)' },
      { flags: '--full', key: 'full', description: 'master-data: read every part whole (finds deletions)' },
    ],
  },
};

export const RUN_KINDS = { employees, 'master-data': masterData } as const;

/**
 * The kind's own options from what a caller gave (CLI flags by key), checked by its schema; an option of another kind
 * is refused by name. Undefined when none was given.
 */
export function kindStartOptions(kind: RunKind, given: Record<string, unknown>): Record<string, unknown> | undefined {
  const mine = new Set((kind.startOptions?.cli ?? []).map((o) => o.key));
  const all = Object.values(RUN_KINDS as Record<string, RunKind>).flatMap((k) => (k.startOptions?.cli ?? []).map((o) => ({ kind: k.id, ...o })));
  const picked: Record<string, unknown> = {};
  for (const o of all) {
    if (given[o.key] === undefined) continue;
    if (!mine.has(o.key)) throw new Error(`${o.flags.split(' ')[0]} is an option of --kind ${o.kind}, not of ${kind.id}`);
    picked[o.key] = given[o.key];
  }
  if (Object.keys(picked).length === 0) return undefined;
  const parsed = kind.startOptions!.schema.safeParse(picked);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('; '));
  return parsed.data as Record<string, unknown>;
}

export type RunKindId = keyof typeof RUN_KINDS;

export const RUN_KIND_IDS = Object.keys(RUN_KINDS) as RunKindId[];

export function runKind(id: string): RunKind {
  const kind = (RUN_KINDS as Record<string, RunKind>)[id];
  if (!kind) throw new Error(`unknown run kind "${id}"; known kinds: ${RUN_KIND_IDS.join(', ')}`);
  return kind;
}
