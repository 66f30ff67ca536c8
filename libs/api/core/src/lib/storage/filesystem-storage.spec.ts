import { mkdtemp, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError, ConflictError, ServiceUnavailableError } from '../errors/domain-errors';
import { FilesystemObjectStorage } from './filesystem-storage';
import { collect, random, readAll } from './testing/helpers';
import { describeObjectStorageBehaviour } from './testing/object-storage.behaviour';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'copilot-fs-storage-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describeObjectStorageBehaviour('filesystem', () => new FilesystemObjectStorage(join(root, 'shared')), { largeBytes: 300 * 1024, atomicConcurrentOverwrites: true });

describe('FilesystemObjectStorage specifics', () => {
  let dir: string;
  let storage: FilesystemObjectStorage;

  beforeEach(async () => {
    dir = await mkdtemp(join(root, 'case-'));
    storage = new FilesystemObjectStorage(join(dir, 'nested', 'root'));
    await storage.ensureBucket('copilot-cases');
  });

  it('creates a missing root and keeps objects as plain files under <root>/<bucket>/<key>', async () => {
    await storage.put('copilot-cases', 'cases/7/report.pdf', Buffer.from('%PDF-1.7'), { contentType: 'application/pdf' });
    expect(await readFile(join(dir, 'nested', 'root', 'copilot-cases', 'cases', '7', 'report.pdf'), 'utf8')).toBe('%PDF-1.7');
    // Only the object and its dot-led sidecar: no temp file survives a successful upload.
    expect((await readdir(join(dir, 'nested', 'root', 'copilot-cases', 'cases', '7'))).sort()).toEqual(['.report.pdf.meta.json', 'report.pdf']);
    expect(await readdir(join(dir, 'nested', 'root', 'copilot-cases'))).toEqual(['cases']);
  });

  it('leaves no temp files after a rejected or broken upload', async () => {
    await expect(storage.put('copilot-cases', 'big', random(10_000), { maxBytes: 10 })).rejects.toThrow();
    expect(await readdir(join(dir, 'nested', 'root', 'copilot-cases'))).toEqual([]);
  });

  it('never writes outside the bucket, whatever key it is handed', async () => {
    for (const key of ['../../outside', '..', 'a/../../../outside', '/etc/passwd', 'a\\..\\..\\outside']) {
      await expect(storage.put('copilot-cases', key, Buffer.from('x'))).rejects.toBeInstanceOf(BadInputError);
    }
    await expect(storage.ensureBucket('..')).rejects.toBeInstanceOf(BadInputError);
    expect((await readdir(join(dir, 'nested', 'root'))).sort()).toEqual(['copilot-cases']);
    expect(await readdir(dir)).toEqual(['nested']);
  });

  it('ignores a sidecar that belongs to another version of the file', async () => {
    await storage.put('copilot-cases', 'doc', Buffer.from('old'), { contentType: 'text/plain' });
    // Replace the data behind the driver's back, as a crash between the two renames would.
    const target = join(dir, 'nested', 'root', 'copilot-cases', 'doc');
    await writeFile(`${target}.swap`, 'new bytes');
    await rename(`${target}.swap`, target);
    const info = await storage.stat('copilot-cases', 'doc');
    expect(info).toMatchObject({ size: 9, contentType: 'application/octet-stream' });
  });

  it('serves an opened download even if the object is deleted meanwhile', async () => {
    await storage.put('copilot-cases', 'evidence', Buffer.from('still here'));
    const got = await storage.get('copilot-cases', 'evidence');
    await storage.delete('copilot-cases', 'evidence');
    expect((await readAll(got.stream)).toString()).toBe('still here');
  });

  it('answers ConflictError when a key and a key prefix would share a path', async () => {
    await storage.put('copilot-cases', 'a', Buffer.from('file'));
    await expect(storage.put('copilot-cases', 'a/b', Buffer.from('x'))).rejects.toBeInstanceOf(ConflictError);
    await storage.put('copilot-cases', 'p/q', Buffer.from('x'));
    await expect(storage.put('copilot-cases', 'p', Buffer.from('x'))).rejects.toBeInstanceOf(ConflictError);
    expect((await collect(storage.list('copilot-cases'))).map((item) => item.key).sort()).toEqual(['a', 'p/q']);
    expect(await readdir(join(dir, 'nested', 'root', 'copilot-cases'))).not.toContain(expect.stringMatching(/^\.upload-/));
  });

  it('prunes directories emptied by delete, so the path can become an object later', async () => {
    await storage.put('copilot-cases', 'x/y/z', Buffer.from('x'));
    await storage.delete('copilot-cases', 'x/y/z');
    expect(await readdir(join(dir, 'nested', 'root', 'copilot-cases'))).toEqual([]);
    await expect(storage.put('copilot-cases', 'x', Buffer.from('now a file'))).resolves.toMatchObject({ size: 10 });
  });

  it('sweeps temp files left by a crash once they are a day old, and only those', async () => {
    const bucketDir = join(dir, 'nested', 'root', 'copilot-cases');
    const stale = join(bucketDir, '.upload-00000000-0000-4000-8000-000000000000.data');
    const fresh = join(bucketDir, '.upload-11111111-1111-4111-8111-111111111111.data');
    await writeFile(stale, 'partial');
    await writeFile(fresh, 'in progress');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await utimes(stale, twoDaysAgo, twoDaysAgo);
    await storage.ensureBucket('copilot-cases');
    await expect(stat(stale)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(fresh)).resolves.toBeDefined();
  });

  it('reports an unusable root as ServiceUnavailableError naming object-storage', async () => {
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    const broken = new FilesystemObjectStorage(join(file, 'root'));
    await expect(broken.ping()).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(broken.ping()).rejects.toMatchObject({ dependency: 'object-storage', status: 503 });
  });

  it('refuses to be built without a root', () => {
    expect(() => new FilesystemObjectStorage('')).toThrow('root directory');
  });
});
