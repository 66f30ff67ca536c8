import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CUSTOMER_CODE_PATTERN } from '@copilot/api-customers';
import { CASE_STATUSES, CaseStatus } from '../case.types';

/** `?status=OPEN&status=CLOSED` and `?status=OPEN,CLOSED` both mean the set {OPEN, CLOSED}. */
const toList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [v]));
const toBool = ({ value }: { value: unknown }) => value === true || value === 'true';

/** The filters shared by the list and the per-status counts (which ignore `status`). */
export class CaseFiltersQuery {
  @ApiPropertyOptional({ description: 'A user id, or `unassigned`' })
  @IsOptional()
  @IsString()
  @Matches(/^([1-9]\d{0,9}|unassigned)$/, { message: 'assigneeId must be a user id or "unassigned"' })
  assigneeId?: string;

  @ApiPropertyOptional({ description: 'Outside the caller\'s customers this is the unknown-customer 400' })
  @IsOptional()
  @IsString()
  @Matches(CUSTOMER_CODE_PATTERN, { message: 'customerCode must be an existing customer code' })
  customerCode?: string;

  @ApiPropertyOptional({ description: 'Text the name contains (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  name?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Created at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Created at or before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** Not derived from the core ListQuery: the counts share the filters but take no paging. */
export class ListCasesQuery extends CaseFiltersQuery {
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

  @ApiPropertyOptional({ enum: CASE_STATUSES, isArray: true })
  @IsOptional()
  @Transform(toList)
  @IsIn(CASE_STATUSES, { each: true })
  status?: CaseStatus[];

  @ApiPropertyOptional({ default: false, description: 'Also count the matching cases (one more query)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  withTotal?: boolean;
}
