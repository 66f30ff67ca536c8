import { Client } from 'minio';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { ServiceUnavailableError } from '../errors/domain-errors';
import { MinioObjectStorage } from './minio-storage';
import { chunked, random, uniqueBucket } from './testing/helpers';
import { describeObjectStorageBehaviour } from './testing/object-storage.behaviour';

/** Small parts so the suite's 300 KiB "large" body exercises the multipart path against real S3 protocol. */
const PART_SIZE = 64 * 1024;
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

let server: S3rver;
let directory: string;
let url: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'copilot-s3rver-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  // The client keeps sockets alive; drop them so close() does not wait for their idle timeout.
  server.httpServer?.closeAllConnections();
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

const storageFor = (partSize = PART_SIZE): MinioObjectStorage => new MinioObjectStorage({ url, accessKey: ACCESS_KEY, secretKey: SECRET_KEY, partSize });

describeObjectStorageBehaviour('minio (s3rver)', () => storageFor(), { largeBytes: 300 * 1024, atomicConcurrentOverwrites: false });

describe('MinioObjectStorage specifics', () => {
  const raw = (): Client => {
    const { port } = new URL(url);
    return new Client({ endPoint: '127.0.0.1', port: Number(port), useSSL: false, accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: 'us-east-1' });
  };
  const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

  it('records sha256 in object metadata for single-request uploads', async () => {
    const storage = storageFor();
    const bucket = uniqueBucket();
    await storage.ensureBucket(bucket);
    const data = random(1000);
    await storage.put(bucket, 'small', data, { contentType: 'image/png' });
    const info = await raw().statObject(bucket, 'small');
    expect(info.metaData).toMatchObject({ sha256: sha(data), 'content-type': 'image/png' });
  });

  it('records sha256 in object metadata for multipart uploads, keeping the content type', async () => {
    const storage = storageFor();
    const bucket = uniqueBucket();
    await storage.ensureBucket(bucket);
    const data = random(PART_SIZE * 3 + 17);
    await storage.put(bucket, 'cases/9/large.zip', chunked(data), { contentType: 'application/zip' });
    const info = await raw().statObject(bucket, 'cases/9/large.zip');
    expect(info.size).toBe(data.length);
    expect(info.metaData).toMatchObject({ sha256: sha(data), 'content-type': 'application/zip' });
  });

  it('maps a refused connection to ServiceUnavailableError naming object-storage', async () => {
    const closedPort = await new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        probe.close(() => resolve(port));
      });
    });
    const down = new MinioObjectStorage({ url: `http://127.0.0.1:${closedPort}`, accessKey: ACCESS_KEY, secretKey: SECRET_KEY });
    await expect(down.ping()).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(down.ping()).rejects.toMatchObject({ dependency: 'object-storage', status: 503 });
    await expect(down.put('copilot-cases', 'k', Buffer.from('x'))).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(down.stat('copilot-cases', 'k')).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(down.ensureBucket('copilot-cases')).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('maps rejected credentials to ServiceUnavailableError', async () => {
    // s3rver checks the access key but not V4 signatures, so an unknown key is what it can reject.
    const wrong = new MinioObjectStorage({ url, accessKey: 'UNKNOWN', secretKey: SECRET_KEY });
    await expect(wrong.ping()).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('rejects unusable part sizes and URLs at construction', () => {
    expect(() => storageFor(0)).toThrow('partSize');
    expect(() => new MinioObjectStorage({ url: 'ftp://x', accessKey: 'a', secretKey: 'b' })).toThrow('http or https');
  });
});
