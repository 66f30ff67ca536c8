import { BUCKETS, ensureBuckets } from './buckets';
import { FilesystemObjectStorage } from './filesystem-storage';
import { parseMinioUrl } from './minio-endpoint';
import { MinioObjectStorage } from './minio-storage';
import { createObjectStorage } from './storage.factory';
import type { ObjectStorage } from './storage.types';

describe('createObjectStorage', () => {
  it('builds the driver the config names', () => {
    expect(createObjectStorage({ driver: 'filesystem', root: 'data/objects' })).toBeInstanceOf(FilesystemObjectStorage);
    expect(createObjectStorage({ driver: 'minio', url: 'http://127.0.0.1:9000', accessKey: 'a', secretKey: 'b' })).toBeInstanceOf(MinioObjectStorage);
  });

  it('fails at construction on a bad MinIO URL', () => {
    expect(() => createObjectStorage({ driver: 'minio', url: 'not a url', accessKey: 'a', secretKey: 'b' })).toThrow('not a valid URL');
  });
});

describe('parseMinioUrl', () => {
  it.each([
    ['http://127.0.0.1:9000', { endPoint: '127.0.0.1', port: 9000, useSSL: false }],
    ['https://minio.example:9000', { endPoint: 'minio.example', port: 9000, useSSL: true }],
    ['https://minio.example/', { endPoint: 'minio.example', port: 443, useSSL: true }],
    ['http://minio', { endPoint: 'minio', port: 80, useSSL: false }],
    ['http://[::1]:9000', { endPoint: '::1', port: 9000, useSSL: false }],
  ])('%s', (url, expected) => {
    expect(parseMinioUrl(url)).toEqual(expected);
  });

  it.each([
    ['ftp://minio:21', 'http or https'],
    ['http://user:pass@minio:9000', 'must not contain credentials'],
    ['http://minio:9000/bucket', 'path'],
    ['http://minio:9000?x=1', 'path'],
    ['minio:9000', 'http or https'],
    ['', 'not a valid URL'],
  ])('rejects %j', (url, message) => {
    expect(() => parseMinioUrl(url)).toThrow(message);
  });

  it('never echoes the URL, which may hold a secret', () => {
    expect(() => parseMinioUrl('http://key:supersecret@minio')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('supersecret') }));
  });
});

describe('ensureBuckets', () => {
  it('creates every platform bucket and returns their names', async () => {
    const created: string[] = [];
    const storage = { ensureBucket: async (bucket: string) => void created.push(bucket) } as Pick<ObjectStorage, 'ensureBucket'> as ObjectStorage;
    await expect(ensureBuckets(storage)).resolves.toEqual([...BUCKETS]);
    expect(created).toEqual([
      'copilot-cases',
      'copilot-case-report-templates',
      'velociraptor-artifacts',
      'sysmon-configs',
      'incident-management-reports',
    ]);
  });

  it('stops at the first bucket that cannot be created', async () => {
    const storage = { ensureBucket: async (bucket: string) => { if (bucket === 'velociraptor-artifacts') throw new Error('denied'); } } as Pick<ObjectStorage, 'ensureBucket'> as ObjectStorage;
    await expect(ensureBuckets(storage)).rejects.toThrow('denied');
  });
});
