import { cleanValue, oneLine } from './clean-text';
import { escapeHtml } from './escape-html';
import { htmlDocument, htmlLink, htmlTable } from './html-layout';
import { formatDuration, formatOsloDate, formatOsloDateTime } from './oslo-time';
import type { RenderedEmail } from './rendered-email';
import type { CountLabels, ItemWords, RunCounts, RunStatus as SharedRunStatus, RunTrigger } from '../domain/shared/run-types';

/** The statuses a result email is sent for (a dry run reads as OK with a dry-run note; refused runs send none). */
export type RunStatus = Extract<SharedRunStatus, 'OK' | 'PARTIAL' | 'FAILED' | 'CANCELLED'>;
export type { ItemWords, RunCounts, RunTrigger } from '../domain/shared/run-types';

export interface RunFailure {
  employeeNumber: string;
  name?: string;
  field?: string;
  reason: string;
}

export interface RunSkip {
  employeeNumber: string;
  name?: string;
  reason: string;
}

export interface RunResultEmailInput {
  connectionName: string;
  runId: string;
  runKind: string;
  trigger: RunTrigger;
  dryRun: boolean;
  status: RunStatus;
  /** ISO 8601 instants. */
  startedAt: string;
  finishedAt: string;
  counts: RunCounts;
  /** Which counts the run's kind has, and how they read (its registry row's labels), in order. */
  countLabels: CountLabels;
  /** May hold only the first entries: the "N more" line counts from max(list length, counts.failed). */
  failures: RunFailure[];
  /** Likewise, against skippedTotal (default counts.skipped). */
  skipped: RunSkip[];
  /** How many entries the skipped list stands for, where a kind lists more than counts.skipped (e.g. refused and kept absences). */
  skippedTotal?: number;
  /** Link to the run in Temporal UI. */
  uiUrl: string;
  /** How many failures and skipped entries are listed at most; default 50. */
  maxListed?: number;
  /** Lines the kind adds under the counts (e.g. where the absence run's import file is). */
  notes?: string[];
  /** What the kind's items are called (its registry row's `itemWords`); employees when not given. */
  itemWords?: ItemWords;
  /** How an employee run read: full or incremental, and why. */
  read?: { mode: string; why: string };
}

export const EMPLOYEE_ITEM_WORDS: ItemWords = { plural: 'employees', keyColumn: 'Employee no.' };

export const DEFAULT_MAX_LISTED = 50;

function statusSentence(status: RunStatus, items: ItemWords): string | undefined {
  const sentences: Record<RunStatus, string> = {
    OK: 'finished without failures',
    PARTIAL: `finished, but some ${oneLine(items.plural)} failed`,
    FAILED: 'failed',
    CANCELLED: 'was cancelled',
  };
  return sentences[status];
}

const triggerLabel: Record<RunTrigger, string> = {
  manual: 'manual',
  schedule: 'schedule',
  realtime: 'real-time (HR change)',
};

/** 'employee-sync' → 'employee sync'; the kinds' ids read as their names. */
export function runKindLabel(runKind: string): string {
  if (runKind === 'employees') return 'employee sync';
  if (runKind === 'absences') return 'absence sync';
  return oneLine(runKind).replace(/[-_]+/g, ' ').trim() || 'sync';
}

function listLimit(maxListed: number | undefined): number {
  return maxListed !== undefined && Number.isFinite(maxListed) && maxListed >= 0 ? Math.floor(maxListed) : DEFAULT_MAX_LISTED;
}

function count(n: unknown): string {
  return typeof n === 'number' && Number.isFinite(n) ? String(n) : '0';
}

function moreLine(more: number): string {
  return `… and ${more} more — see the run in Temporal UI`;
}

interface Listing<T> {
  shown: T[];
  total: number;
  more: number;
}

function listing<T>(items: readonly T[], countedTotal: number, limit: number): Listing<T> {
  const total = Math.max(items.length, Number.isFinite(countedTotal) ? countedTotal : 0);
  const shown = items.slice(0, limit);
  return { shown, total, more: total - shown.length };
}

export function renderRunResultSubject(input: RunResultEmailInput): string {
  const prefix = input.dryRun ? '[DRY RUN] ' : '';
  return `${prefix}[${oneLine(input.status)}] ${oneLine(input.connectionName)} – ${runKindLabel(input.runKind)} ${formatOsloDate(input.startedAt)}`;
}

