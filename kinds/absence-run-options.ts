import { z } from 'zod';
import { isCalendarDate } from '../domain/shared/validation/date';

const date = z.string().trim().refine(isCalendarDate, 'must be a date written as YYYY-MM-DD');

/**
 * An absence run's options (`xsync sync start --kind absences --from --to --employee`): the period (both ends, or
 * neither: the calendar year of today) and the employees whose absences are sent.
 */
export const absenceRunOptionsSchema = z
  .object({
    from: date.optional(),
    to: date.optional(),
    employees: z.array(z.string().trim().min(1)).optional(),
  })
  .strict()
  .refine((o) => (o.from === undefined) === (o.to === undefined), { message: 'give both --from and --to, or neither (the calendar year of today)' })
  .refine((o) => o.from === undefined || o.to === undefined || o.from <= o.to, { message: 'the period ends before it starts (--to is before --from)' });

export type AbsenceRunOptions = z.infer<typeof absenceRunOptionsSchema>;
