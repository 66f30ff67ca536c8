import type { CaseReportData } from './case-report-data';
import { caseReportHtml, escapeHtml } from './report-html';

const base: CaseReportData = {
  caseId: '7', caseName: 'Case', description: '', status: 'OPEN', customerCode: 'acme', customerName: 'Acme', assignee: '', escalated: 'no', source: '',
  createdAt: '2025-01-01T00:00:00.000Z', closedAt: '', generatedAt: '2025-01-02T00:00:00.000Z', alertCount: '0', alerts: [], tasks: [], comments: [], files: [], timeline: [],
};

describe('caseReportHtml', () => {
  it('escapes every value, so case text can never become markup, script or a remote load', () => {
    const evil = `<script>alert(1)</script><img src="http://evil.example/x.png" onerror='x()'>&`;
    const html = caseReportHtml({
      ...base, caseName: evil, description: evil, comments: [{ author: evil, at: '', body: evil }], files: [{ name: evil, size: '1', sha256: 'a', uploadedBy: 'u', uploadedAt: '' }],
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/(src|href)="/);
    expect(html).toContain(escapeHtml(evil));
    expect(escapeHtml(evil)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&quot;http://evil.example/x.png&quot; onerror=&#39;x()&#39;&gt;&amp;');
  });

  it('forbids every load through its own content security policy', () => {
    expect(caseReportHtml(base)).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });
});
