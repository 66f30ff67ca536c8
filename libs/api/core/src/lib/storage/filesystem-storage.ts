import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { constants, createWriteStream, type Dir } from 'node:fs';
import { access, lstat, mkdir, open, opendir, readFile, rename, rmdir, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BadInputError, ConflictError, NotFoundError } from '../errors/domain-errors';
import { assertValidBucket, assertValidKey, assertValidPrefix, checkPutOptions } from './object-key';
import { HashingLimiter, toReadable } from './hashing-limiter';
import { KeyedMutex } from './keyed-mutex';
import { errnoOf, mapFsError, unavailable } from './fs-errors';
import { DEFAULT_CONTENT_TYPE, type GetResult, type ObjectListItem, type ObjectStat, type ObjectStorage, type PutOptions, type PutResult } from './storage.types';

/** Upload temp files: dot-led (keys never are) and recognisable, so leftovers of a crash can be swept. */
const TEMP_FILE = /^\.upload-[0-9a-f-]{36}\.(data|meta)$/;
/** A temp file this old belongs to no upload still running. */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/** What the sidecar records; `ino` ties it to one version of the data file (see readMeta). */
interface Sidecar {
  contentType: string;
  size: number;
  sha256: string;
  ino: string;
}

function isSidecar(value: unknown): value is Sidecar {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['contentType'] === 'string' && typeof v['size'] === 'number' && typeof v['sha256'] === 'string' && typeof v['ino'] === 'string';
}

/**
 * Objects as plain files under `<root>/<bucket>/<key>`, so an operator can browse and back them up.
 * Metadata lives in a dot-led sidecar beside each file (`.<name>.meta.json`); keys never start with a
 * dot, so sidecars and temp files can never collide with an object and `list` skips them.
 */
export class FilesystemObjectStorage implements ObjectStorage {
  private readonly logger = new Logger(FilesystemObjectStorage.name);
  private readonly root: string;
  private readonly locks = new KeyedMutex();

  constructor(root: string) {
    if (!root) throw new Error('Filesystem object storage needs a root directory');
    this.root = resolve(root);
  }

  async ensureBucket(bucket: string): Promise<void> {
    const dir = this.bucketDir(bucket);
    await mkdir(dir, { recursive: true }).catch((err: unknown) => {
      throw unavailable(err);
    });
    await this.sweepStaleTempFiles(dir);
  }

  async put(bucket: string, key: string, body: Readable | Buffer, opts?: PutOptions): Promise<PutResult> {
    const { contentType, maxBytes } = checkPutOptions(opts);
    const target = this.objectPath(bucket, key);
    const dir = this.bucketDir(bucket);
    await this.requireBucket(bucket, dir);
    // Temp files sit in the bucket directory: same filesystem as the target, so rename is atomic.
    const tempData = join(dir, `.upload-${randomUUID()}.data`);
    const tempMeta = tempData.replace(/\.data$/, '.meta');
    const limiter = new HashingLimiter(maxBytes);
    try {
      // `flush` fsyncs before close, so a crash after the rename cannot expose an empty file.
      await pipeline(toReadable(body), limiter, createWriteStream(tempData, { flags: 'wx', mode: 0o640, flush: true }));
      const { ino } = await stat(tempData, { bigint: true });
      const sidecar: Sidecar = { contentType, size: limiter.size, sha256: limiter.sha256, ino: ino.toString() };
      await writeFile(tempMeta, JSON.stringify(sidecar), { flag: 'wx', mode: 0o640, flush: true });
      await this.locks.run(this.lockKey(bucket, key), () => this.commit(dir, target, tempData, tempMeta));
      return { size: limiter.size, sha256: limiter.sha256 };
    } catch (err) {
      await Promise.all([this.removeQuietly(tempData), this.removeQuietly(tempMeta)]);
      throw mapFsError(err, `${bucket}/${key}`);
    }
  }

  async get(bucket: string, key: string): Promise<GetResult> {
    const target = this.objectPath(bucket, key);
    // Open and read the sidecar under the key's lock so both describe the same version.
    const opened = await this.locks.run(this.lockKey(bucket, key), async () => {
      let handle: FileHandle;
      try {
        handle = await open(target, 'r');
      } catch (err) {
        if (this.isMissing(err)) return null;
        throw mapFsError(err, `${bucket}/${key}`);
      }
      const info = await handle.stat({ bigint: true });
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      return { handle, size: Number(info.size), contentType: await this.readContentType(target, info.ino) };
    });
    if (!opened) throw new NotFoundError(`Object ${bucket}/${key} not found`);
    // The stream reads the open descriptor: a concurrent overwrite or delete cannot change what is sent.
    return { stream: opened.handle.createReadStream(), size: opened.size, contentType: opened.contentType };
  }

  /** Dates are rebuilt rather than passed on from fs, so they belong to the caller's realm (Jest VMs). */
  async stat(bucket: string, key: string): Promise<ObjectStat | null> {
    const target = this.objectPath(bucket, key);
    return this.locks.run(this.lockKey(bucket, key), async () => {
      try {
        const info = await stat(target, { bigint: true });
        if (!info.isFile()) return null;
        return { size: Number(info.size), contentType: await this.readContentType(target, info.ino), lastModified: new Date(info.mtime.getTime()) };
      } catch (err) {
        if (this.isMissing(err)) return null;
        throw mapFsError(err, `${bucket}/${key}`);
      }
    });
  }

