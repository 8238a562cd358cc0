export { doctorWorkflow } from './doctor';
export { employeeSync } from './employee-sync';
