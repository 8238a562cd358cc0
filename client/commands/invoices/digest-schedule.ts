import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Connection } from '../../../db/connections-store';
import { createSchedulesStore } from '../../../db/schedules-store';
import { catchupWindowSeconds, toTemporalSpec, WEEKDAYS, type ScheduleRequest } from '../../../domain/shared/schedule-spec';
import { deleteSchedule, scheduleIdOf } from '../../../temporal/schedules';
import { invoiceDigest } from '../../../workflows/invoices/invoice-digest';

/** The digest's schedule: not a run kind (no lock, no sync_runs row), recorded beside the kinds' schedules. */
export const INVOICE_DIGEST = 'invoice-digest';
export const INVOICE_DIGEST_LABEL = 'invoice export daily digest';

export const invoiceDigestScheduleId = (connectionName: string) => scheduleIdOf(connectionName, INVOICE_DIGEST);

/**
 * Makes the connection's digest schedule match `settings.invoices.dailyDigestAt`: daily at that Oslo time, or none.
 * Called when the settings change (`connections update`); returns what it did.
 */
export async function applyInvoiceDigestSchedule(
  client: Client,
  db: Knex,
  connection: Connection,
  taskQueue: string,
  by: string,
): Promise<'set' | 'removed' | 'none'> {
  const at = (connection.settings as { invoices?: { dailyDigestAt?: string | null } }).invoices?.dailyDigestAt ?? null;
  const scheduleId = invoiceDigestScheduleId(connection.name);
  const store = createSchedulesStore(db);
  return store.serialized(scheduleId, async () => {
    if (!at) {
      const had = (await store.get(scheduleId)) !== undefined;
      const deleted = await deleteSchedule(client, scheduleId);
      await store.remove(scheduleId);
      return had || deleted ? 'removed' : 'none';
    }
    const request: ScheduleRequest = { type: 'calendar', days: [...WEEKDAYS], at };
    const spec = toTemporalSpec(request, `${connection.name}/${INVOICE_DIGEST}`);
    const action = {
      type: 'startWorkflow' as const,
      workflowType: invoiceDigest,
      workflowId: `${INVOICE_DIGEST}.${connection.name}.scheduled`,
      taskQueue,
      args: [{ connectionName: connection.name }] as [{ connectionName: string }],
      staticSummary: `Invoice export daily digest of "${connection.name}"`,
    };
    // A digest missed while the server was down is not made up later: the next day's covers it.
    const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: catchupWindowSeconds(request) * 1000, pauseOnFailure: false };
    try {
      await client.schedule.create({ scheduleId, spec, action, policies });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies }));
    }
    await store.upsert({ scheduleId, connectionId: connection.id, kind: INVOICE_DIGEST, request, by });
    return 'set';
  });
}
