/** One problem with one field of an HR row, worded for an admin. Never contains a PII value. */
export interface ValidationIssue {
  /** Field path, e.g. 'workEmail', 'address.postalCode', 'positions[1].startDate'. */
  field: string;
  reason: string;
}

/** Result of validating a single value: the normalised value, or an admin-readable reason. */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
export const fail = <T = never>(reason: string): FieldResult<T> => ({ ok: false, reason });
