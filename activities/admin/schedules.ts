import { createSchedulesStore } from '../../db/schedules-store';
import type { ActivityDeps } from '../deps';
import { activityTemporalClient } from '../shared/run-claim';

export function createScheduleActivities(deps: ActivityDeps) {
  const schedules = createSchedulesStore(deps.db);
  return {
    /** Resumes a schedule paused until `until`, if it still is (a later resume or pause is left alone). */
    async resumeScheduleIfStillPaused({ scheduleId, until }: { scheduleId: string; until: string }): Promise<{ resumed: boolean }> {
      return schedules.serialized(scheduleId, async () => {
        const row = await schedules.get(scheduleId);
        if (!row?.paused || row.paused_until?.toISOString() !== new Date(until).toISOString()) return { resumed: false };
        await activityTemporalClient()
          .schedule.getHandle(scheduleId)
          .unpause(`resumed at ${until} as asked when paused (${row.pause_note ?? 'no note'})`);
        await schedules.setPaused(scheduleId, { paused: false, note: null, until: null, by: 'schedule timer (--until)' });
        return { resumed: true };
      });
    },
  };
}
