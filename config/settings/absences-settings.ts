import { z } from 'zod';
import { HR_ABSENCE_STATUSES } from '../../domain/absences/absence-types';

const duration = z
  .string()
  .trim()
  .regex(/^\d+\s*(ms|s|m|h|d|seconds?|minutes?|hours?|days?)$/, 'must be a duration such as "30 minutes" or "7 days"');

/** How long an import file is kept unless a connection says otherwise. */
export const IMPORT_FILE_RETENTION_DAYS = 30;

/** The absence sync's settings of a connection (`settings.absences`). */
export const absenceSettingsSchema = z
  .object({
    /** HR absence type → Xledger leave code (Alexis HR's defaults); a type not listed is sent as it is (a custom leave code). */
    codes: z.record(z.string().trim().min(1), z.string().trim().min(1)).default({ childcare: 'CS', vacation: 'V', sick_leave: 'SWN' }),
    /** The HR types sent; absent: every type. */
    types: z.array(z.string().trim().min(1)).optional(),
    /** The HR statuses sent. */
    statuses: z.array(z.enum(HR_ABSENCE_STATUSES)).min(1).default(['approved']),
    /** The leave percent of an absence HR gives none for. */
    defaultPercent: z.number().gt(0).lte(100).default(100),
    /** The comment of an absence HR gives none for. */
    defaultComment: z.string().default('temporary comment'),
    /** An absence the sync wrote and HR then cancelled or deleted: remove it from Xledger, keep it, or ask the admin. */
    cancelled: z.enum(['remove', 'keep', 'ask']).default('ask'),
    /**
     * How absences reach Xledger: `auto` uses the API's absence mutation when introspection finds one, else an import
     * file; `api` or `file` force one path.
     */
    writePath: z.enum(['auto', 'api', 'file']).default('auto'),
    decisionTimeout: duration.default('7 days'),
    reminderAfter: duration.default('1 day'),
    /** At the deadline: keep the undecided absences (skip-undecided) or cancel the run. */
    timeoutPolicy: z.enum(['skip-undecided', 'cancel']).default('skip-undecided'),
    /** Days a run's import file (employee numbers, titles, comments) is kept before the maintenance purge deletes it. */
    importFileRetentionDays: z
      .number()
      .int('must be whole days')
      .min(1, 'must be at least 1 day')
      .max(90, 'must be at most 90 days (the file holds personal data)')
      .default(IMPORT_FILE_RETENTION_DAYS),
  })
  .strict();

export type AbsenceSettings = z.infer<typeof absenceSettingsSchema>;
