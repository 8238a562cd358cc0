export { doctorWorkflow } from './doctor';
export { employeeSync } from './employee-sync';
export { checkConnection } from './check-connection';
