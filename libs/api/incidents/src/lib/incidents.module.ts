import { Module } from '@nestjs/common';
import { CustomersModule } from '@copilot/api-customers';
import { UsersModule } from '@copilot/api-users';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsService } from './alerts/alerts.service';

/** Incident management. This slice: alerts (create, list, counts, detail, triage, comments, delete). */
@Module({
  imports: [CustomersModule, UsersModule],
  controllers: [AlertsController],
  providers: [AlertsService],
  exports: [AlertsService],
})
export class IncidentsModule {}
