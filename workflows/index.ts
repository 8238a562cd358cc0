export { doctorWorkflow } from './admin/doctor';
export { employeeSync } from './employees/employee-sync';
export { checkConnection } from './admin/check-connection';
export { resumeScheduleAt } from './admin/resume-schedule';
export { purgeStagingWorkflow } from './admin/maintenance';
export { employeeRealtime } from './realtime/employee-realtime';
export { employeePush } from './realtime/employee-push';
