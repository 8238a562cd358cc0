import { cleanValue, oneLine } from './clean-text';
import { escapeHtml } from './escape-html';
import { htmlDocument, htmlTable } from './html-layout';
import { formatOsloDate, formatOsloDateTime } from './oslo-time';
import type { RenderedEmail } from './rendered-email';

/** The invoice export's daily digest: the last 24 hours of one connection, with no more than the failure email shows. */
export interface InvoiceDigestEmailInput {
  connectionName: string;
  /** ISO 8601 instants of the window. */
  from: string;
  to: string;
  exported: { documents: number; xledgerIds: number };
  failed: { total: number; listed: Array<{ number: string; reason: string }> };
  pending: number;
  /** Runs started in the window, by status (OK, PARTIAL, FAILED …). */
  runs: Record<string, number>;
}

export function renderInvoiceDigestEmail(input: InvoiceDigestEmailInput): RenderedEmail {
  const connection = oneLine(input.connectionName);
  const subject = `[DIGEST] ${connection} – invoice export ${formatOsloDate(input.to)}`;
  const runTotal = Object.values(input.runs).reduce((a, b) => a + b, 0);
  const runsByStatus = Object.entries(input.runs)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${n} ${oneLine(status)}`)
    .join(', ');
  const headline = `The invoice export of ${connection}, ${formatOsloDateTime(input.from)} – ${formatOsloDateTime(input.to)}.`;
  const counts: Array<[string, string]> = [
    ['Documents exported to Xledger', String(input.exported.documents)],
    ['Xledger ids recorded for them', String(input.exported.xledgerIds)],
    ['Documents failed', String(input.failed.total)],
    ['Documents still pending', String(input.pending)],
    ['Runs', runTotal ? `${runTotal} (${runsByStatus})` : '0'],
  ];
  const rows = input.failed.listed.map((f) => [cleanValue(f.number), cleanValue(f.reason)]);
  const more = input.failed.total - rows.length;
  const moreLine = `… and ${more} more — see xsync invoices list --status failed`;

  const width = Math.max(...counts.map(([l]) => l.length)) + 2;
  const text: string[] = [headline, '', ...counts.map(([l, v]) => `${`${l}:`.padEnd(width)}${v}`)];
  if (rows.length) {
    text.push('', `Failures (${input.failed.total})`, ...rows.map(([no, reason]) => `  - ${no}: ${reason}`));
    if (more > 0) text.push(`  ${moreLine}`);
  }

  const html = [`<p style="font-size:16px"><strong>${escapeHtml(headline)}</strong></p>`, htmlTable(undefined, counts)];
  if (rows.length) {
    html.push(`<h3 style="margin:16px 0 4px">Failures (${input.failed.total})</h3>`, htmlTable(['Document no.', 'Reason'], rows));
    if (more > 0) html.push(`<p>${escapeHtml(moreLine)}</p>`);
  }
  return { subject, text: text.join('\n') + '\n', html: htmlDocument(subject, html.join('\n')) };
}
