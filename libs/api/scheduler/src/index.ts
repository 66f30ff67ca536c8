export { SchedulerModule } from './lib/scheduler.module';
