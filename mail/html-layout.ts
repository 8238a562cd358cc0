import { escapeHtml } from './escape-html';

/** Only http(s) URLs become links; anything else (javascript:, data:, garbage) is shown as text. */
export function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A link to `url`, or the escaped URL as plain text when it is not http(s). `label` is escaped here. */
export function htmlLink(url: string, label: string): string {
  if (!isHttpUrl(url)) return escapeHtml(url);
  return `<a href="${escapeHtml(url)}" style="color:#0b5cad">${escapeHtml(label)}</a>`;
}

/** A minimal, mail-client-friendly document around already escaped `bodyHtml`. `title` is escaped here. */
export function htmlDocument(title: string, bodyHtml: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1a1a1a;line-height:1.4">',
    bodyHtml,
    '</body>',
    '</html>',
  ].join('\n');
}

export const cellStyle = 'padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top';

/** An HTML table; header and cell values are plain text and get escaped; cells are isolated for RTL text. */
export function htmlTable(header: readonly string[] | undefined, rows: readonly (readonly string[])[]): string {
  const head = header ? `<thead><tr>${header.map((h) => `<th style="${cellStyle}">${escapeHtml(h)}</th>`).join('')}</tr></thead>` : '';
  const body = rows.map((row) => `<tr>${row.map((c) => `<td style="${cellStyle}"><bdi>${escapeHtml(c)}</bdi></td>`).join('')}</tr>`).join('\n');
  return `<table style="border-collapse:collapse;margin:8px 0">${head}<tbody>\n${body}\n</tbody></table>`;
}
