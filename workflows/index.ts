export { doctorWorkflow } from './admin/doctor';
export { employeeSync } from './employees/employee-sync';
export { checkConnection } from './admin/check-connection';
export { resumeScheduleAt } from './admin/resume-schedule';
export { purgeStagingWorkflow } from './admin/maintenance';
export { absenceSync } from './absences/absence-sync';
export { invoiceExport } from './invoices/invoice-export';
export { masterDataSync } from './master-data/master-data-sync';
