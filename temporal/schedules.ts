import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleDescription } from '@temporalio/client';
import { catchupWindowSeconds, describeRequest, toTemporalSpec, type ScheduleRequest } from '../domain/shared/schedule-spec';
import type { RunKind } from '../kinds/registry';
import { connectionKey, runKindKey, scheduleIdKey, statusKey, triggerKey } from '../workflows/shared/search-attributes';

/**
 * The Temporal Schedules of the product: one per connection and kind. Their id names both, so support staff can read
 * it and `schedules list` can find one whose connection is gone.
 */
export const SCHEDULE_ID_PREFIX = 'xsync.';

export const scheduleIdOf = (connectionName: string, kindId: string) => `${SCHEDULE_ID_PREFIX}${connectionName}.${kindId}`;

/**
 * Why these policies:
 * - overlap SKIP: a run still going when the next one is due makes the next one pointless (it would read the same
 *   state a moment later) — and a worker that is down overnight leaves one run waiting for it, not a pile;
 * - catch-up window (see catchupWindowSeconds): after the Temporal server was down, only a run missed moments ago is
 *   made up, never a week of them (Temporal's default window is a year);
 * - pauseOnFailure off: one failed run (Xledger down) must not stop the next ones; failures are emailed.
 */
function policies(request: ScheduleRequest) {
  return { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: catchupWindowSeconds(request) * 1000, pauseOnFailure: false };
}

function action(kind: RunKind, connectionName: string, scheduleId: string, taskQueue: string) {
  return {
    type: 'startWorkflow' as const,
    workflowType: kind.workflow,
    // Temporal appends the scheduled time: employees.acme.scheduled-2026-12-02T05:02:17Z, readable and unique.
    workflowId: `${kind.id}.${connectionName}.scheduled`,
    taskQueue,
    args: [kind.input({ connectionName, trigger: 'schedule', dryRun: false, scheduleId })],
    typedSearchAttributes: [
      { key: connectionKey, value: connectionName },
      { key: runKindKey, value: kind.id },
      { key: triggerKey, value: 'schedule' },
      { key: statusKey, value: 'starting' },
      { key: scheduleIdKey, value: scheduleId },
    ],
    staticSummary: `${kind.label.charAt(0).toUpperCase()}${kind.label.slice(1)} of "${connectionName}" (scheduled)`,
    staticDetails: `Connection ${connectionName}, started by the schedule ${scheduleId}.`,
  };
}

export interface ApplyScheduleArgs {
  scheduleId: string;
  kind: RunKind;
  connectionName: string;
  request: ScheduleRequest;
  taskQueue: string;
  /** Only for tests: when the schedule begins (to look at next action times across a DST change). */
  startAt?: Date;
}

/** Creates the schedule, or makes an existing one match the request (keeping its paused state). */
export async function applySchedule(client: Client, a: ApplyScheduleArgs): Promise<void> {
  const spec = { ...toTemporalSpec(a.request, `${a.connectionName}/${a.kind.id}`), ...(a.startAt ? { startAt: a.startAt } : {}) };
  const act = action(a.kind, a.connectionName, a.scheduleId, a.taskQueue);
  try {
    await client.schedule.create({ scheduleId: a.scheduleId, spec, action: act, policies: policies(a.request) });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(a.scheduleId).update((prev) => ({ ...prev, spec, action: act, policies: policies(a.request) }));
  }
}

export async function describeSchedule(client: Client, scheduleId: string): Promise<ScheduleDescription | undefined> {
  try {
    return await client.schedule.getHandle(scheduleId).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return undefined;
    throw err;
  }
}

export async function deleteSchedule(client: Client, scheduleId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(scheduleId).delete();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}

/** Every schedule id of the product in the namespace. */
export async function listScheduleIds(client: Client): Promise<string[]> {
  const ids: string[] = [];
  for await (const s of client.schedule.list()) if (s.scheduleId.startsWith(SCHEDULE_ID_PREFIX)) ids.push(s.scheduleId);
  return ids;
}

/** Where Temporal's schedule differs from what the admin asked (empty when in step). */
export function scheduleDrift(request: ScheduleRequest, paused: boolean, d: ScheduleDescription | undefined): string[] {
  if (!d) return ['missing in Temporal'];
  const drift: string[] = [];
  if (request.type === 'calendar') {
    const comment = d.spec.calendars?.[0]?.comment;
    if (comment !== describeRequest(request) || (d.spec.calendars?.length ?? 0) !== 1 || d.spec.intervals?.length)
      drift.push(`spec in Temporal is not "${describeRequest(request)}"`);
    if (d.spec.timezone !== 'Europe/Oslo') drift.push(`time zone in Temporal is ${d.spec.timezone ?? 'UTC'}, not Europe/Oslo`);
  } else {
    const every = d.spec.intervals?.[0]?.every;
    if (d.spec.intervals?.length !== 1 || every !== request.everySeconds * 1000 || d.spec.calendars?.length)
      drift.push(`spec in Temporal is not "${describeRequest(request)}"`);
  }
  if (d.state.paused !== paused) drift.push(paused ? 'paused here but running in Temporal' : 'paused in Temporal but not here');
  return drift;
}

export const MAINTENANCE_SCHEDULE_ID = 'xsync-maintenance.purge-staging';

/**
 * The maintenance schedule (hourly): purges personal data of settled runs past the debug retention. Created by
 * every worker at start (idempotent), so an install cannot run without it.
 */
export async function ensureMaintenanceSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: MAINTENANCE_SCHEDULE_ID,
      spec: { intervals: [{ every: '1 hour', offset: '7 minutes' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'purgeStagingWorkflow',
        workflowId: 'xsync-maintenance.purge-staging.run',
        taskQueue,
        staticSummary: 'Purge personal data of settled runs',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
