import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, CoreModule } from '@copilot/api-core';
import { AuthModule } from '@copilot/api-auth';
import { ConnectorsModule } from '@copilot/api-connectors';
import { CustomersModule } from '@copilot/api-customers';
import { CaseEvidenceModule, CaseReportsModule, IncidentsModule } from '@copilot/api-incidents';
import { SchedulerModule } from '@copilot/api-scheduler';
import { UsersModule } from '@copilot/api-users';
import { dataSourceOptions } from '../database/data-source';
import { HealthModule } from './health.module';

/** Composition only: which modules make up the api. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.database)),
        HealthModule,
        AuthModule,
        UsersModule,
        CustomersModule,
        SchedulerModule,
        ConnectorsModule,
        IncidentsModule,
        CaseEvidenceModule,
        CaseReportsModule,
      ],
    };
  }
}
