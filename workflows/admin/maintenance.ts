import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import { readActivity } from '../shared/activity-options';

const { purgeExpiredStaging } = proxyActivities<Activities>(readActivity);

/** The maintenance schedule's run: deletes personal data of settled runs past the debug retention. */
export async function purgeStagingWorkflow(): Promise<{ purged: number }> {
  return purgeExpiredStaging();
}
