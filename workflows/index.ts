export { doctorWorkflow } from './admin/doctor';
export { employeeSync } from './employees/employee-sync';
export { checkConnection } from './admin/check-connection';
