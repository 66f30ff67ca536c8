import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { CUSTOMER_CODE_PATTERN } from '@copilot/api-customers';
import {
  ALERT_SEVERITIES, ALERT_STATUSES, AlertSeverity, AlertStatus, MAX_TAGS, TAG_MAX_LENGTH, Verdict, VERDICT_NOTE_MAX, VERDICT_REASONS, VerdictReason, VERDICTS,
} from '../alert.types';
import { IOC_TYPES, type IocType } from '../../ingestion/source.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/**
 * Tags are a set of trimmed, lower-cased strings: MariaDB compares case-insensitively and SQLite
 * does not, so folding case here makes "Malware" and "malware" one tag on both.
 */
const tagSet = ({ value }: { value: unknown }) => (Array.isArray(value) ? [...new Set(value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)))] : value);
/** Printable text without control characters, so tags render and filter predictably. */
const TAG_PATTERN = /^[^\p{Cc}]+$/u;
export const SOURCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export class PushedIocDto {
  @ApiProperty({ enum: IOC_TYPES })
  @IsIn(IOC_TYPES)
  type!: IocType;

  @ApiProperty({ maxLength: 512 })
  @IsString()
  @Length(1, 512)
  value!: string;
}

export class CreateAlertDto {
  @ApiProperty({ maxLength: 512 })
  @Transform(trim)
  @IsString()
  @Length(1, 512)
  title!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 100000 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100000)
  description?: string | null;

  @ApiProperty({ enum: ALERT_SEVERITIES })
  @IsIn(ALERT_SEVERITIES)
  severity!: AlertSeverity;

  @ApiProperty({ pattern: SOURCE_PATTERN.source, description: 'Where the alert comes from, e.g. wazuh, graylog, a pushing tool\'s name' })
  @IsString()
  @Matches(SOURCE_PATTERN, { message: 'source must be 1-64 letters, digits, _ . : or -, starting with a letter or digit' })
  source!: string;

  @ApiProperty({ pattern: CUSTOMER_CODE_PATTERN.source })
  @IsString()
  @Matches(CUSTOMER_CODE_PATTERN, { message: 'customerCode must be an existing customer code' })
  customerCode!: string;

  @ApiPropertyOptional({ maxLength: 255, description: 'The pushing tool\'s own id: a retry with the same (source, customerCode, externalId) answers 200 with the existing alert' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  externalId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Time of the first event; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  firstEventAt?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Time of the latest event; defaults to firstEventAt' })
  @IsOptional()
  @IsISO8601({ strict: true })
  lastEventAt?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS })
  @IsOptional()
  @Transform(tagSet)
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, TAG_MAX_LENGTH, { each: true })
  @Matches(TAG_PATTERN, { each: true, message: 'tags must not contain control characters' })
  tags?: string[];

  @ApiPropertyOptional({ maxLength: 128, description: 'The detection rule; part of the dedup key (customer + source + rule + asset)' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  ruleId?: string;

  @ApiPropertyOptional({ maxLength: 255, description: 'Host the alert is about (agent name); part of the dedup key' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  asset?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  agentId?: string;

  @ApiPropertyOptional({ type: [PushedIocDto], maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PushedIocDto)
  iocs?: PushedIocDto[];
}

/** Field-level update: only the fields present change, each in the same atomic UPDATE. */
export class PatchAlertDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES, description: 'CLOSED sets closedAt; any other status clears it' })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: AlertStatus;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'An assignable user (enabled admin or analyst); null un-assigns' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  assigneeId?: number | null;

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES })
  @IsOptional()
  @IsIn(ALERT_SEVERITIES)
  severity?: AlertSeverity;

  @ApiPropertyOptional({ enum: VERDICTS, nullable: true, description: 'null clears the verdict with its reason and note' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(VERDICTS)
  verdict?: Verdict | null;

  @ApiPropertyOptional({ enum: VERDICT_REASONS, description: 'Required with FALSE_POSITIVE, refused otherwise' })
  @IsOptional()
  @IsIn(VERDICT_REASONS)
  verdictReason?: VerdictReason;

  @ApiPropertyOptional({ maxLength: VERDICT_NOTE_MAX, description: 'Only together with verdict' })
  @IsOptional()
  @IsString()
  @MaxLength(VERDICT_NOTE_MAX)
  verdictNote?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, description: 'Replaces the whole set' })
  @IsOptional()
  @Transform(tagSet)
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, TAG_MAX_LENGTH, { each: true })
  @Matches(TAG_PATTERN, { each: true, message: 'tags must not contain control characters' })
  tags?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  escalated?: boolean;
}

export class CreateAlertCommentDto {
  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @Transform(trim)
  @IsString()
  @Length(1, 10000)
  body!: string;
}
