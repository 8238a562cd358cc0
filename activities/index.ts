import { createConnectionCheckActivities } from './connection-check';
import type { ActivityDeps } from './deps';
import { createApplyHrActivities } from './employee-sync/apply-hr';
import { createApplyXledgerActivities } from './employee-sync/apply-xledger';
import { createNotifyActivities } from './employee-sync/notify';
import { createPlanningActivities } from './employee-sync/planning';
import { createRunLifecycleActivities } from './employee-sync/run-lifecycle';
import { createSnapshotActivities } from './employee-sync/snapshots';
import { createHealthActivities } from './health';

export type { ActivityDeps } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createHealthActivities(deps),
    ...createRunLifecycleActivities(deps),
    ...createSnapshotActivities(deps),
    ...createPlanningActivities(deps),
    ...createApplyXledgerActivities(deps),
    ...createApplyHrActivities(deps),
    ...createNotifyActivities(deps),
    ...createConnectionCheckActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
