import { ScheduleOverlapPolicy, WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { osloWallTimeToDate } from '../config/oslo-date';
import type { Connection } from '../db/connections-store';
import { createRunsStore } from '../db/runs/runs-store';
import { createSchedulesStore, type ScheduleRow } from '../db/schedules-store';
import { describeRequest, parseDays, parseEvery, parseTimeOfDay, ScheduleInputError, type ScheduleRequest } from '../domain/shared/schedule-spec';
import { runKind, RUN_KIND_IDS, type RunKind } from '../kinds/registry';
import { formatOsloDateTime } from '../mail/oslo-time';
import { applySchedule, deleteSchedule, describeSchedule, listScheduleIds, scheduleDrift, scheduleIdOf, SCHEDULE_ID_PREFIX } from '../temporal/schedules';
import { resumeScheduleAt } from '../workflows/admin/resume-schedule';
import { UsageError } from './io';
import { RunRefusedError } from './start-run';
import { temporalRunState } from '../temporal/run-state';

/** What `schedules list` and `show` tell of one schedule. */
export interface ScheduleView {
  scheduleId: string;
  connection: string;
  kind: string;
  spec: string;
  request: ScheduleRequest;
  nextRuns: string[];
  paused: boolean;
  pauseNote: string | null;
  pausedUntil: string | null;
  lastRun: { runId: string; status: string; startedAt: string } | null;
  drift: string[];
}

/** A schedule in Temporal whose connection or record is gone. */
export interface OrphanSchedule {
  scheduleId: string;
  problem: string;
}

export function parseKind(value: string | undefined): RunKind {
  if (value === undefined) throw new UsageError(`--kind is required; use ${RUN_KIND_IDS.join(', ')}`);
  if (!(RUN_KIND_IDS as string[]).includes(value)) throw new UsageError(`--kind: unknown kind "${value}"; use ${RUN_KIND_IDS.join(', ')}`);
  return runKind(value);
}

/** `--days/--at` or `--every`, or the kind's default; bad input is a usage error naming the argument. */
export function parseScheduleRequest(kind: RunKind, o: { days?: string; at?: string; every?: string }): ScheduleRequest {
  try {
    if (o.every !== undefined) {
      if (o.days !== undefined || o.at !== undefined) throw new UsageError('--every: give either --every or --days/--at, not both');
      return { type: 'interval', everySeconds: parseEvery(o.every) };
    }
    if (o.days === undefined && o.at === undefined) return kind.defaultSchedule;
    const days = parseDays(o.days ?? 'daily');
    const { hour, minute } = parseTimeOfDay(o.at ?? (kind.defaultSchedule.type === 'calendar' ? kind.defaultSchedule.at : '06:00'));
    return { type: 'calendar', days, at: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
  } catch (err) {
    if (err instanceof ScheduleInputError) throw new UsageError(err.message);
    throw err;
  }
}

/** `--until 2026-12-20` (midnight in Oslo), `2026-12-20T08:30` (Oslo) or an ISO instant; must be in the future. */
export function parseUntil(value: string, now = new Date()): Date {
  const at = osloWallTimeToDate(value) ?? (/\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value) ? new Date(value) : undefined);
  if (!at || Number.isNaN(at.getTime())) throw new UsageError(`--until: "${value}" is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM (Oslo time)`);
  if (at.getTime() <= now.getTime()) throw new UsageError(`--until: ${value} is not in the future`);
  return at;
}

/** Schedules of the product: what the admin asked (the database) and what runs (Temporal), kept in step. */
export function createSchedulesService(client: Client, db: Knex, taskQueue: string) {
  const store = createSchedulesStore(db);
  const runs = createRunsStore(db);

  async function view(row: ScheduleRow): Promise<ScheduleView> {
    const d = await describeSchedule(client, row.schedule_id);
    const last = await runs.lastRunOfSchedule(row.schedule_id);
    return {
      scheduleId: row.schedule_id,
      connection: row.connection_name,
      kind: row.kind,
      spec: describeRequest(row.request),
      request: row.request,
      nextRuns: (d?.info.nextActionTimes ?? []).slice(0, 3).map((t) => formatOsloDateTime(t.toISOString())),
      paused: row.paused,
      pauseNote: row.pause_note,
      pausedUntil: row.paused_until ? formatOsloDateTime(row.paused_until.toISOString()) : null,
      lastRun: last ? { runId: last.id, status: last.status, startedAt: last.started_at.toISOString() } : null,
      drift: scheduleDrift(row.request, row.paused, d),
    };
  }

  async function rowsOf(connection: Connection, kind?: RunKind): Promise<ScheduleRow[]> {
    const rows = (await store.list(connection.name)).filter((r) => !kind || r.kind === kind.id);
    if (kind && rows.length === 0)
      throw new UsageError(
        `connection "${connection.name}" has no ${kind.id} schedule; set one with: xsync schedules set ${connection.name} --kind ${kind.id}`,
      );
    if (rows.length === 0) throw new UsageError(`connection "${connection.name}" has no schedules`);
    return rows;
  }

  return {
    async set(connection: Connection, kind: RunKind, request: ScheduleRequest, by: string): Promise<ScheduleView> {
      const scheduleId = scheduleIdOf(connection.name, kind.id);
      await store.serialized(scheduleId, async () => {
        await applySchedule(client, { scheduleId, kind, connectionName: connection.name, request, taskQueue });
        await store.upsert({ scheduleId, connectionId: connection.id, kind: kind.id, request, by });
      });
      return view((await store.get(scheduleId))!);
    },

    async list(connectionName?: string): Promise<{ schedules: ScheduleView[]; orphans: OrphanSchedule[] }> {
      const rows = await store.list(connectionName);
      const schedules = await Promise.all(rows.map(view));
      // Records go with their connection (ON DELETE CASCADE): a Temporal schedule without one has lost its connection.
      const recorded = new Set((await store.list()).map((r) => r.schedule_id));
      const orphans = (await listScheduleIds(client))
        .filter((id) => !recorded.has(id))
        .filter((id) => connectionName === undefined || id.startsWith(`${SCHEDULE_ID_PREFIX}${connectionName}.`))
        .map((scheduleId) => ({ scheduleId, problem: 'in Temporal, but no connection or schedule record here (remove it with `temporal schedule delete`)' }));
      return { schedules, orphans };
    },

    async show(connection: Connection, kind: RunKind): Promise<ScheduleView> {
      return view((await rowsOf(connection, kind))[0]!);
    },

    async pause(connection: Connection, kind: RunKind | undefined, note: string, until: Date | undefined, by: string): Promise<ScheduleView[]> {
      const out: ScheduleView[] = [];
      for (const row of await rowsOf(connection, kind)) {
        await store.serialized(row.schedule_id, async () => {
          const fullNote = `${note} (paused by ${by}${until ? `, until ${formatOsloDateTime(until.toISOString())}` : ''})`;
          await client.schedule.getHandle(row.schedule_id).pause(fullNote);
          await store.setPaused(row.schedule_id, { paused: true, note, until: until ?? null, by });
          // The resume timer is a workflow of its own: durable, and replaced when the schedule is paused again.
          const timerId = `xsync-resume.${row.schedule_id}`;
          if (until) {
            await client.workflow.start(resumeScheduleAt, {
              taskQueue,
              workflowId: timerId,
              workflowIdConflictPolicy: WorkflowIdConflictPolicy.TERMINATE_EXISTING,
              args: [{ scheduleId: row.schedule_id, until: until.toISOString() }],
              staticSummary: `Resumes schedule ${row.schedule_id} at ${formatOsloDateTime(until.toISOString())}`,
            });
          }
        });
        out.push(await view((await store.get(row.schedule_id))!));
      }
      return out;
    },

    async resume(connection: Connection, kind: RunKind | undefined, by: string): Promise<ScheduleView[]> {
      const out: ScheduleView[] = [];
      for (const row of await rowsOf(connection, kind)) {
        await store.serialized(row.schedule_id, async () => {
          await client.schedule.getHandle(row.schedule_id).unpause(`resumed by ${by}`);
          await store.setPaused(row.schedule_id, { paused: false, note: null, until: null, by });
        });
        out.push(await view((await store.get(row.schedule_id))!));
      }
      return out;
    },

    /**
     * A run now, from the schedule (trigger=schedule): refused while a run of the connection and kind is open, like a
     * manual start; otherwise Temporal starts it (overlap SKIP, so two triggers never make two runs).
     */
    async trigger(connection: Connection, kind: RunKind): Promise<{ scheduleId: string; runId: string | null }> {
      const row = (await rowsOf(connection, kind))[0]!;
      const open = await runs.openRun(connection.id, kind.id);
      if (open && (await temporalRunState(client, open.id)).open) {
        throw new RunRefusedError(`run ${open.id} of connection "${connection.name}" is still open; the schedule was not triggered (try again when it ends)`);
      }
      const before = new Set(((await describeSchedule(client, row.schedule_id))?.info.recentActions ?? []).map((a) => a.action.workflow.workflowId));
      await client.schedule.getHandle(row.schedule_id).trigger(ScheduleOverlapPolicy.SKIP);
      for (let i = 0; i < 40; i++) {
        const d = await describeSchedule(client, row.schedule_id);
        const started = [...(d?.info.runningActions ?? []), ...(d?.info.recentActions ?? []).map((a) => a.action)].find(
          (a) => !before.has(a.workflow.workflowId),
        );
        if (started) return { scheduleId: row.schedule_id, runId: started.workflow.workflowId };
        await new Promise((r) => setTimeout(r, 250));
      }
      return { scheduleId: row.schedule_id, runId: null };
    },

    /** Removes schedules from Temporal and here; `kind` undefined: all of the connection's (incl. ones only in Temporal). */
    async remove(connection: Connection, kind?: RunKind): Promise<string[]> {
      const rows = (await store.list(connection.name)).filter((r) => !kind || r.kind === kind.id);
      const ids = new Set(rows.map((r) => r.schedule_id));
      if (!kind) for (const id of await listScheduleIds(client)) if (id.startsWith(`${SCHEDULE_ID_PREFIX}${connection.name}.`)) ids.add(id);
      if (kind && ids.size === 0) throw new UsageError(`connection "${connection.name}" has no ${kind.id} schedule`);
      for (const id of ids) {
        await store.serialized(id, async () => {
          await deleteSchedule(client, id);
          await store.remove(id);
        });
      }
      return [...ids];
    },
  };
}
