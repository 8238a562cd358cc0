import { isHashedBaseline, type PersonalHasher } from '../employees/baseline';
import { EMPLOYEE_FIELDS } from '../employees/mapping/employee-fields';
import type { FieldBaseline } from '../employees/plan-types';
import type { EmployeeFieldKey } from '../employees/mapping/field-mapping-types';

export interface BaselineRehash {
  baseline: FieldBaseline;
  /** Hashes moved to the current key. */
  rehashed: number;
  /** Key ids of hashes that had to stay (HR's value is no longer the last-synced one, or HR no longer has the person). */
  kept: string[];
}

const keyIdOf = (stored: string) => stored.split(':')[1] ?? '';

/**
 * Moves a baseline's keyed hashes (national id, bank account) to the current key without ever storing a clear value:
 * a hash is re-made from HR's value only when HR's value is the one it was made of. A hash HR's value no longer
 * matches (HR changed it since the last sync) stays under its key; the next run that finds both sides equal stores
 * it anew under the current key.
 */
export function rehashBaseline(
  baseline: FieldBaseline,
  hrValues: Partial<Record<EmployeeFieldKey, string | null>> | null,
  hasher: PersonalHasher,
  currentKeyId: string,
): BaselineRehash {
  const out: FieldBaseline = { ...baseline };
  let rehashed = 0;
  const kept: string[] = [];
  for (const field of EMPLOYEE_FIELDS) {
    const stored = baseline[field.key];
    if (!field.pii || !isHashedBaseline(stored) || keyIdOf(stored) === currentKeyId) continue;
    const normalized = hrValues ? field.normalize(hrValues[field.key] ?? null) : null;
    if (normalized !== null && hasher.matches(stored, normalized)) {
      out[field.key] = hasher.hash(normalized);
      rehashed++;
    } else kept.push(keyIdOf(stored));
  }
  return { baseline: out, rehashed, kept };
}
