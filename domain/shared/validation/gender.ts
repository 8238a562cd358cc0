import type { Gender } from '../../employees/employee-types';
import { fail, FieldResult, ok } from './issues';

const SYNONYMS: Record<string, Gender> = {
  male: 'male',
  m: 'male',
  man: 'male',
  mann: 'male',
  mannlig: 'male',
  female: 'female',
  f: 'female',
  woman: 'female',
  k: 'female',
  kvinne: 'female',
  kvinnelig: 'female',
  other: 'other',
  o: 'other',
  annet: 'other',
  'non-binary': 'other',
  nonbinary: 'other',
  x: 'other',
};

/** Canonical gender of a spelling used by HR or Xledger ('Mann', 'K', 'Female'…), or null if unknown. */
export function canonicalGender(value: string | null | undefined): Gender | null {
  if (value === null || value === undefined) return null;
  return SYNONYMS[value.trim().toLowerCase()] ?? null;
}

export function validateGender(raw: string | null | undefined): FieldResult<Gender | null> {
  if (raw === null || raw === undefined) return ok(null);
  if (raw.trim().length === 0) return ok(null);
  const g = canonicalGender(raw);
  if (g === null) return fail('Gender must be male, female or other');
  return ok(g);
}
