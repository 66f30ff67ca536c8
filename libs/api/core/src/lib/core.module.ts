import { DynamicModule, Global, Module, OnModuleInit } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfig } from './config/app-config';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { PruneAuditLogJob } from './audit/prune-audit-log.job';
import { JobRegistry } from './scheduler/job-registry';
import { LeaseService } from './scheduler/lease.service';
import { SchedulerService } from './scheduler/scheduler.service';
import { createObjectStorage, OBJECT_STORAGE } from './storage';

/** Cross-cutting services every domain may inject: config, audit, storage, leases, scheduler. */
@Global()
@Module({})
export class CoreModule implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [ScheduleModule.forRoot()],
      controllers: [AuditController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: OBJECT_STORAGE, useFactory: () => createObjectStorage(config.storage) },
        AuditService,
        JobRegistry,
        LeaseService,
        SchedulerService,
      ],
      exports: [AppConfig, OBJECT_STORAGE, AuditService, JobRegistry, LeaseService, SchedulerService],
    };
  }

  onModuleInit(): void {
    this.registry.register(new PruneAuditLogJob(this.audit, this.config.auditRetentionDays));
  }
}
