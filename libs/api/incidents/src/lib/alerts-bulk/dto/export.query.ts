import { OmitType } from '@nestjs/swagger';
import { ListAlertsQuery } from '../../alerts/dto/list-alerts.query';

/** The alert list's filters (and their validation), without its paging: the export pages itself. */
export class ExportAlertsQuery extends OmitType(ListAlertsQuery, ['limit', 'cursor', 'withTotal'] as const) {}
