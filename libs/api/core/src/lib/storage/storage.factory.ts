import { FilesystemObjectStorage } from './filesystem-storage';
import { MinioObjectStorage } from './minio-storage';
import type { ObjectStorage, StorageConfig } from './storage.types';

/** Builds the configured driver; invalid settings throw at boot rather than on the first upload. */
export function createObjectStorage(config: StorageConfig): ObjectStorage {
  switch (config.driver) {
    case 'filesystem':
      return new FilesystemObjectStorage(config.root);
    case 'minio':
      return new MinioObjectStorage({ url: config.url, accessKey: config.accessKey, secretKey: config.secretKey, region: config.region });
  }
}
