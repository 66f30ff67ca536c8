import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'minio';
import S3rver from 's3rver';
import { ApiProcess, freePort, http, killAll, removeDir, startApi, tempDir } from './support/process';

jest.setTimeout(60_000);

const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';
const BUCKETS = ['copilot-cases', 'copilot-case-report-templates', 'velociraptor-artifacts', 'sysmon-configs', 'incident-management-reports'];

/** The object store over the S3/MinIO protocol: a real S3 server (s3rver) on loopback. */
describe('boot against the MinIO protocol (s3rver)', () => {
  const s3Dir = tempDir('copilot-e2e-s3-');
  const dataDir = tempDir();
  let server: S3rver | undefined;
  let s3Url: string;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    server = new S3rver({ address: '127.0.0.1', port: await freePort(), silent: true, directory: s3Dir });
    const { port } = await server.run();
    s3Url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await api?.stop();
    await killAll();
    server?.httpServer?.closeAllConnections();
    await server?.close().catch(() => undefined);
    removeDir(s3Dir);
    removeDir(dataDir);
  });

  it('serves /api/health with the object store up and the five buckets created in S3', async () => {
    api = await startApi(dataDir, { MINIO_URL: s3Url, MINIO_ROOT_USER: ACCESS_KEY, MINIO_ROOT_PASSWORD: SECRET_KEY });
    const health = await http<{ status: string; objectStorage: { status: string } }>(api.url, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.objectStorage.status).toBe('up');
    expect(api.output()).toContain('object store: minio');

    const client = new Client({ endPoint: '127.0.0.1', port: Number(new URL(s3Url).port), useSSL: false, accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: 'us-east-1' });
    const names = (await client.listBuckets()).map((b) => b.name);
    expect(names.sort()).toEqual([...BUCKETS].sort());
    // Nothing went to the filesystem store instead.
    expect(existsSync(join(dataDir, 'objects'))).toBe(false);
  });

  it('answers /api/health 503 naming the object store once S3 is down', async () => {
    if (!api || !server) throw new Error('the previous test did not boot the api');
    server.httpServer?.closeAllConnections();
    await server.close();
    server = undefined;
    const health = await http<{ status: number; detail: string }>(api.url, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.headers.get('content-type')).toContain('application/problem+json');
    expect(health.body.detail).toContain('object-storage');
  });
});
