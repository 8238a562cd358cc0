import type { Connection } from '../../db/connections-store';
import type { AreaProbe } from '../../xledger/index';
import type { XledgerClient } from '../../xledger/index';
import { createAbsenceApi } from '../../xledger/client/absences';

/**
 * What `connections test` checks for the absence sync beyond scopes: whether the API has an absence mutation
 * (introspection; without one, runs produce an import file), and whether every leave code of the connection's code
 * table is an absence code in Xledger. Two requests.
 */
export interface AbsenceCheck {
  mutations: { available: boolean; missing: string[] };
  unknownCodes: Array<{ type: string; code: string }>;
  notes: string[];
}

export async function checkAbsenceSetup(client: XledgerClient, connection: Connection): Promise<AbsenceCheck> {
  const api = createAbsenceApi(client, connection.ownerEntityId);
  const mutations = await api.mutationsAvailable();
  const known = await api.codes();
  const unknownCodes = Object.entries(connection.settings.absences.codes)
    .filter(([, code]) => !known.has(code))
    .map(([type, code]) => ({ type, code }));
  const notes: string[] = [];
  if (!mutations.available)
    notes.push(
      `The connected Xledger API has no absence mutation (${mutations.missing.join(', ')} missing): absence runs produce an import file instead of API writes.`,
    );
  for (const u of unknownCodes)
    notes.push(`Absence code table: the leave code "${u.code}" (for HR type "${u.type}") is not an absence code in Xledger; such absences will be refused.`);
  return { mutations, unknownCodes, notes };
}

/** Without an absence mutation, the absence write probe cannot pass or fail: it is not the path runs take. */
export function withAbsenceWritePath<A extends AreaProbe>(areas: A[], check: AbsenceCheck): A[] {
  if (check.mutations.available) return areas;
  return areas.map((a) =>
    a.area === 'Human Resources Absence' && a.needs.write
      ? { ...a, write: 'unverified', detail: 'no absence mutation in this API — absence runs produce an import file' }
      : a,
  );
}
