import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  AppConfig, GetResult, ListQuery, NotFoundError, OBJECT_STORAGE, ObjectStorage, objectKey, Page, paginate, PayloadTooLargeError, Principal, TenantScope,
} from '@copilot/api-core';
import { CaseEvent } from '../cases/case-children.entities';
import type { CaseEventKind } from '../cases/case.types';
import { visibleCase } from './case-access';
import { CaseFile } from './case-file.entity';
import { CaseFileFaults } from './case-file-faults';
import { CaseFileDto } from './dto/case-file.dto';
import { keyPartOf } from './file-names';
import type { UploadSource } from './upload-part';

/** The bucket of case evidence; keys are `{caseId}/{fileId}-{sanitised name}`. */
export const CASE_FILES_BUCKET = 'copilot-cases';

const KEYSET = [{ expr: 'f.createdAt', prop: 'createdAt', dir: 'DESC' as const }, { expr: 'f.id', prop: 'id', dir: 'DESC' as const }];

export function toCaseFileDto(f: CaseFile): CaseFileDto {
  return { id: f.id, caseId: f.caseId, name: f.name, contentType: f.contentType, size: f.size, sha256: f.sha256, uploadedBy: f.uploadedBy, createdAt: f.createdAt };
}

/** A foreign-key violation on either dialect: the case was deleted while its file was being stored. */
function isMissingParent(err: unknown): boolean {
  const code = (err as { driverError?: { code?: unknown }; code?: unknown }).driverError?.code ?? (err as { code?: unknown }).code;
  return code === 'ER_NO_REFERENCED_ROW_2' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * Case evidence files. Every change runs in an order that a crash at any step cannot turn into a
 * lasting inconsistency: upload stores the object and then the row; delete marks the row DELETING,
 * removes the object, then the row. CaseFilesReconciler finishes whatever a crash interrupted.
 */
@Injectable()
export class CaseFilesService {
  private readonly logger = new Logger('CaseFiles');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly config: AppConfig,
    private readonly faults: CaseFileFaults,
  ) {}

  async upload(caseId: number, source: UploadSource, actor: Principal): Promise<CaseFileDto> {
    await visibleCase(this.db, caseId, actor.scope);
    const maxBytes = this.config.maxUploadBytes;
    const part = await source(maxBytes);
    const id = randomUUID();
    const key = objectKey(caseId, `${id}-${keyPartOf(part.name)}`);
    // The store counts and hashes while streaming and refuses the body past maxBytes, leaving no object.
    const stored = await this.storage.put(CASE_FILES_BUCKET, key, part.body, { contentType: part.contentType, maxBytes });
    if (part.truncated()) {
      await this.discard(key);
      throw new PayloadTooLargeError(`Upload exceeds the limit of ${maxBytes} bytes`);
    }
    this.faults.hit('upload:after-object');
    const row: CaseFile = Object.assign(new CaseFile(), {
      id, caseId, name: part.name, objectKey: key, contentType: part.contentType, size: stored.size, sha256: stored.sha256,
      uploadedById: actor.id, uploadedBy: actor.username, state: 'ACTIVE' as const, createdAt: new Date(), deletingSince: null,
    });
    try {
      await this.db.transaction(async (tx) => {
        await tx.getRepository(CaseFile).insert(row);
        await this.event(tx, caseId, 'FILE_ADDED', null, part.name, actor, row.createdAt);
      });
    } catch (err) {
      await this.discard(key);
      if (isMissingParent(err)) throw new NotFoundError(`Case ${caseId} not found`);
      throw err;
    }
    return toCaseFileDto(row);
  }

  async list(caseId: number, query: ListQuery, scope: TenantScope): Promise<Page<CaseFileDto>> {
    await visibleCase(this.db, caseId, scope);
    const qb = this.db.getRepository(CaseFile).createQueryBuilder('f').where('f.caseId = :caseId AND f.state = :active', { caseId, active: 'ACTIVE' });
    const page = await paginate(qb, KEYSET, query);
    return { ...page, items: page.items.map(toCaseFileDto) };
  }

  /** The row and its bytes as a stream; nothing is read into memory. */
  async open(caseId: number, fileId: string, scope: TenantScope): Promise<{ file: CaseFile; object: GetResult }> {
    const file = await this.activeFile(caseId, fileId, scope);
    return { file, object: await this.storage.get(CASE_FILES_BUCKET, file.objectKey) };
  }

  async remove(caseId: number, fileId: string, actor: Principal): Promise<void> {
    const file = await this.activeFile(caseId, fileId, actor.scope);
    const now = new Date();
    await this.db.transaction(async (tx) => {
      const res = await tx.createQueryBuilder().update(CaseFile).set({ state: 'DELETING', deletingSince: now })
        .where('id = :id AND state = :active', { id: file.id, active: 'ACTIVE' }).execute();
      // Another request deleted it between our read and this update.
      if ((res.affected ?? 0) === 0) throw new NotFoundError(`File ${fileId} not found in case ${caseId}`);
      await this.event(tx, caseId, 'FILE_REMOVED', file.name, null, actor, now);
    });
    this.faults.hit('delete:after-mark');
    try {
      await this.finishDelete(file);
    } catch (err) {
      // The file is already gone from the case (hidden, timeline written); the job removes the rest.
      this.logger.warn(`Delete of case file ${file.id} left for reconcile_case_files: ${(err as Error).message}`);
    }
  }

  /** The second half of a delete, shared with the reconcile job: object first, then the row. */
  async finishDelete(file: Pick<CaseFile, 'id' | 'objectKey'>): Promise<void> {
    await this.storage.delete(CASE_FILES_BUCKET, file.objectKey);
    this.faults.hit('delete:after-object');
    await this.db.getRepository(CaseFile).delete({ id: file.id, state: 'DELETING' });
  }

  private async activeFile(caseId: number, fileId: string, scope: TenantScope): Promise<CaseFile> {
    await visibleCase(this.db, caseId, scope);
    const file = await this.db.getRepository(CaseFile).findOneBy({ id: fileId, caseId, state: 'ACTIVE' });
    if (!file) throw new NotFoundError(`File ${fileId} not found in case ${caseId}`);
    return file;
  }

  private async event(tx: EntityManager, caseId: number, kind: CaseEventKind, fromValue: string | null, toValue: string | null, actor: Principal, at: Date): Promise<void> {
    await tx.getRepository(CaseEvent).insert({ caseId, kind, refId: null, fromValue, toValue, actorId: actor.id, actorUsername: actor.username, at });
  }

  /** Best effort: a failure here leaves an orphan object, which the reconcile job removes after its grace period. */
  private async discard(key: string): Promise<void> {
    await this.storage.delete(CASE_FILES_BUCKET, key).catch((err: unknown) => this.logger.warn(`Could not remove unreferenced object ${key}: ${(err as Error).message}`));
  }
}
