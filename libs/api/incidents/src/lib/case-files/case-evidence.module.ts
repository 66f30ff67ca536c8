import { Module, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '@copilot/api-core';
import { CaseFileFaults } from './case-file-faults';
import { CaseFilesController } from './case-files.controller';
import { CaseFileReconcileSettings, CaseFilesReconciler, ReconcileCaseFilesJob } from './case-files-reconciler';
import { CaseFilesService } from './case-files.service';

/**
 * Case evidence files: upload, list, download and delete over the object store, and the job that
 * repairs what an interrupted upload or delete left. Separate from IncidentsModule so it composes
 * on its own; it reads cases through their entities (see case-access.ts).
 */
@Module({
  controllers: [CaseFilesController],
  providers: [CaseFilesService, CaseFilesReconciler, CaseFileReconcileSettings, CaseFileFaults],
  exports: [CaseFilesService],
})
export class CaseEvidenceModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly reconciler: CaseFilesReconciler,
  ) {}

  onModuleInit(): void {
    this.jobs.register(new ReconcileCaseFilesJob(this.reconciler));
  }
}
