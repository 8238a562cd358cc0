import { z } from 'zod';

/**
 * Structural schema of one HR employee row as it arrives at the domain boundary (HR store, CSV/JSON
 * import). It only checks shapes and coerces harmless representations (numbers → text, Date → date
 * string); the field rules (formats, check digits, lengths) live in validateHrEmployee.
 */

/** Text, or a number written as text. Empty/missing → null. */
const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)));

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A date as 'YYYY-MM-DD' text, or a JS Date (as node-postgres returns DATE columns: local midnight). */
const dateLike = z
  .union([z.string(), z.date()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v;
    return `${pad(v.getFullYear(), 4)}-${pad(v.getMonth() + 1, 2)}-${pad(v.getDate(), 2)}`;
  });

/** A timestamp as text, or a JS Date (→ ISO string). */
const timestampLike = z
  .union([z.string(), z.date()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : v.toISOString()));

export const hrPositionInputSchema = z.object({
  jobTitle: text,
  startDate: dateLike,
  endDate: dateLike,
  probationEndDate: dateLike,
  noticeDate: dateLike,
  primary: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});

export const hrAddressInputSchema = z.object({
  street: text,
  postalCode: text,
  place: text,
  country: text,
});

export const hrEmployeeInputSchema = z.object({
  employeeNumber: text,
  workEmail: text,
  firstName: text,
  lastName: text,
  phone: text,
  birthDate: dateLike,
  nationalId: text,
  gender: text,
  nationality: text,
  bankAccount: text,
  address: hrAddressInputSchema.nullish().transform((v) => v ?? null),
  status: text,
  department: text,
  legalEntity: text,
  employmentType: text,
  updatedAt: timestampLike,
  positions: z
    .array(hrPositionInputSchema)
    .nullish()
    .transform((v) => v ?? []),
});

export type HrEmployeeInput = z.input<typeof hrEmployeeInputSchema>;
export type ParsedHrEmployeeInput = z.output<typeof hrEmployeeInputSchema>;
export type ParsedHrPositionInput = z.output<typeof hrPositionInputSchema>;
