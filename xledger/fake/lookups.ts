import type { Issue } from './errors';

export interface LookupArg {
  dbId?: number | null;
  code?: string | null;
  description?: string | null;
  name?: string | null;
  dbSubId?: number | null;
  ownerCode?: string | null;
  showAlternatives?: string | null;
}

interface Lookupable {
  dbId: number;
  code?: string | null;
  description?: string | null;
  name?: string | null;
  dbSubId?: number;
  ownerDbId?: number;
}

export type LookupResult<T> = { row: T } | { issue: Omit<Issue, 'index' | 'clientId'> };

const EXAMPLES = 5;

/**
 * Resolve a lookup input object ({dbId}|{code}|{description}, enums also {name}|{dbSubId}) among candidate
 * rows. Unknown or ambiguous → an issue carrying `exampleValidInputs` like Xledger's lookup errors. Pure.
 */
export function resolveLookup<T extends Lookupable>(rows: readonly T[], lookup: LookupArg, field: string, label: string): LookupResult<T> {
  let matches: T[];
  let shown: string;
  if (lookup.dbId != null) {
    matches = rows.filter((r) => r.dbId === lookup.dbId);
    shown = `dbId: ${lookup.dbId}`;
  } else if (lookup.code != null || lookup.ownerCode != null) {
    const code = lookup.code ?? lookup.ownerCode;
    matches = rows.filter((r) => r.code === code);
    shown = `code: ${JSON.stringify(code)}`;
  } else if (lookup.dbSubId != null) {
    matches = rows.filter((r) => r.dbSubId === lookup.dbSubId);
    shown = `dbSubId: ${lookup.dbSubId}`;
  } else if (lookup.name != null) {
    matches = rows.filter((r) => r.name === lookup.name);
    shown = `name: ${JSON.stringify(lookup.name)}`;
  } else if (lookup.description != null) {
    matches = rows.filter((r) => r.description === lookup.description);
    shown = `description: ${JSON.stringify(lookup.description)}`;
  } else {
    return {
      issue: { field, code: 'LOOKUP_FAILED', message: `Lookup reference for ${label} needs one of dbId, code or description` },
    };
  }
  if (matches.length === 1) return { row: matches[0]! };
  const exampleValidInputs = rows.slice(0, EXAMPLES).map((r) => ({
    code: r.code ?? null,
    dbId: r.dbId,
    ownerDbId: r.ownerDbId ?? null,
    text: r.description ?? r.name ?? null,
  }));
  return {
    issue: {
      field,
      code: 'LOOKUP_FAILED',
      message:
        matches.length === 0 ? `Lookup failed: no ${label} matches {${shown}}` : `Lookup failed: ${matches.length} ${label} records match {${shown}}; use dbId`,
      exampleValidInputs,
    },
  };
}
