import { z } from 'zod';
import { EMPLOYEE_SETTING_KEYS, employeeSettingsSchema } from './settings/employees-settings';
import { absenceSettingsSchema } from './settings/absences-settings';
import { invoiceSettingsSchema } from './settings/invoices-settings';
import { masterDataSettingsSchema } from './settings/master-data-settings';

export { employeeSettingsSchema, type EmployeeSettings } from './settings/employees-settings';
export { absenceSettingsSchema, type AbsenceSettings } from './settings/absences-settings';

/**
 * Per-connection settings, stored as JSON on the connection and validated on every read and write: what is
 * connection-wide at the top level, and one key per run kind (today `employees`; later `absences`, `masterData`,
 * `invoices`), each validated by its own module under config/settings/.
 */
export const connectionSettingsSchema = z
  .object({
    /** Who gets result and reminder emails, for every kind of run. */
    recipients: z.array(z.string().trim().email('must be an email address')).default([]),
    /** `prefault`: a missing `employees` is parsed as `{}`, so it gets every default. */
    employees: employeeSettingsSchema.prefault({}),
    /** The absence sync's settings (config/settings/absences-settings.ts). */
    absences: absenceSettingsSchema.prefault({}),
    /** The invoice export (kind `invoice-export`). */
    invoices: invoiceSettingsSchema.prefault({}),
    masterData: masterDataSettingsSchema.prefault({}),
  })
  .strict();

export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

/** Where each key that once sat at the top level lives now. */
const MOVED_KEYS: ReadonlyMap<string, string> = new Map(EMPLOYEE_SETTING_KEYS.map((k) => [k, 'employees']));

type Issue = z.core.$ZodIssue;

/** One line per problem; an unknown key is named in its path, and a key of the old flat shape says where it went. */
function describeIssues(issues: readonly Issue[], where: string): string[] {
  return issues.flatMap((i) => {
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((key) => {
        const moved = i.path.length === 0 ? MOVED_KEYS.get(key) : undefined;
        const message = moved ? `moved — put it under "${moved}"` : 'unknown setting';
        return `${[where, ...i.path, key].join('.')}: ${message}`;
      });
    }
    return [`${[where, ...i.path].join('.')}: ${i.message}`];
  });
}

export function parseConnectionSettings(raw: unknown, where = 'settings'): ConnectionSettings {
  const parsed = connectionSettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw new Error(`Invalid connection settings: ${describeIssues(parsed.error.issues, where).join('; ')}`);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A partial settings object applied to stored settings (`connections update --settings-file`): objects merge key by
 * key, at every depth; arrays, strings and numbers replace what was there; `null` removes the key, so its default
 * applies again. The result is not validated here: parse it with parseConnectionSettings.
 */
export function mergeSettings(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const merged = new Map<string, unknown>(Object.entries(isPlainObject(base) ? base : {}));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) merged.delete(key);
    else merged.set(key, mergeSettings(merged.get(key), value));
  }
  return Object.fromEntries(merged); // own data properties only: a "__proto__" key stays a (rejected) key
}
