import { z } from 'zod';
import { EMPLOYEE_FIELD_KEYS } from '../../domain/employees/mapping/employee-fields';
import { REQUIRABLE_HR_FIELDS } from '../../domain/employees/validation/hr-employee';

const duration = z
  .string()
  .trim()
  .regex(/^\d+\s*(ms|s|m|h|d|seconds?|minutes?|hours?|days?)$/, 'must be a duration such as "30 minutes" or "7 days"');

/** The employee sync's settings of a connection (`settings.employees`). */
export const employeeSettingsSchema = z
  .object({
    scope: z
      .object({
        departments: z.array(z.string().min(1)).optional(),
        legalEntities: z.array(z.string().min(1)).optional(),
        employmentTypes: z.array(z.string().min(1)).optional(),
        employeeNumbers: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .default({}),
    requiredFields: z.array(z.enum(REQUIRABLE_HR_FIELDS)).default(['employeeNumber', 'workEmail', 'firstName', 'lastName']),
    fieldPolicies: z.partialRecord(z.enum(EMPLOYEE_FIELD_KEYS as unknown as [string, ...string[]]), z.enum(['hr-wins', 'xledger-wins', 'ask'])).default({}),
    /** 'hr-to-xledger': nothing flows back to HR (HR is the source of truth). */
    direction: z.enum(['two-way', 'hr-to-xledger']).default('two-way'),
    /** People only in HR / only in Xledger: create without asking, ask the admin, or never create. */
    createInXledger: z.enum(['auto', 'ask', 'never']).default('ask'),
    createInHr: z.enum(['auto', 'ask', 'never']).default('ask'),
    decisionTimeout: duration.default('7 days'),
    reminderAfter: duration.default('1 day'),
    timeoutPolicy: z.enum(['skip-undecided', 'cancel']).default('skip-undecided'),
    /**
     * Runs read only what changed since the last successful run; every `fullRunEvery` one run reads everyone (the only
     * read that sees drift and deletions). `sync start --full` asks for one at any time.
     */
    fullRunEvery: duration.default('7 days'),
    /**
     * Real-time push: HR changes reach Xledger within seconds, without a run (Xledger's changes still wait for a run).
     * `createInXledger`: people added in HR are created in Xledger by the push too; otherwise they wait for a run.
     */
    realtime: z
      .object({
        enabled: z.boolean().default(false),
        createInXledger: z.boolean().default(false),
        /** How long the push waits for more changes before it writes (coalescing a burst into few mutations). */
        debounce: duration.default('200 ms'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type EmployeeSettings = z.infer<typeof employeeSettingsSchema>;

/** The keys of the employee settings; before settings were per kind they sat at the top level of a connection's settings. */
export const EMPLOYEE_SETTING_KEYS = Object.keys(employeeSettingsSchema.shape) as Array<keyof EmployeeSettings>;