export function renderRunResultEmail(input: RunResultEmailInput): RenderedEmail {
  const subject = renderRunResultSubject(input);
  const connection = oneLine(input.connectionName);
  const kind = runKindLabel(input.runKind);
  const limit = listLimit(input.maxListed);
  const failures = listing(input.failures, input.counts.failed, limit);
  const skipped = listing(input.skipped, input.skippedTotal ?? input.counts.skipped, limit);
  const failureRows = failures.shown.map((f) => [f.employeeNumber, f.name, f.field, f.reason].map(cleanValue));
  const skippedRows = skipped.shown.map((s) => [s.employeeNumber, s.name, s.reason].map(cleanValue));

  const items = input.itemWords ?? EMPLOYEE_ITEM_WORDS;
  const headline = `${oneLine(input.status)}: the ${kind} of ${connection} ${statusSentence(input.status, items) ?? oneLine(input.status)}.`;
  const dryRunNote = 'Dry run: nothing was written; the counts show what a real run would do.';
  const facts: Array<[string, string]> = [
    ['Connection', connection],
    ['Run', oneLine(input.runId)],
    ['Trigger', triggerLabel[input.trigger] ?? oneLine(input.trigger)],
    ...(input.read ? [['Read', `${oneLine(input.read.mode)}: ${oneLine(input.read.why)}`] as [string, string]] : []),
    ['Started', formatOsloDateTime(oneLine(input.startedAt))],
    ['Finished', formatOsloDateTime(oneLine(input.finishedAt))],
    ['Duration', formatDuration(input.startedAt, input.finishedAt) ?? 'unknown'],
  ];
  const counts = input.countLabels.map(([key, label]): [string, string] => [label, count(input.counts[key])]);
  const uiUrl = oneLine(input.uiUrl);

  const text: string[] = [headline];
  if (input.dryRun) text.push(dryRunNote);
  text.push('', ...aligned(facts), '', 'Counts', ...aligned(counts).map((l) => `  ${l}`));
  for (const note of input.notes ?? []) text.push('', oneLine(note));
  if (failureRows.length || failures.more) {
    text.push('', `Failures (${failures.total})`);
    for (const [no, name, field, reason] of failureRows) {
      text.push(`  - ${no}${name ? ` ${name}` : ''}${field ? ` [${field}]` : ''}: ${reason}`);
    }
    if (failures.more > 0) text.push(`  ${moreLine(failures.more)}`);
  }
  if (skippedRows.length || skipped.more) {
    text.push('', `Skipped (${skipped.total})`);
    for (const [no, name, reason] of skippedRows) text.push(`  - ${no}${name ? ` ${name}` : ''}: ${reason}`);
    if (skipped.more > 0) text.push(`  ${moreLine(skipped.more)}`);
  }
  text.push('', `The run in Temporal UI: ${uiUrl}`);

  const html: string[] = [`<p style="font-size:16px"><strong>${escapeHtml(headline)}</strong></p>`];
  if (input.dryRun) html.push(`<p style="background:#fff4ce;padding:6px 8px">${escapeHtml(dryRunNote)}</p>`);
  html.push(htmlTable(undefined, facts));
  html.push('<h3 style="margin:16px 0 4px">Counts</h3>', htmlTable(undefined, counts));
  for (const note of input.notes ?? []) html.push(`<p>${escapeHtml(oneLine(note))}</p>`);
  if (failureRows.length || failures.more) {
    html.push(`<h3 style="margin:16px 0 4px">Failures (${failures.total})</h3>`);
    if (failureRows.length) html.push(htmlTable([items.keyColumn, 'Name', 'Field', 'Reason'], failureRows));
    if (failures.more > 0) html.push(`<p>${escapeHtml(moreLine(failures.more))}</p>`);
  }
  if (skippedRows.length || skipped.more) {
    html.push(`<h3 style="margin:16px 0 4px">Skipped (${skipped.total})</h3>`);
    if (skippedRows.length) html.push(htmlTable([items.keyColumn, 'Name', 'Reason'], skippedRows));
    if (skipped.more > 0) html.push(`<p>${escapeHtml(moreLine(skipped.more))}</p>`);
  }
  html.push(`<p>${htmlLink(uiUrl, 'Open the run in Temporal UI')}</p>`);

  return { subject, text: text.join('\n') + '\n', html: htmlDocument(subject, html.join('\n')) };
}

function aligned(rows: ReadonlyArray<[string, string]>): string[] {
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width + 1)}${value}`);
}
