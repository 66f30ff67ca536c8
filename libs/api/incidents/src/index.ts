export { IncidentsModule } from './lib/incidents.module';
export { AlertsService } from './lib/alerts/alerts.service';
export { Alert } from './lib/alerts/alert.entity';
export { AlertComment, AlertEvent, AlertTag } from './lib/alerts/alert-children.entities';
export * from './lib/alerts/alert.types';
