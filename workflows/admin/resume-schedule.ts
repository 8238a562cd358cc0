import { proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import { bookkeepingActivity } from '../shared/activity-options';

const { resumeScheduleIfStillPaused } = proxyActivities<Activities>(bookkeepingActivity);

export interface ResumeScheduleInput {
  scheduleId: string;
  /** ISO 8601: when `schedules pause --until` said the schedule resumes. */
  until: string;
}

/**
 * `schedules pause … --until D`: waits (a durable timer, so a restart or deploy does not lose it) and then resumes
 * the schedule — unless the admin resumed or paused it again since, which the activity checks.
 */
export async function resumeScheduleAt(input: ResumeScheduleInput): Promise<{ resumed: boolean }> {
  const wait = Date.parse(input.until) - Date.now(); // workflow time: deterministic
  if (wait > 0) await sleep(wait);
  return resumeScheduleIfStillPaused(input);
}
