import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';
import type { DatabaseHealth } from '../../activities/admin/health';

const { checkDatabase } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second' },
});

export interface DoctorReport {
  database: DatabaseHealth;
}

/** A small real workflow: proves a worker polls the task queue and its activities reach the database. */
export async function doctorWorkflow(): Promise<DoctorReport> {
  return { database: await checkDatabase() };
}
