import { randomBytes } from 'node:crypto';
import { JobRegistry, OBJECT_STORAGE, type ObjectStorage } from '@copilot/api-core';
import { CASE_FILES_BUCKET, CaseEvent, CaseFile, CaseFileFaults, CaseFileReconcileSettings, RECONCILE_CASE_FILES_JOB } from '@copilot/api-incidents';
import { TestApp } from '../testing/harness';
import { CASES, createCase } from './case-helpers';
import { CaseFileBody, filesUrl, getBytes, postMultipart, sha256, uploadFile } from './case-file-helpers';
import { auditRows, expectProblem, PageBody, unique } from './helpers';

jest.setTimeout(120_000);

const MIB = 1024 * 1024;

describe('case files: streamed upload, download, delete, limits, tenancy, crash recovery (integration)', () => {
  let t: TestApp;
  let admin: string;
  let storage: ObjectStorage;
  let codeA: string;
  let codeB: string;

  beforeAll(async () => {
    // A 1 MiB limit keeps the oversize cases small.
    t = await TestApp.start({ MAX_UPLOAD_MB: '1' });
    admin = await t.adminToken();
    storage = t.app.get<ObjectStorage>(OBJECT_STORAGE);
    codeA = (await t.createCustomer(admin, unique('cfa'))).customerCode;
    codeB = (await t.createCustomer(admin, unique('cfb'))).customerCode;
  });
  afterEach(() => {
    t.get(CaseFileFaults).disarm();
    t.get(CaseFileReconcileSettings).graceMs = 60 * 60 * 1000;
  });
  afterAll(() => t.close());

  const objectsOf = async (caseId: number): Promise<string[]> => {
    const keys: string[] = [];
    for await (const o of storage.list(CASE_FILES_BUCKET, `${caseId}/`)) keys.push(o.key);
    return keys.sort();
  };
  const rowsOf = (caseId: number) => t.db.getRepository(CaseFile).find({ where: { caseId }, order: { createdAt: 'ASC' } });
  const list = (caseId: number, token = admin) => t.request<PageBody<CaseFileBody>>('GET', filesUrl(caseId), { token });
  const reconcile = () => t.get(JobRegistry).get(RECONCILE_CASE_FILES_JOB)?.run({ runId: 'test', trigger: 'manual' });

  it('streams a file in and out: sha256 of the bytes, the exact name, attachment + nosniff, a timeline event and an audit row', async () => {
    const kase = await createCase(t, admin, codeA);
    const data = randomBytes(300 * 1024);
    const up = await postMultipart<CaseFileBody>(t, filesUrl(kase.id), admin, [
      // RFC 2231 form, as browsers send names a quoted string cannot carry.
      { encodedName: encodeURIComponent('Café ☕ "report".pdf'), data, contentType: 'application/pdf' },
    ]);
    expect(up.status).toBe(201);
    expect(up.body).toEqual(expect.objectContaining({ caseId: kase.id, name: 'Café ☕ "report".pdf', size: data.length, sha256: sha256(data), contentType: 'application/pdf', uploadedBy: 'admin' }));
    expect(await objectsOf(kase.id)).toEqual([`${kase.id}/${up.body.id}-Caf_ _ _report_.pdf`]);

    expect((await list(kase.id)).body.items.map((f) => f.id)).toEqual([up.body.id]);
    const down = await getBytes(t, `${filesUrl(kase.id)}/${up.body.id}`, admin);
    expect(down.status).toBe(200);
    expect(sha256(down.bytes)).toBe(sha256(data));
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-disposition']).toBe(`attachment; filename="Caf_ _ _report_.pdf"; filename*=UTF-8''Caf%C3%A9%20%E2%98%95%20%22report%22.pdf`);

    const events = await t.db.getRepository(CaseEvent).findBy({ caseId: kase.id, kind: 'FILE_ADDED' });
    expect(events).toEqual([expect.objectContaining({ toValue: 'Café ☕ "report".pdf', actorUsername: 'admin' })]);
    const audit = await auditRows(t, { action: 'POST /api/incidents/cases/:id/files', entityId: String(kase.id) });
    expect(audit[0]).toEqual(expect.objectContaining({ outcome: 'success', statusCode: 201, actorUsername: 'admin' }));
  });

  it('takes a file of exactly the limit and refuses one byte more (413), an empty file (400) and a missing part (400), leaving nothing behind', async () => {
    const kase = await createCase(t, admin, codeA);
    const exact = await uploadFile(t, admin, kase.id, 'exact.bin', randomBytes(MIB));
    expect(exact.size).toBe(MIB);
    expectProblem(await postMultipart(t, filesUrl(kase.id), admin, [{ filename: 'over.bin', data: randomBytes(MIB + 1) }]), 413);
    expectProblem(await postMultipart(t, filesUrl(kase.id), admin, [{ filename: 'much-over.bin', data: randomBytes(3 * MIB) }]), 413);
    expectProblem(await postMultipart(t, filesUrl(kase.id), admin, [{ filename: 'empty.txt', data: '' }]), 400, 'file');
    expectProblem(await postMultipart(t, filesUrl(kase.id), admin, [{ field: 'note', data: 'no file here' }]), 400, 'file');
    expectProblem(await t.request('POST', filesUrl(kase.id), { token: admin, body: { file: 'not multipart' } }), 400, 'file');
    expect((await rowsOf(kase.id)).map((r) => r.name)).toEqual(['exact.bin']);
    expect(await objectsOf(kase.id)).toEqual([exact.id].map((id) => `${kase.id}/${id}-exact.bin`));
  });

  it('lists a case\'s files newest first, page by page', async () => {
    const kase = await createCase(t, admin, codeA);
    const ids = [];
    for (const name of ['one.txt', 'two.txt', 'three.txt']) {
      ids.push((await uploadFile(t, admin, kase.id, name, name)).id);
      // Distinct milliseconds: within one, the keyset falls back to the (random) uuid order.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const first = await t.request<PageBody<CaseFileBody>>('GET', `${filesUrl(kase.id)}?limit=2`, { token: admin });
    expect(first.body.items.map((f) => f.name)).toEqual(['three.txt', 'two.txt']);
    const second = await t.request<PageBody<CaseFileBody>>('GET', `${filesUrl(kase.id)}?limit=2&cursor=${first.body.nextCursor}`, { token: admin });
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0], name: 'one.txt' })], nextCursor: null });
  });

  it.each([
    ['a parent path', { filename: '../../etc/passwd' }],
    ['a Windows path', { filename: '..\\..\\boot.ini' }],
    ['a nested path', { filename: 'sub/dir.txt' }],
    ['a dot-dot name', { filename: '..' }],
    ['a control character', { encodedName: 'bell%07.txt' }],
    ['a line break', { encodedName: 'two%0D%0Alines.txt' }],
    ['no name at all', { encodedName: '' }],
  ])('refuses a file name with %s (400 naming file) rather than renaming it, and stores nothing', async (_label, name) => {
    const kase = await createCase(t, admin, codeA);
    const res = await postMultipart(t, filesUrl(kase.id), admin, [{ ...name, data: 'payload' }]);
    expectProblem(res, 400, 'file');
    expect(await rowsOf(kase.id)).toEqual([]);
    expect(await objectsOf(kase.id)).toEqual([]);
  });

  it('lets a customer user upload and download on its own customer\'s cases only; another customer\'s case is 404; delete is 403', async () => {
    const cu = await t.createUser(admin, unique('cfu'), 'customer_user', [codeA]);
    const limited = await t.createUser(admin, unique('cfl'), 'analyst', [codeA]);
    const [own, theirs] = [await createCase(t, admin, codeA), await createCase(t, admin, codeB)];
    const mine = await uploadFile(t, cu.token, own.id, 'mine.txt', 'customer evidence');
    expect(mine.uploadedBy).not.toBe('admin');
    expect((await getBytes(t, `${filesUrl(own.id)}/${mine.id}`, cu.token)).bytes.toString()).toBe('customer evidence');
    expectProblem(await t.request('DELETE', `${filesUrl(own.id)}/${mine.id}`, { token: cu.token }), 403);

    const secret = await uploadFile(t, admin, theirs.id, 'secret.txt', 'B only');
    for (const token of [cu.token, limited.token]) {
      expectProblem(await postMultipart(t, filesUrl(theirs.id), token, [{ filename: 'x.txt', data: 'x' }]), 404);
      expectProblem(await list(theirs.id, token), 404);
      expectProblem(await t.request('GET', `${filesUrl(theirs.id)}/${secret.id}`, { token }), 404);
      // A file id of B's case under A's case path is no way round the check either.
      expectProblem(await t.request('GET', `${filesUrl(own.id)}/${secret.id}`, { token }), 404);
    }
    expectProblem(await t.request('DELETE', `${filesUrl(theirs.id)}/${secret.id}`, { token: limited.token }), 404);
    expect((await rowsOf(theirs.id)).map((r) => r.name)).toEqual(['secret.txt']);
    expectProblem(await t.request('GET', `${filesUrl(own.id)}/not-a-uuid`, { token: admin }), 400, 'fileId');
  });

  it('deletes the row and the object, writes FILE_REMOVED, and answers 404 afterwards', async () => {
    const analyst = await t.createUser(admin, unique('cfd'), 'analyst');
    const kase = await createCase(t, admin, codeA);
    const f = await uploadFile(t, admin, kase.id, 'gone.txt', 'bye');
    expect((await t.request('DELETE', `${filesUrl(kase.id)}/${f.id}`, { token: analyst.token })).status).toBe(204);
    expect(await rowsOf(kase.id)).toEqual([]);
    expect(await objectsOf(kase.id)).toEqual([]);
    expect((await list(kase.id)).body.items).toEqual([]);
    expectProblem(await t.request('GET', `${filesUrl(kase.id)}/${f.id}`, { token: admin }), 404);
    expectProblem(await t.request('DELETE', `${filesUrl(kase.id)}/${f.id}`, { token: admin }), 404);
    expect(await t.db.getRepository(CaseEvent).findBy({ caseId: kase.id, kind: 'FILE_REMOVED' })).toEqual([expect.objectContaining({ fromValue: 'gone.txt' })]);
  });

  describe('a crash between the steps, then the reconcile job', () => {
    it('is registered to run every 60 minutes', () => {
      expect(t.get(JobRegistry).get(RECONCILE_CASE_FILES_JOB)?.defaultIntervalMinutes).toBe(60);
    });

    it('upload dies after storing the object: the orphan is kept during the grace period, then removed; live files are untouched', async () => {
      const kase = await createCase(t, admin, codeA);
      const live = await uploadFile(t, admin, kase.id, 'live.txt', 'stays');
      t.get(CaseFileFaults).arm('upload:after-object');
      expect((await postMultipart(t, filesUrl(kase.id), admin, [{ filename: 'doomed.txt', data: 'half done' }])).status).toBe(500);
      expect((await rowsOf(kase.id)).map((r) => r.id)).toEqual([live.id]);
      expect(await objectsOf(kase.id)).toHaveLength(2);

      expect(await reconcile()).toMatch(/removed 0 orphan/);
      expect(await objectsOf(kase.id)).toHaveLength(2);
      t.get(CaseFileReconcileSettings).graceMs = 0;
      expect(await reconcile()).toMatch(/removed 1 orphan/);
      expect(await objectsOf(kase.id)).toEqual([`${kase.id}/${live.id}-live.txt`]);
      expect((await getBytes(t, `${filesUrl(kase.id)}/${live.id}`, admin)).bytes.toString()).toBe('stays');
    });

    it.each(['delete:after-mark', 'delete:after-object'] as const)('delete dies at %s: the file is already hidden, and the job finishes the delete', async (point) => {
      const kase = await createCase(t, admin, codeA);
      const f = await uploadFile(t, admin, kase.id, 'half.txt', 'half deleted');
      t.get(CaseFileFaults).arm(point);
      await t.request('DELETE', `${filesUrl(kase.id)}/${f.id}`, { token: admin });
      expect((await rowsOf(kase.id)).map((r) => r.state)).toEqual(['DELETING']);
      expect((await list(kase.id)).body.items).toEqual([]);
      expectProblem(await t.request('GET', `${filesUrl(kase.id)}/${f.id}`, { token: admin }), 404);

      expect(await reconcile()).toMatch(/finished 1 interrupted delete/);
      expect(await rowsOf(kase.id)).toEqual([]);
      expect(await objectsOf(kase.id)).toEqual([]);
    });

    it('a deleted case takes its file rows with it; the job removes the objects left behind', async () => {
      const kase = await createCase(t, admin, codeA);
      await uploadFile(t, admin, kase.id, 'a.txt', 'a');
      await uploadFile(t, admin, kase.id, 'b.txt', 'b');
      expect((await t.request('DELETE', `${CASES}/${kase.id}`, { token: admin })).status).toBe(204);
      expect(await rowsOf(kase.id)).toEqual([]);
      expect(await objectsOf(kase.id)).toHaveLength(2);
      t.get(CaseFileReconcileSettings).graceMs = 0;
      await reconcile();
      expect(await objectsOf(kase.id)).toEqual([]);
    });
  });
});
