import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { CUSTOMER_CODE_PATTERN } from '@copilot/api-customers';
import { ALERT_SEVERITIES, ALERT_STATUSES, AlertSeverity, AlertStatus, TAG_MAX_LENGTH, UNTRIAGED, VERDICTS } from '../alert.types';

/** `?status=OPEN&status=CLOSED` and `?status=OPEN,CLOSED` both mean the set {OPEN, CLOSED}. */
const toList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [v]));
const toBool = ({ value }: { value: unknown }) => value === true || value === 'true';

export const VERDICT_FILTERS = [...VERDICTS, UNTRIAGED] as const;
export type VerdictFilter = (typeof VERDICT_FILTERS)[number];

/** The filters shared by the list and the per-status counts (which ignore `status`). */
export class AlertFiltersQuery {
  @ApiPropertyOptional({ enum: ALERT_SEVERITIES, isArray: true })
  @IsOptional()
  @Transform(toList)
  @IsIn(ALERT_SEVERITIES, { each: true })
  severity?: AlertSeverity[];

  @ApiPropertyOptional({ description: 'A user id, or `unassigned`' })
  @IsOptional()
  @IsString()
  @Matches(/^([1-9]\d{0,9}|unassigned)$/, { message: 'assigneeId must be a user id or "unassigned"' })
  assigneeId?: string;

  @ApiPropertyOptional({ maxLength: TAG_MAX_LENGTH, description: 'Alerts carrying this tag (tags are lower-case)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Length(1, TAG_MAX_LENGTH)
  tag?: string;

  @ApiPropertyOptional({ description: 'Outside the caller\'s customers this is the unknown-customer 400' })
  @IsOptional()
  @IsString()
  @Matches(CUSTOMER_CODE_PATTERN, { message: 'customerCode must be an existing customer code' })
  customerCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  source?: string;

  @ApiPropertyOptional({ enum: VERDICT_FILTERS, description: 'UNTRIAGED: no verdict yet' })
  @IsOptional()
  @IsIn(VERDICT_FILTERS)
  verdict?: VerdictFilter;

  @ApiPropertyOptional({ maxLength: 512, description: 'Alerts carrying this IoC value (IP, domain, hash or URL; exact, case-insensitive)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 512)
  ioc?: string;

  @ApiPropertyOptional({ maxLength: 255, description: 'Alerts seen on this asset (agent name, exact)' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  asset?: string;

  @ApiPropertyOptional({ description: 'Text the title contains (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  title?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'lastEventAt at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'lastEventAt at or before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AlertCountsQuery extends AlertFiltersQuery {}

/** Not derived from the core ListQuery: the counts share the filters but take no paging. */
export class ListAlertsQuery extends AlertFiltersQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page\'s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({ enum: ALERT_STATUSES, isArray: true })
  @IsOptional()
  @Transform(toList)
  @IsIn(ALERT_STATUSES, { each: true })
  status?: AlertStatus[];

  @ApiPropertyOptional({ default: false, description: 'Also count the matching alerts (one more query)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  withTotal?: boolean;
}

export class OccurrenceDocumentQuery {
  @ApiProperty({ description: 'indexName of an occurrence ref' })
  @IsString()
  @Length(1, 255)
  indexName!: string;

  @ApiProperty({ description: 'docId of an occurrence ref' })
  @IsString()
  @Length(1, 255)
  docId!: string;
}
