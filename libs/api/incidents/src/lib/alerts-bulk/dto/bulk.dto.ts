import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { ALERT_STATUSES, AlertStatus, MAX_TAGS, TAG_MAX_LENGTH } from '../../alerts/alert.types';
import { CASE_DESCRIPTION_MAX, CASE_NAME_MAX } from '../../cases/case.types';

export const BULK_ACTIONS = ['status', 'assign', 'tag', 'untag', 'delete', 'merge'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const MAX_BULK_IDS = 500;
const MAX_ID = 2_147_483_647;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** The alert tag rules (trimmed, lower-cased, a set, no control characters): see alert-input.dto. */
const tagSet = ({ value }: { value: unknown }) => (Array.isArray(value) ? [...new Set(value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)))] : value);
const TAG_PATTERN = /^[^\p{Cc}]+$/u;

export class BulkNewCaseDto {
  @ApiProperty({ maxLength: CASE_NAME_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, CASE_NAME_MAX)
  name!: string;

  @ApiPropertyOptional({ maxLength: CASE_DESCRIPTION_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(CASE_DESCRIPTION_MAX)
  description?: string;
}

/** One action over many alerts; which other fields are required depends on the action. */
export class BulkAlertsDto {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS)
  action!: BulkAction;

  @ApiProperty({ type: [Number], minItems: 1, maxItems: MAX_BULK_IDS, uniqueItems: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_IDS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  ids!: number[];

  @ApiPropertyOptional({ enum: ALERT_STATUSES, description: 'For action status' })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: AlertStatus;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'For action assign: an enabled admin or analyst; null un-assigns' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  assigneeId?: number | null;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, description: 'For actions tag and untag: added to / removed from each alert\'s set' })
  @IsOptional()
  @Transform(tagSet)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, TAG_MAX_LENGTH, { each: true })
  @Matches(TAG_PATTERN, { each: true, message: 'tags must not contain control characters' })
  tags?: string[];

  @ApiPropertyOptional({ description: 'For action merge: the existing case to link the alerts to' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  caseId?: number;

  @ApiPropertyOptional({ type: BulkNewCaseDto, description: 'For action merge: a new case (all alerts of one customer) to link the alerts to' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BulkNewCaseDto)
  newCase?: BulkNewCaseDto;
}

export class BulkItemResultDto {
  @ApiProperty() id!: number;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'What the single-item route would have answered (200, 204, 400, 404, 409, 412)' }) status!: number;
  @ApiPropertyOptional() error?: string;
}

export class BulkResultDto {
  @ApiProperty({ enum: BULK_ACTIONS }) action!: BulkAction;
  @ApiProperty({ type: [BulkItemResultDto], description: 'One per id, in the order given' }) results!: BulkItemResultDto[];
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'For merge: the case the alerts were linked to (null when none could be)' }) caseId?: number | null;
}
