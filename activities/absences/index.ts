import type { ActivityDeps } from '../deps';
import { createAbsenceApplyActivities } from './apply';
import { createAbsenceImportFileActivities } from './import-file';
import { createAbsenceNotifyActivities } from './notify';
import { createAbsencePlanningActivities } from './planning';
import { createAbsenceLifecycleActivities } from './run-lifecycle';

/** Every activity of the absence sync (names start with or contain "Absence": they share one worker with other kinds). */
export function createAbsenceActivities(deps: ActivityDeps) {
  return {
    ...createAbsenceLifecycleActivities(deps),
    ...createAbsencePlanningActivities(deps),
    ...createAbsenceApplyActivities(deps),
    ...createAbsenceImportFileActivities(deps),
    ...createAbsenceNotifyActivities(deps),
  };
}
