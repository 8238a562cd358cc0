import { oneLine } from './clean-text';
import { escapeHtml } from './escape-html';
import { htmlDocument, htmlLink, htmlTable } from './html-layout';
import { formatOsloDateTime } from './oslo-time';
import type { RenderedEmail } from './rendered-email';

export type DecisionTimeoutPolicy = 'skip-undecided' | 'cancel';

export interface DecisionReminderEmailInput {
  connectionName: string;
  runId: string;
  pendingCount: number;
  /** ISO 8601 instants. */
  waitingSince: string;
  decideBy: string;
  /** What the run does at `decideBy` if decisions are still missing. */
  timeoutPolicy: DecisionTimeoutPolicy;
  uiUrl: string;
  /** The command that runs the admin CLI on the recipient's side; default 'xsync'. */
  cliHint?: string;
}

const deadlineOutcome: Record<DecisionTimeoutPolicy, string> = {
  'skip-undecided': 'the run goes on without them: undecided items are skipped (nothing is written for them) and everything already decided is applied.',
  cancel: 'the whole run is cancelled and nothing from it is written.',
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function renderDecisionReminderEmail(input: DecisionReminderEmailInput): RenderedEmail {
  const connection = oneLine(input.connectionName);
  const runId = oneLine(input.runId);
  const n = Number.isFinite(input.pendingCount) ? input.pendingCount : 0;
  const waiting = plural(n, 'decision', 'decisions');
  const subject = `[ACTION NEEDED] ${connection} – ${waiting} waiting`;
  const cli = oneLine(input.cliHint) || 'xsync';
  const listCommand = `${cli} sync decisions ${runId}`;
  const decideCommand = `${cli} sync decide ${runId} ...`;
  const deadline = formatOsloDateTime(oneLine(input.decideBy));
  const outcome = deadlineOutcome[input.timeoutPolicy] ?? `the run applies its timeout policy (${oneLine(input.timeoutPolicy)}).`;
  const uiUrl = oneLine(input.uiUrl);

  const intro = `The sync run ${runId} for ${connection} is waiting for an admin: ${waiting} ${n === 1 ? 'needs' : 'need'} your choice (conflicts between HR and Xledger, or employees to create).`;
  const facts: Array<[string, string]> = [
    ['Waiting since', formatOsloDateTime(oneLine(input.waitingSince))],
    ['Decide by', deadline],
  ];
  const atDeadline = `If nothing is decided by ${deadline}, ${outcome}`;
  const how = 'To see what waits and decide, run:';
  const decideHelp = `(\`${cli} sync decide --help\` lists the choices.)`;

  const text = [
    intro,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    atDeadline,
    '',
    how,
    `  ${listCommand}`,
    `  ${decideCommand}`,
    decideHelp,
    '',
    `The run in Temporal UI: ${uiUrl}`,
    '',
  ].join('\n');

  const html = htmlDocument(
    subject,
    [
      `<p>${escapeHtml(intro)}</p>`,
      htmlTable(undefined, facts),
      `<p><strong>${escapeHtml(atDeadline)}</strong></p>`,
      `<p>${escapeHtml(how)}</p>`,
      `<pre style="background:#f3f3f3;padding:8px">${escapeHtml(listCommand)}\n${escapeHtml(decideCommand)}</pre>`,
      `<p>${escapeHtml(decideHelp)}</p>`,
      `<p>${htmlLink(uiUrl, 'Open the run in Temporal UI')}</p>`,
    ].join('\n'),
  );

  return { subject, text, html };
}