  async delete(bucket: string, key: string): Promise<void> {
    const target = this.objectPath(bucket, key);
    await this.locks.run(this.lockKey(bucket, key), async () => {
      await this.removeQuietly(target);
      await this.removeQuietly(this.sidecarPath(target));
    });
    await this.pruneEmptyDirs(dirname(target), this.bucketDir(bucket));
  }

  async *list(bucket: string, prefix = ''): AsyncIterable<ObjectListItem> {
    assertValidPrefix(prefix);
    const dir = this.bucketDir(bucket);
    await this.requireBucket(bucket, dir);
    // Start at the deepest directory the prefix fully names; only its subtree can match.
    const slash = prefix.lastIndexOf('/');
    const pending: string[] = [slash >= 0 ? prefix.slice(0, slash) : ''];
    while (pending.length > 0) {
      const relative = pending.pop() ?? '';
      let handle: Dir;
      try {
        handle = await opendir(relative ? join(dir, ...relative.split('/')) : dir);
      } catch (err) {
        // A prefix naming a missing or non-directory path simply matches nothing.
        if (this.isMissing(err)) continue;
        throw mapFsError(err, `${bucket}/${prefix}`);
      }
      for await (const entry of handle) {
        if (entry.name.startsWith('.')) continue;
        const key = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) pending.push(key);
        } else if (entry.isFile() && key.startsWith(prefix)) {
          const info = await stat(join(dir, ...key.split('/'))).catch((err: unknown) => {
            if (this.isMissing(err)) return null; // deleted since the directory was read
            throw mapFsError(err, `${bucket}/${key}`);
          });
          if (info) yield { key, size: info.size, lastModified: new Date(info.mtime.getTime()) };
        }
      }
    }
  }

  async ping(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      await access(this.root, constants.R_OK | constants.W_OK);
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** Sidecar first, data second: readers compare inodes, so a crash in between is detected, not trusted. */
  private async commit(bucketDir: string, target: string, tempData: string, tempMeta: string): Promise<void> {
    // A concurrent delete may prune the parent directory between mkdir and rename; recreate and retry.
    for (let attempt = 0; ; attempt++) {
      await mkdir(dirname(target), { recursive: true });
      // Checked before the sidecar moves, so a clash leaves no stray sidecar next to the directory.
      const existing = await lstat(target).catch(() => null);
      if (existing?.isDirectory()) throw new ConflictError(`Object key clashes with an existing key prefix (${basename(target)}/…)`);
      try {
        await rename(tempMeta, this.sidecarPath(target));
        await rename(tempData, target);
        return;
      } catch (err) {
        if (errnoOf(err) !== 'ENOENT' || attempt >= 2) throw err;
        this.logger.debug(`Parent of ${target.slice(bucketDir.length)} vanished during commit; retrying`);
      }
    }
  }

  /** A sidecar whose inode differs from the data file's describes another version: ignore it. */
  private async readContentType(target: string, ino: bigint): Promise<string> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.sidecarPath(target), 'utf8'));
      return isSidecar(parsed) && parsed.ino === ino.toString() ? parsed.contentType : DEFAULT_CONTENT_TYPE;
    } catch {
      // Missing or unreadable sidecar: the bytes are still served, just without their declared type.
      return DEFAULT_CONTENT_TYPE;
    }
  }

  private bucketDir(bucket: string): string {
    assertValidBucket(bucket);
    return join(this.root, bucket);
  }

  /** Validation already forbids traversal; the resolve + prefix check is the second, independent guard. */
  private objectPath(bucket: string, key: string): string {
    const dir = this.bucketDir(bucket);
    assertValidKey(key);
    const path = resolve(dir, ...key.split('/'));
    if (!path.startsWith(dir + sep)) {
      throw new BadInputError(`Object key ${JSON.stringify(key)} escapes its bucket`, [{ field: 'key', message: 'escapes its bucket' }]);
    }
    return path;
  }

  private sidecarPath(target: string): string {
    return join(dirname(target), `.${basename(target)}.meta.json`);
  }

  private lockKey(bucket: string, key: string): string {
    return `${bucket}/${key}`;
  }

  private async requireBucket(bucket: string, dir: string): Promise<void> {
    const info = await stat(dir).catch((err: unknown) => {
      if (this.isMissing(err)) return null;
      throw unavailable(err);
    });
    if (!info?.isDirectory()) throw new NotFoundError(`Bucket ${bucket} does not exist`);
  }

  private isMissing(err: unknown): boolean {
    const code = errnoOf(err);
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
  }

  private async removeQuietly(path: string): Promise<void> {
    try {
      await unlink(path);
    } catch (err) {
      // Already gone, or a directory (a key prefix, not an object): nothing to delete either way.
      const code = errnoOf(err);
      if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') throw mapFsError(err, basename(path));
    }
  }

  /** Empty prefix directories would otherwise pile up and block a later object named like them. */
  private async pruneEmptyDirs(from: string, bucketDir: string): Promise<void> {
    for (let dir = from; dir.startsWith(bucketDir + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return; // not empty (or already gone): every ancestor is non-empty too
      }
    }
  }

  private async sweepStaleTempFiles(dir: string): Promise<void> {
    const cutoff = Date.now() - STALE_TEMP_MS;
    const handle = await opendir(dir).catch((err: unknown) => {
      throw unavailable(err);
    });
    for await (const entry of handle) {
      if (!entry.isFile() || !TEMP_FILE.test(entry.name)) continue;
      const path = join(dir, entry.name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs < cutoff) {
        await this.removeQuietly(path);
        this.logger.warn(`Removed stale upload temp file ${path}`);
      }
    }
  }
}
