import { createConnectionCheckActivities } from './admin/connection-check';
import type { ActivityDeps } from './deps';
import { createApplyHrActivities } from './employees/apply-hr';
import { createApplyXledgerActivities } from './employees/apply-xledger';
import { createNotifyActivities } from './employees/notify';
import { createPlanningActivities } from './employees/planning';
import { createRunLifecycleActivities } from './employees/run-lifecycle';
import { createSnapshotActivities } from './employees/snapshots';
import { createReadModeActivities } from './employees/read-mode';
import { createHealthActivities } from './admin/health';
import { createScheduleActivities } from './admin/schedules';
import { createMaintenanceActivities } from './admin/maintenance';
import { createAbsenceActivities } from './absences/index';
import { createInvoiceActivities } from './invoices/index';
import { createMasterDataLifecycleActivities } from './master-data/run-lifecycle';
import { createMasterDataPullActivities } from './master-data/pull-part';
import { createPushActivities } from './realtime/push';

export type { ActivityDeps } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createHealthActivities(deps),
    ...createRunLifecycleActivities(deps),
    ...createSnapshotActivities(deps),
    ...createReadModeActivities(deps),
    ...createPlanningActivities(deps),
    ...createApplyXledgerActivities(deps),
    ...createApplyHrActivities(deps),
    ...createNotifyActivities(deps),
    ...createConnectionCheckActivities(deps),
    ...createScheduleActivities(deps),
    ...createMaintenanceActivities(deps),
    ...createAbsenceActivities(deps),
    ...createInvoiceActivities(deps),
    ...createMasterDataLifecycleActivities(deps),
    ...createMasterDataPullActivities(deps),
    ...createPushActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
