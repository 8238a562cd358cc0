import { z } from 'zod';
import type { AbsenceValues, XledgerAbsence } from '../../domain/absences/absence-types';
import { normalizePercent } from '../../domain/absences/mapping';
import type { XledgerClient } from './client';
import type { AddAbsenceNode, UpdateAbsenceNode } from './inputs';
import type { ListOperation } from './operations';
import type { Absence } from './schemas';

/**
 * Every absence read and write of the Xledger client, in one module: Xledger's absence mutation is not public
 * (docs/absences.md), so what we assume of it lives here only. Values travel as GraphQL variables; mass mutations go
 * in batches of at most 500 nodes (the client's writers chunk them).
 */

/** The mutations an absence run writes with; an API without them gets an import file instead. */
export const ABSENCE_MUTATIONS = ['addAbsences', 'updateAbsences', 'removeAbsences'] as const;

const MutationFields = z.object({
  __schema: z.object({ mutationType: z.object({ fields: z.array(z.object({ name: z.string() })).nullish() }).nullish() }),
});

/** Introspection of the mutation root's field names (constant text; no variables). */
export const introspectMutationsOp: ListOperation<never, never> = {
  type: 'list',
  kind: 'query',
  name: 'IntrospectMutations',
  root: '__schema',
  document: 'query IntrospectMutations { __schema { mutationType { fields { name } } } }',
  scope: null,
  idempotent: true,
  parse: (data) => MutationFields.parse(data) as never,
};

/** The day after 'YYYY-MM-DD' (the end of a period as an exclusive bound). */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** An Xledger absence node in the domain's terms. */
export function toXledgerAbsence(node: Absence): XledgerAbsence {
  const values: AbsenceValues = {
    code: node.absenceCode?.code ?? '',
    fromDate: node.fromDate ?? '',
    toDate: node.toDate ?? null,
    timeFrom: node.timeFrom ?? null,
    timeTo: node.timeTo ?? null,
    leavePercent: normalizePercent(node.leavePercent ?? null) ?? '100',
    text: node.text ?? null,
    comment: node.comment ?? null,
  };
  return { dbId: node.dbId, employeeDbId: node.employee?.dbId ?? null, values };
}

export interface AbsencePeriod {
  from: string;
  to: string;
}

export function createAbsenceApi(client: XledgerClient, ownerDbId: number) {
  return {
    /** Whether the connected API has every absence mutation (introspection: one request). */
    async mutationsAvailable(): Promise<{ available: boolean; missing: string[] }> {
      const result = (await client.execute(introspectMutationsOp, {})) as unknown as z.infer<typeof MutationFields>;
      const names = new Set((result.__schema.mutationType?.fields ?? []).map((f) => f.name));
      const missing = ABSENCE_MUTATIONS.filter((m) => !names.has(m));
      return { available: missing.length === 0, missing };
    },

    /** The leave codes Xledger knows for the owner entity. */
    async codes(): Promise<Set<string>> {
      const nodes = await client.absenceCodes.all({ pageSize: 1_000 });
      return new Set(
        nodes.filter((n) => n.ownerDbId === null || n.ownerDbId === undefined || n.ownerDbId === ownerDbId).flatMap((n) => (n.code ? [n.code] : [])),
      );
    },

    /** Absences starting in the period: one request per page of up to 10,000 nodes. */
    async startingIn(period: AbsencePeriod): Promise<XledgerAbsence[]> {
      const out: XledgerAbsence[] = [];
      for await (const page of client.absences.pages({ pageSize: 10_000, filter: { fromDate_gte: period.from, fromDate_lt: dayAfter(period.to) } })) {
        for (const node of page.nodes) if (node.ownerDbId === ownerDbId || node.ownerDbId == null) out.push(toXledgerAbsence(node));
      }
      return out;
    },

    /** Absences of some dbIds (what a retried write checks: are they still there). */
    async byDbIds(dbIds: readonly number[]): Promise<XledgerAbsence[]> {
      if (dbIds.length === 0) return [];
      const nodes = await client.absences.all({ pageSize: 10_000, filter: { dbId_in: [...dbIds] } });
      return nodes.map(toXledgerAbsence);
    },

    /** Creates absences (≤ 500 per request); clientId is the HR absence id. */
    add: (inputs: ReadonlyArray<{ clientId: string; node: AddAbsenceNode }>) => client.absences.add(inputs),
    update: (inputs: ReadonlyArray<{ clientId: string; node: UpdateAbsenceNode }>) => client.absences.update(inputs),
    /** Removes absences by dbId; those Xledger no longer has come back as skipped. */
    remove: (dbIds: readonly number[]) => client.absences.remove(dbIds),
  };
}

export type AbsenceApi = ReturnType<typeof createAbsenceApi>;
