/**
 * The functional core of the employee sync: pure functions only (no I/O, no Node built-ins, no clock),
 * safe to import from Temporal workflow code.
 */

// Types
export * from './employees/employee-types';
export * from './employees/plan-types';

// Validation and masking
export * from './shared/masking';
export type { FieldResult, ValidationIssue } from './shared/validation/issues';
export * from './shared/validation/text';
export * from './shared/validation/date';
export * from './shared/validation/national-id';
export * from './shared/validation/bank-account';
export * from './shared/validation/email';
export * from './shared/validation/phone';
export * from './shared/validation/postal-code';
export * from './shared/validation/country';
export * from './shared/validation/gender';
export * from './employees/validation/hr-employee-input';
export * from './employees/validation/hr-field-labels';
export * from './employees/validation/hr-employee';

// Mapping
export * from './employees/mapping/field-mapping-types';
export * from './employees/mapping/normalizers';
export * from './employees/mapping/positions';
export * from './employees/mapping/employee-fields';
export * from './employees/mapping/display';

// Match, diff, classify, plan
export * from './employees/matching';
export * from './employees/field-decision';
export * from './employees/diff';
export * from './employees/classify';
export * from './employees/plan-tasks';
export * from './employees/plan-employee';
export * from './employees/sync-plan';

// Decisions and writes
export * from './employees/decisions';
export * from './employees/apply-decisions';
export * from './employees/xledger-writes';
export * from './employees/hr-writes';
export * from './employees/baseline';
export * from './employees/run-outcome';
export * from './shared/run-types';
