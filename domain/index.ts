/**
 * The functional core of the employee sync: pure functions only (no I/O, no Node built-ins, no clock),
 * safe to import from Temporal workflow code.
 */

// Types
export * from './employee-types';
export * from './plan-types';

// Validation and masking
export * from './masking';
export type { FieldResult, ValidationIssue } from './validation/issues';
export * from './validation/text';
export * from './validation/date';
export * from './validation/national-id';
export * from './validation/bank-account';
export * from './validation/email';
export * from './validation/phone';
export * from './validation/postal-code';
export * from './validation/country';
export * from './validation/gender';
export * from './validation/hr-employee-input';
export * from './validation/hr-field-labels';
export * from './validation/hr-employee';

// Mapping
export * from './mapping/field-mapping-types';
export * from './mapping/normalizers';
export * from './mapping/positions';
export * from './mapping/employee-fields';
export * from './mapping/display';

// Match, diff, classify, plan
export * from './matching';
export * from './field-decision';
export * from './diff';
export * from './classify';
export * from './plan-tasks';
export * from './plan-employee';
export * from './sync-plan';

// Decisions and writes
export * from './decisions';
export * from './apply-decisions';
export * from './xledger-writes';
export * from './hr-writes';
export * from './baseline';
