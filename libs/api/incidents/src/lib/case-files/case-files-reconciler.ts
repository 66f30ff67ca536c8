import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { OBJECT_STORAGE, ObjectStorage, ScheduledJob } from '@copilot/api-core';
import { CaseFile } from './case-file.entity';
import { CASE_FILES_BUCKET, CaseFilesService } from './case-files.service';

export const RECONCILE_CASE_FILES_JOB = 'reconcile_case_files';

/** Tunables of the reconcile pass; a provider so a test can shorten the grace period instead of waiting an hour. */
@Injectable()
export class CaseFileReconcileSettings {
  /** An object younger than this may belong to an upload whose row is about to be written: left alone. */
  graceMs = 60 * 60 * 1000;
  /** Keys checked against the table per query, and interrupted deletes finished per query. */
  batchSize = 500;
}

export interface ReconcileResult {
  finishedDeletes: number;
  scanned: number;
  removedOrphans: number;
}

/**
 * Repairs what a crash between the steps of an upload or a delete left behind: rows still marked
 * DELETING get their delete finished, and objects no row refers to (an upload that died after
 * storing, files of a deleted case) are removed once older than the grace period. Reads the table
 * and the bucket in batches, so neither is ever held whole.
 */
@Injectable()
export class CaseFilesReconciler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly files: CaseFilesService,
    private readonly settings: CaseFileReconcileSettings,
  ) {}

  async run(): Promise<ReconcileResult> {
    const finishedDeletes = await this.finishDeletes();
    const cutoff = Date.now() - this.settings.graceMs;
    let scanned = 0;
    let removedOrphans = 0;
    let batch: string[] = [];
    const flush = async () => {
      removedOrphans += await this.removeUnreferenced(batch);
      batch = [];
    };
    for await (const item of this.storage.list(CASE_FILES_BUCKET)) {
      scanned++;
      if (item.lastModified.getTime() > cutoff) continue;
      batch.push(item.key);
      if (batch.length >= this.settings.batchSize) await flush();
    }
    await flush();
    return { finishedDeletes, scanned, removedOrphans };
  }

  /** Deletes interrupted after the row was marked: finishing twice is harmless (both steps are idempotent). */
  private async finishDeletes(): Promise<number> {
    let done = 0;
    for (;;) {
      const rows = await this.db.getRepository(CaseFile).find({ where: { state: 'DELETING' }, select: { id: true, objectKey: true }, order: { id: 'ASC' }, take: this.settings.batchSize });
      for (const row of rows) await this.files.finishDelete(row);
      done += rows.length;
      if (rows.length < this.settings.batchSize) return done;
    }
  }

  private async removeUnreferenced(keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const rows = await this.db.getRepository(CaseFile).find({ where: { objectKey: In(keys) }, select: { objectKey: true } });
    const referenced = new Set(rows.map((r) => r.objectKey));
    const orphans = keys.filter((k) => !referenced.has(k));
    for (const key of orphans) await this.storage.delete(CASE_FILES_BUCKET, key);
    return orphans.length;
  }
}

/** Hourly by default: orphans are rare (crashes, deleted cases) and harmless until removed. */
export class ReconcileCaseFilesJob implements ScheduledJob {
  readonly name = RECONCILE_CASE_FILES_JOB;
  readonly description = 'Removes case-file objects no file row refers to and finishes interrupted case-file deletes';
  readonly defaultIntervalMinutes = 60;
  readonly defaultEnabled = true;

  constructor(private readonly reconciler: CaseFilesReconciler) {}

  async run(): Promise<string> {
    const r = await this.reconciler.run();
    return `finished ${r.finishedDeletes} interrupted delete(s); removed ${r.removedOrphans} orphan object(s) of ${r.scanned} scanned`;
  }
}
