import type { RunResultEmailInput } from '../../mail';
import { EMPLOYEE_COUNT_LABELS } from '../../domain/employees/run-outcome';

export function runResultInput(overrides: Partial<RunResultEmailInput> = {}): RunResultEmailInput {
  return {
    connectionName: 'Acme AS',
    runId: 'employee-sync-acme-20250612-0600',
    runKind: 'employees',
    trigger: 'schedule',
    dryRun: false,
    status: 'OK',
    startedAt: '2025-06-12T04:00:00.000Z',
    finishedAt: '2025-06-12T04:03:25.000Z',
    counts: { created: 2, updated: 5, unchanged: 120, skipped: 0, failed: 0, invalid: 0, locked: 1, createdInHr: 0, updatedInHr: 3 },
    countLabels: EMPLOYEE_COUNT_LABELS,
    failures: [],
    skipped: [],
    uiUrl: 'http://127.0.0.1:8233/namespaces/xledger-sync/workflows/employee-sync-acme-20250612-0600',
    ...overrides,
  };
}

/** The names of all HTML tags in `html`, lower-cased. */
export function tagNames(html: string): Set<string> {
  return new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
}

export const allowedTags = new Set([
  'html',
  'head',
  'meta',
  'title',
  'body',
  'p',
  'strong',
  'h3',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'bdi',
  'a',
  'pre',
]);
