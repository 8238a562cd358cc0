import { temporal } from '@temporalio/proto';
import { tsToMs } from '@temporalio/common/lib/time';

type History = temporal.api.history.v1.IHistory;
type Payload = temporal.api.common.v1.IPayload;

export interface ActivityTiming {
  name: string;
  count: number;
  /** Scheduled → completed/failed, summed over attempts' final outcome. */
  totalMs: number;
  maxMs: number;
}

export interface HistoryFigures {
  events: number;
  bytes: number;
  largestPayload: { bytes: number; event: string; path: string };
  payloads: number;
  activities: ActivityTiming[];
  /** First event → last event. */
  spanMs: number;
  /** Activity executions whose (final) attempt was > 1, and the extra attempts they took (started events' `attempt`). */
  retries: { activities: number; extraAttempts: number; failedOrTimedOut: number };
}

function isPayload(v: unknown): v is Payload {
  return !!v && typeof v === 'object' && 'data' in v && (v as Payload).data instanceof Uint8Array && 'metadata' in v;
}

/** Every payload anywhere in an event's attributes (inputs, results, failures' details, headers, memo, search attributes). */
function* payloadsIn(value: unknown, path: string): Generator<{ payload: Payload; path: string }> {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return;
  if (isPayload(value)) {
    yield { payload: value, path };
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* payloadsIn(value[i], `${path}[${i}]`);
    return;
  }
  for (const [k, v] of Object.entries(value)) yield* payloadsIn(v, path ? `${path}.${k}` : k);
}

const eventTypeName = (t: temporal.api.enums.v1.EventType | null | undefined) =>
  (temporal.api.enums.v1.EventType[t ?? 0] ?? String(t)).replace(/^EVENT_TYPE_/, '');

/** Size, event count, the largest payload and activity timings of one workflow history. */
export function historyFigures(history: History): HistoryFigures {
  const events = history.events ?? [];
  const bytes = temporal.api.history.v1.History.encode(history).finish().length;
  let largest = { bytes: 0, event: '-', path: '-' };
  let payloads = 0;
  const scheduled = new Map<string, { name: string; at: number }>();
  const timings = new Map<string, ActivityTiming>();
  const retries = { activities: 0, extraAttempts: 0, failedOrTimedOut: 0 };
  for (const e of events) {
    const attempt = e.activityTaskStartedEventAttributes?.attempt ?? 0;
    if (attempt > 1) {
      retries.activities++;
      retries.extraAttempts += attempt - 1;
    }
    if (e.activityTaskFailedEventAttributes || e.activityTaskTimedOutEventAttributes) retries.failedOrTimedOut++;
    const type = eventTypeName(e.eventType);
    for (const { payload, path } of payloadsIn(e, '')) {
      payloads++;
      const size = temporal.api.common.v1.Payload.encode(payload).finish().length;
      if (size > largest.bytes) largest = { bytes: size, event: `#${String(e.eventId)} ${type}`, path };
    }
    const at = tsToMs(e.eventTime);
    const s = e.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(String(e.eventId), { name: s.activityType?.name ?? '?', at });
    const done = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes;
    if (done) {
      const from = scheduled.get(String(done.scheduledEventId));
      if (from) {
        const ms = at - from.at;
        const t = timings.get(from.name) ?? { name: from.name, count: 0, totalMs: 0, maxMs: 0 };
        t.count++;
        t.totalMs += ms;
        t.maxMs = Math.max(t.maxMs, ms);
        timings.set(from.name, t);
      }
    }
  }
  const first = events.length ? tsToMs(events[0]!.eventTime) : 0;
  const last = events.length ? tsToMs(events[events.length - 1]!.eventTime) : 0;
  return {
    events: events.length,
    bytes,
    largestPayload: largest,
    payloads,
    activities: [...timings.values()].sort((a, b) => b.totalMs - a.totalMs),
    spanMs: last - first,
    retries,
  };
}
