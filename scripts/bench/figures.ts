import type { Stats } from '../../xledger/fake/types';
import type { RunResult } from '../../workflows/employees/types';
import type { BaselineResult, MutationKind } from './baseline';
import type { FaultFigures } from './faults';
import type { HistoryFigures } from './history';

import { MAX_BULK_NODES, MAX_PAGE_SIZE } from '../../domain/shared/xledger-limits';

export const XLEDGER_PAGE_SIZE = MAX_PAGE_SIZE;
export const NODES_PER_WRITE = MAX_BULK_NODES;
export const MUTATION_KINDS: readonly MutationKind[] = ['addEmployees', 'updateEmployees', 'updateContacts', 'updateSubledgers'];

export const TARGETS = {
  requestsRatio: 1.1,
  timeRatio: 2,
  historyEvents: 2_000,
  payloadBytes: 256 * 1024,
  workerRssBytes: 512 * 1024 * 1024,
} as const;

export interface RequestFigures {
  total: number;
  reads: number;
  writes: number;
  byOperation: Record<string, number>;
  byRootField: Record<string, number>;
  mutationNodes: Record<string, number>;
  writtenNodes: number;
  throttled: number;
  errors: number;
}

export interface MinimumRequests {
  /** max(1, ceil(Xledger employees of the owner at the start / 10,000)) */
  pages: number;
  /** ceil(nodes / 500) per mutation kind the work needs */
  writes: Partial<Record<MutationKind, number>>;
  nodes: Partial<Record<MutationKind, number>>;
  total: number;
}

export interface Check {
  scenario: string;
  name: string;
  target: string;
  actual: string;
  ok: boolean;
}

export interface ScenarioFigures {
  name: string;
  description: string;
  hrChanged: number;
  xledgerEmployeesAtStart: number;
  durable: {
    workflowId: string;
    wallMs: number;
    result: RunResult;
    requests: RequestFigures;
    history: HistoryFigures;
    workerPeakRssBytes: number;
  };
  baseline: {
    wallMs: number;
    phasesMs: BaselineResult['phasesMs'];
    creates: number;
    updates: number;
    requests: RequestFigures;
    processRssBytes: number;
  };
  minimum: MinimumRequests;
  requestsRatio: number;
  baselineRequestsRatio: number;
  networkFloorMs: number;
  timeRatio: number;
  samePlan: boolean;
  checks: Check[];
  /** Only with a fault flag: what was injected, the retries it caused and the final-state check. */
  faults?: FaultFigures;
}

export function requestFigures(stats: Stats): RequestFigures {
  const s = structuredClone(stats);
  const mutationRoots = new Set([...MUTATION_KINDS, ...Object.keys(s.mutationNodes)]);
  let writes = 0;
  for (const [field, n] of Object.entries(s.byRootField)) if (mutationRoots.has(field)) writes += n;
  return {
    total: s.requests,
    reads: s.requests - writes,
    writes,
    byOperation: s.byOperation,
    byRootField: s.byRootField,
    mutationNodes: s.mutationNodes,
    writtenNodes: s.writtenNodes,
    throttled: Object.values(s.throttled).reduce((a, b) => a + b, 0),
    errors: s.graphqlErrors + s.http5xx + s.authFailures,
  };
}

/**
 * The fewest requests that can do a scenario's work: read every page of the owner's Xledger employees once
 * (at least one request, even when there are none), and send each needed node once, 500 to a mutation,
 * per mutation kind the work needs. The nodes needed per kind are those the plain baseline sent: it plans
 * with the same domain code and sends every node exactly once.
 */
export function minimumRequests(xledgerEmployeesAtStart: number, nodes: Record<MutationKind, number>): MinimumRequests {
  const pages = Math.max(1, Math.ceil(xledgerEmployeesAtStart / XLEDGER_PAGE_SIZE));
  const writes: Partial<Record<MutationKind, number>> = {};
  const needed: Partial<Record<MutationKind, number>> = {};
  for (const kind of MUTATION_KINDS) {
    if (nodes[kind] > 0) {
      needed[kind] = nodes[kind];
      writes[kind] = Math.ceil(nodes[kind] / NODES_PER_WRITE);
    }
  }
  const total = pages + Object.values(writes).reduce((a, b) => a + b, 0);
  return { pages, writes, nodes: needed, total };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);
export const secs = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
export const ratio = (r: number) => (Number.isFinite(r) ? r.toFixed(2) : '∞');
