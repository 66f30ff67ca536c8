import type { CaseReportData } from './case-report-data';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value from the database goes through here: case text is shown, never interpreted as markup. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Nothing may load: the page is rendered offline with JavaScript off, and this policy also forbids
 * scripts, frames, fonts and remote images, so the report is exactly the HTML below.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
  body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10pt; color: #111; margin: 0; }
  h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 12pt; margin: 16pt 0 4pt; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 3pt 4pt; text-align: left; vertical-align: top; }
  th { background: #eee; } .meta td:first-child { width: 28%; font-weight: bold; } .pre { white-space: pre-wrap; word-break: break-word; }
  .mono { font-family: 'Liberation Mono', monospace; font-size: 8pt; word-break: break-all; } .empty { color: #666; font-style: italic; }`;

function table<T>(rows: readonly T[], headers: readonly string[], cells: (row: T) => readonly string[], classes: readonly string[] = []): string {
  if (rows.length === 0) return '<p class="empty">None.</p>';
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${cells(r).map((c, i) => `<td class="${classes[i] ?? ''}">${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table>${head}${body}</table>`;
}

export function caseReportHtml(d: CaseReportData): string {
  const meta: [string, string][] = [
    ['Customer', d.customerName ? `${d.customerName} (${d.customerCode})` : d.customerCode], ['Status', d.status], ['Assignee', d.assignee || '—'],
    ['Escalated', d.escalated], ['Source', d.source || '—'], ['Created', d.createdAt], ['Closed', d.closedAt || '—'], ['Linked alerts', d.alertCount],
    ['Generated', d.generatedAt],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${escapeHtml(`Case ${d.caseId}: ${d.caseName}`)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(`Case ${d.caseId}: ${d.caseName}`)}</h1>
<table class="meta">${meta.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<h2>Description</h2>${d.description ? `<p class="pre">${escapeHtml(d.description)}</p>` : '<p class="empty">None.</p>'}
<h2>Alerts</h2>${table(d.alerts, ['Id', 'Title', 'Severity', 'Status', 'Source', 'Linked'], (a) => [a.id, a.title, a.severity, a.status, a.source, a.linkedAt])}
<h2>Tasks</h2>${table(d.tasks, ['Task', 'Status', 'Mandatory', 'Description'], (t) => [t.title, t.status, t.mandatory, t.description], ['', '', '', 'pre'])}
<h2>Comments</h2>${table(d.comments, ['Author', 'When', 'Comment'], (c) => [c.author, c.at, c.body], ['', '', 'pre'])}
<h2>Evidence files</h2>${table(d.files, ['Name', 'Bytes', 'SHA-256', 'Uploaded by', 'Uploaded'], (f) => [f.name, f.size, f.sha256, f.uploadedBy, f.uploadedAt], ['', '', 'mono'])}
<h2>Timeline</h2>${table(d.timeline, ['When', 'Who', 'What', 'From', 'To'], (e) => [e.at, e.actor, e.kind, e.from, e.to], ['', '', '', 'pre', 'pre'])}
</body></html>`;
}
