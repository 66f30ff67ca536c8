export { BUCKETS, ensureBuckets, type BucketName } from './buckets';
export { FilesystemObjectStorage } from './filesystem-storage';
export { parseMinioUrl, type MinioEndpoint } from './minio-endpoint';
export { MinioObjectStorage, type MinioStorageOptions } from './minio-storage';
export { objectKey, sanitizeFileName } from './object-key';
export { createObjectStorage } from './storage.factory';
export {
  DEFAULT_CONTENT_TYPE,
  OBJECT_STORAGE,
  type GetResult,
  type ObjectListItem,
  type ObjectStat,
  type ObjectStorage,
  type PutOptions,
  type PutResult,
  type StorageConfig,
} from './storage.types';
