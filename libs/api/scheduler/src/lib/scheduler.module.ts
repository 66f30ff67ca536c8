import { Module } from '@nestjs/common';
import { SchedulerController } from './scheduler.controller';

/** HTTP control of the scheduler core (which lives in api-core so every domain can register jobs). */
@Module({ controllers: [SchedulerController] })
export class SchedulerModule {}
