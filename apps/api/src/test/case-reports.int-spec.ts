import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Case, CASE_FILES_BUCKET } from '@copilot/api-incidents';
import { OBJECT_STORAGE, type ObjectStorage } from '@copilot/api-core';
import { TestApp } from '../testing/harness';
import { createAlert } from './alert-helpers';
import { CASES, createCase } from './case-helpers';
import { getBytes, postMultipart, uploadFile } from './case-file-helpers';
import { expectProblem, unique } from './helpers';
import { docxTemplate, docxText, parseCsv, pdfText } from './report-helpers';

jest.setTimeout(120_000);

const TEMPLATES = '/api/incidents/case-report-templates';
const TEMPLATES_BUCKET = 'copilot-case-report-templates';

describe('case reports: DOCX templates and rendering, PDF, monthly CSV (integration)', () => {
  let t: TestApp;
  let admin: string;
  let storage: ObjectStorage;
  let codeA: string;
  let codeB: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    storage = t.app.get<ObjectStorage>(OBJECT_STORAGE);
    codeA = (await t.createCustomer(admin, unique('rpa'))).customerCode;
    codeB = (await t.createCustomer(admin, unique('rpb'))).customerCode;
  });
  afterAll(() => t.close());

  const templateNames = async () => (await t.request<{ items: { name: string }[] }>('GET', TEMPLATES, { token: admin })).body.items.map((i) => i.name);
  const uploadTemplate = (filename: string, data: Buffer, token = admin) => postMultipart<{ name: string; size: number; sha256: string }>(t, TEMPLATES, token, [{ filename, data }]);
  const render = (caseId: number, body: unknown, token = admin) => t.request('POST', `${CASES}/${caseId}/report/docx`, { token, body });
  const renderBytes = async (caseId: number, template: string) => {
    const res = await t.app.inject({ method: 'POST', url: `${CASES}/${caseId}/report/docx`, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, payload: JSON.stringify({ template }) });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
  };

  it('uploads, lists and deletes templates; a bad name, a broken template or a duplicate is a 4xx that stores nothing', async () => {
    const good = docxTemplate(['Case {caseName}']);
    const up = await uploadTemplate('incident report.docx', good);
    expect(up.status).toBe(201);
    expect(up.body).toEqual(expect.objectContaining({ name: 'incident report.docx', size: good.length }));
    expectProblem(await uploadTemplate('incident report.docx', good), 409, 'file');
    expectProblem(await uploadTemplate('../escape.docx', good), 400, 'file');
    expectProblem(await uploadTemplate('notes.txt', good), 400, 'file');
    expect(expectProblem(await uploadTemplate('broken.docx', docxTemplate(['Hello {unclosed'])), 400, 'file').detail).toMatch(/unclosed/);
    expectProblem(await uploadTemplate('garbage.docx', Buffer.from('not a zip at all')), 400, 'file');
    expect(await templateNames()).toEqual(['incident report.docx']);

    expect((await t.request('DELETE', `${TEMPLATES}/${encodeURIComponent('incident report.docx')}`, { token: admin })).status).toBe(204);
    expectProblem(await t.request('DELETE', `${TEMPLATES}/${encodeURIComponent('incident report.docx')}`, { token: admin }), 404);
    expectProblem(await t.request('DELETE', `${TEMPLATES}/${encodeURIComponent('..docx')}`, { token: admin }), 400, 'name');
    expect(await templateNames()).toEqual([]);
  });

  it('renders a case into a DOCX template: plain tags and loops filled, expressions left unevaluated', async () => {
    const alert = await createAlert(t, admin, codeA, { title: unique('Beacon '), severity: 'High' });
    const kase = await createCase(t, admin, codeA, { name: 'Ransomware at HQ & <Branch>' });
    expect((await t.request('POST', `${CASES}/${kase.id}/alerts`, { token: admin, body: { alertIds: [alert.id] } })).status).toBeLessThan(300);
    const file = await uploadFile(t, admin, kase.id, 'memdump.raw', 'bytes');
    const template = docxTemplate([
      'Case {caseId}: {caseName}', 'Customer {customerCode}, status {status}', '{#alerts}Alert {title} ({severity}){/alerts}', '{#files}File {name} {sha256}{/files}',
      'Expr[{caseName | upper}{1+1}{constructor}{__proto__}]',
    ]);
    expect((await uploadTemplate('full.docx', template)).status).toBe(201);
    const res = await renderBytes(kase.id, 'full.docx');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="case-${kase.id}-report.docx"`);
    expect(docxText(res.bytes).split('\n').filter(Boolean)).toEqual([
      `Case ${kase.id}: Ransomware at HQ & <Branch>`, `Customer ${codeA}, status OPEN`, `Alert ${alert.title} (High)`, `File memdump.raw ${file.sha256}`, 'Expr[]',
    ]);
  });

  it('answers 400 naming the template for one that throws while rendering, an unknown one and a missing one', async () => {
    const kase = await createCase(t, admin, codeA);
    // Placed in the bucket directly, as an operator could: upload would have refused it.
    await storage.put(TEMPLATES_BUCKET, 'planted.docx', docxTemplate(['{#alerts}never closed']));
    const thrown = expectProblem(await render(kase.id, { template: 'planted.docx' }), 400, 'template');
    expect(thrown.detail).toMatch(/planted\.docx.*alerts/);
    expectProblem(await render(kase.id, { template: 'nope.docx' }), 400, 'template');
    expectProblem(await render(kase.id, { template: '../../etc/passwd' }), 400, 'template');
    expectProblem(await render(kase.id, {}), 400, 'template');
  });

  it('renders a PDF through Chromium: the case\'s values as text, markup shown literally, nothing fetched', async () => {
    let fetched = 0;
    const beacon = createServer((_req, res) => {
      fetched++;
      res.end('x');
    });
    await new Promise<void>((resolve) => beacon.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(beacon.address() as AddressInfo).port}/x.png`;
    const kase = await createCase(t, admin, codeA, { name: '<b>Exfil</b> & "Co"', description: `Seen <img src="${url}"> beaconing` });
    await uploadFile(t, admin, kase.id, 'pcap-2025.pcap', 'pcap');
    const res = await t.app.inject({ method: 'POST', url: `${CASES}/${kase.id}/report/pdf`, headers: { authorization: `Bearer ${admin}` } });
    await new Promise((resolve) => beacon.close(resolve));
    expect(fetched).toBe(0);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(res.rawPayload);
    expect(text).toContain(`Case ${kase.id}: <b>Exfil</b> & "Co"`);
    expect(text).toContain(`Seen <img src="${url}"> beaconing`);
    expect(text).toContain('pcap-2025.pcap');
  });

  it('keeps reports to admins and analysts (customer user 403) and to the caller\'s customers (404)', async () => {
    const cu = await t.createUser(admin, unique('rcu'), 'customer_user', [codeA]);
    const limited = await t.createUser(admin, unique('rla'), 'analyst', [codeA]);
    const [own, theirs] = [await createCase(t, admin, codeA), await createCase(t, admin, codeB)];
    expectProblem(await render(own.id, { template: 'full.docx' }, cu.token), 403);
    expectProblem(await t.request('POST', `${CASES}/${own.id}/report/pdf`, { token: cu.token }), 403);
    expectProblem(await t.request('GET', `${CASES}/report.csv?from=2025-01&to=2025-01`, { token: cu.token }), 403);
    expectProblem(await t.request('GET', TEMPLATES, { token: cu.token }), 403);
    expectProblem(await render(theirs.id, { template: 'full.docx' }, limited.token), 404);
    expectProblem(await t.request('POST', `${CASES}/${theirs.id}/report/pdf`, { token: limited.token }), 404);
    expect((await getBytes(t, `${CASES}/${own.id}/files`, cu.token)).status).toBe(200);
  });

  it('exports the cases created in a month range for the customers asked, formula cells neutralised, RFC 4180 quoted', async () => {
    const codeC = (await t.createCustomer(admin, unique('rpc'))).customerCode;
    // Written directly: the api trims names (so a leading tab or CR could not arrive), and stamps createdAt itself.
    const at = async (customerCode: string, name: string, createdAt: string) => {
      const c = await createCase(t, admin, customerCode);
      await t.db.getRepository(Case).update({ id: c.id }, { name, createdAt: new Date(createdAt) });
      return c.id;
    };
    await at(codeA, 'January, last ms', '2031-01-31T23:59:59.999Z');
    const feb1 = await at(codeA, '=HYPERLINK("http://evil.example","x")', '2031-02-01T00:00:00.000Z');
    const feb2 = await at(codeB, '+1+2', '2031-02-10T08:00:00.000Z');
    const mar1 = await at(codeA, '-3', '2031-03-05T00:00:00.000Z');
    const mar2 = await at(codeB, '@SUM(A1)', '2031-03-31T23:59:59.999Z');
    const mar3 = await at(codeA, '\tTab\r\nand "CR"', '2031-03-20T00:00:00.000Z');
    const mar4 = await at(codeA, '\rStarts with CR', '2031-03-21T00:00:00.000Z');
    await at(codeC, 'Other customer', '2031-02-15T00:00:00.000Z');
    await at(codeA, 'April', '2031-04-01T00:00:00.000Z');

    const res = await t.request('GET', `${CASES}/report.csv?from=2031-02&to=2031-03&customerCode=${codeA}&customerCode=${codeB}`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="cases-2031-02-to-2031-03.csv"');
    expect(res.text).toContain(`${feb1},"'=HYPERLINK(""http://evil.example"",""x"")",OPEN,${codeA},`);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(['id', 'name', 'status', 'customerCode', 'assignee', 'escalated', 'source', 'alerts', 'createdAt', 'closedAt']);
    expect(rows.slice(1).map((r) => [Number(r[0]), r[1], r[3], r[8]])).toEqual([
      [feb1, '\'=HYPERLINK("http://evil.example","x")', codeA, '2031-02-01T00:00:00.000Z'],
      [feb2, "'+1+2", codeB, '2031-02-10T08:00:00.000Z'],
      [mar1, "'-3", codeA, '2031-03-05T00:00:00.000Z'],
      [mar3, '\'\tTab\r\nand "CR"', codeA, '2031-03-20T00:00:00.000Z'],
      [mar4, "'\rStarts with CR", codeA, '2031-03-21T00:00:00.000Z'],
      [mar2, "'@SUM(A1)", codeB, '2031-03-31T23:59:59.999Z'],
    ]);
    const comma = await t.request('GET', `${CASES}/report.csv?from=2031-02&to=2031-03&customerCode=${codeA},${codeB}`, { token: admin });
    expect(comma.text).toBe(res.text);

    const limited = await t.createUser(admin, unique('rcl'), 'analyst', [codeA]);
    const own = parseCsv((await t.request('GET', `${CASES}/report.csv?from=2031-02&to=2031-03`, { token: limited.token })).text);
    expect(own.slice(1).map((r) => Number(r[0]))).toEqual([feb1, mar1, mar3, mar4]);
    expectProblem(await t.request('GET', `${CASES}/report.csv?from=2031-02&to=2031-03&customerCode=${codeB}`, { token: limited.token }), 400, 'customerCode');
    expectProblem(await t.request('GET', `${CASES}/report.csv?from=2031-03&to=2031-02`, { token: admin }), 400, 'to');
    expectProblem(await t.request('GET', `${CASES}/report.csv?from=2031-13&to=2031-02`, { token: admin }), 400, 'from');
    expectProblem(await t.request('GET', `${CASES}/report.csv?from=2031-01`, { token: admin }), 400, 'to');
  });

  it('keeps case evidence and templates in their own buckets', async () => {
    expect(CASE_FILES_BUCKET).toBe('copilot-cases');
    expect(await storage.stat(TEMPLATES_BUCKET, 'full.docx')).not.toBeNull();
  });
});
