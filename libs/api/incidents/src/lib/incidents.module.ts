import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobRegistry } from '@copilot/api-core';
import { ConnectorsModule } from '@copilot/api-connectors';
import { CustomersModule } from '@copilot/api-customers';
import { UsersModule } from '@copilot/api-users';
import { AlertEvidenceService } from './alerts/alert-evidence.service';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsService } from './alerts/alerts.service';
import { AlertsBulkController } from './alerts-bulk/alerts-bulk.controller';
import { AlertsBulkService } from './alerts-bulk/alerts-bulk.service';
import { AlertsExportService, ExportLimits } from './alerts-bulk/alerts-export.service';
import { AlertsMergeService } from './alerts-bulk/alerts-merge.service';
import { CaseTemplatesController } from './case-templates/case-templates.controller';
import { CaseTemplatesService } from './case-templates/case-templates.service';
import { CaseItemsController } from './cases/case-items.controller';
import { CaseLinksService } from './cases/case-links.service';
import { CaseReader } from './cases/case-reader';
import { CaseWorkService } from './cases/case-work.service';
import { CaseWriter } from './cases/case-writer';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { AlertIngestor } from './ingestion/alert-ingestor';
import { CollectAlertsJob } from './ingestion/collect.job';
import { IngestController } from './ingestion/ingest.controller';
import { IngestionFaults } from './ingestion/ingestion-faults';
import { ManualIngestService } from './ingestion/manual-ingest.service';
import { SourcePassService } from './ingestion/source-pass.service';
import { SourcesController } from './ingestion/sources.controller';
import { SourcesService } from './ingestion/sources.service';

/** Incident management: alerts and their ingestion from the indexer (sources, the collect job, manual creates), bulk actions and export, cases and case templates. */
@Module({
  imports: [CustomersModule, UsersModule, ConnectorsModule],
  controllers: [IngestController, AlertsBulkController, AlertsController, SourcesController, CasesController, CaseItemsController, CaseTemplatesController],
  providers: [AlertsService, AlertEvidenceService, AlertIngestor, IngestionFaults, SourcePassService, SourcesService, ManualIngestService,
    CaseReader, CaseWriter, CasesService, CaseLinksService, CaseWorkService, CaseTemplatesService, AlertsBulkService, AlertsMergeService, AlertsExportService, ExportLimits],
  exports: [AlertsService, AlertIngestor, IngestionFaults, SourcePassService],
})
export class IncidentsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    @InjectDataSource() private readonly db: DataSource,
    private readonly passes: SourcePassService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(new CollectAlertsJob(this.db, this.passes));
  }
}
