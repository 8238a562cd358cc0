/**
 * `--profile` of the real-time push benchmark: where a push's time goes, from the Temporal histories of the last push
 * runs and their parent (the connection's push workflow), and the relay's hand-over from the outbox's timestamps.
 * Prints the mean of each step in ms; a step is an event's time minus the previous step's.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Knex } from 'knex';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const ms = (e: HistoryEvent | undefined): number => {
  const t = e?.eventTime;
  return t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : NaN;
};
const typeName = (e: HistoryEvent): string => {
  const raw = typeof e.eventType === 'number' ? temporal.api.enums.v1.EventType[e.eventType] : String(e.eventType ?? '');
  return (raw ?? 'UNKNOWN').replace(/^EVENT_TYPE_/, '');
};

/** Each event of a history as "name: ms since the previous event", activities named by their type. */
function steps(events: HistoryEvent[]): Array<[string, number]> {
  const activityOf = new Map<string, string>();
  const out: Array<[string, number]> = [];
  let prev = ms(events[0]);
  for (const e of events) {
    let name = typeName(e);
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) activityOf.set(String(e.eventId), scheduled.activityType?.name ?? '?');
    const ref =
      e.activityTaskStartedEventAttributes?.scheduledEventId ??
      e.activityTaskCompletedEventAttributes?.scheduledEventId ??
      e.activityTaskFailedEventAttributes?.scheduledEventId;
    if (scheduled) name = `${name} ${scheduled.activityType?.name}`;
    else if (ref != null) name = `${name} ${activityOf.get(String(ref)) ?? '?'}`;
    const marker = e.markerRecordedEventAttributes?.markerName;
    if (marker) name = `${name} ${marker}`;
    out.push([name, ms(e) - prev]);
    prev = ms(e);
  }
  return out;
}

/** The push runs started since `since` (at most `count`), their parent's events since then, the relay's hand-overs. */
export async function profilePushes(client: Client, db: Knex, parentWorkflowId: string, since: Date, count = 30): Promise<string> {
  const runs: Array<{ id: string }> = await db('sync_runs')
    .where({ trigger: 'realtime' })
    .andWhere('started_at', '>=', since)
    .orderBy('started_at', 'desc')
    .limit(count)
    .select('id');
  const lines: string[] = [];
  // Push runs: mean per step (histories of one shape: group by the sequence of names).
  const shapes = new Map<string, { names: string[]; sums: number[]; n: number; total: number }>();
  for (const { id } of runs) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    const s = steps(history.events ?? []);
    const key = s.map(([n]) => n).join('|');
    const shape = shapes.get(key) ?? { names: s.map(([n]) => n), sums: s.map(() => 0), n: 0, total: 0 };
    s.forEach(([, d], i) => (shape.sums[i]! += d));
    shape.n += 1;
    shape.total += s.reduce((a, [, d]) => a + d, 0);
    shapes.set(key, shape);
  }
  for (const shape of [...shapes.values()].sort((a, b) => b.n - a.n).slice(0, 2)) {
    lines.push(`push run (${shape.n} of ${runs.length}), mean ${Math.round(shape.total / shape.n)} ms from start to close:`);
    shape.names.forEach((name, i) => lines.push(`  ${String(Math.round(shape.sums[i]! / shape.n)).padStart(6)}  ${name}`));
  }
  // The parent: mean ms per event type around the children (signal → timer → local activities → child).
  const parent = await client.workflow.getHandle(parentWorkflowId).fetchHistory();
  const byName = new Map<string, { sum: number; n: number }>();
  const recent = (parent.events ?? []).filter((e) => ms(e) >= since.getTime());
  for (const [name, d] of steps(recent)) {
    const b = byName.get(name) ?? { sum: 0, n: 0 };
    b.sum += d;
    b.n += 1;
    byName.set(name, b);
  }
  lines.push(`push workflow, mean ms since the previous event, by event (${recent.length} events):`);
  for (const [name, b] of [...byName.entries()].sort((a, b) => b[1].sum - a[1].sum))
    lines.push(`  ${String(Math.round(b.sum / b.n)).padStart(6)}  ${name} (×${b.n})`);
  const relay = await db.raw<{ rows: Array<{ mean: number; p95: number }> }>(
    `SELECT avg(extract(epoch FROM d.signalled_at - o.changed_at) * 1000)::int AS mean,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM d.signalled_at - o.changed_at) * 1000)::int AS p95
       FROM hr_outbox_deliveries d JOIN hr_outbox o ON o.id = d.outbox_id WHERE d.signalled_at IS NOT NULL AND o.changed_at >= ?`,
    [since],
  );
  lines.push(`relay: HR commit → signal recorded, mean ${relay.rows[0]?.mean} ms, p95 ${relay.rows[0]?.p95} ms`);
  return lines.join('\n');
}
