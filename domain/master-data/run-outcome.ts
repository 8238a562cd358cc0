import type { CountLabels, RunStatus } from '../shared/run-types';
import type { MirrorPart } from './catalog';
import { addPartCounts, emptyPartCounts, type PartCounts } from './record';

export const MASTER_DATA_COUNT_LABELS: CountLabels = [
  ['added', 'added'],
  ['updated', 'updated'],
  ['deleted', 'marked deleted'],
  ['unchanged', 'unchanged'],
  ['failedParts', 'parts failed'],
];

export interface PartResult {
  part: MirrorPart;
  status: 'OK' | 'FAILED';
  mode: 'full' | 'modified-since' | 'deltas';
  counts: PartCounts;
  error?: string;
}

export function masterDataCounts(results: readonly PartResult[]): Record<string, number> {
  const total = emptyPartCounts();
  for (const r of results) addPartCounts(total, r.counts);
  return { ...total, failedParts: results.filter((r) => r.status === 'FAILED').length };
}

/** OK when every part read, FAILED when none did, PARTIAL in between. */
export function masterDataStatus(results: readonly PartResult[]): RunStatus {
  const failed = results.filter((r) => r.status === 'FAILED').length;
  if (failed === 0) return 'OK';
  return failed === results.length ? 'FAILED' : 'PARTIAL';
}
