import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min,
  ValidateNested,
} from 'class-validator';
import { SOURCE_PATTERN } from '../../alerts/dto/alert-input.dto';
import { DEDUP_FIELDS, IOC_TYPES, type DedupField, type IocType } from '../source.types';

/** A dotted path into `_source` (or a flat key): letters, digits, _ @ - and dots. */
const FIELD_PATH = /^[A-Za-z0-9_@-]+(\.[A-Za-z0-9_@-]+)*$/;
const PATH_MESSAGE = 'must be a field path such as rule.level or rule_level';
/** OpenSearch index expressions: names, wildcards and commas, never a path or a query string. */
const INDEX_PATTERN = /^[a-z0-9*][a-z0-9_.*+,-]{0,254}$/;

export class IocPathDto {
  @ApiProperty()
  @Matches(FIELD_PATH, { message: `path ${PATH_MESSAGE}` })
  path!: string;

  @ApiProperty({ enum: IOC_TYPES })
  @IsIn(IOC_TYPES)
  type!: IocType;
}

export class SourceMappingDto {
  @ApiPropertyOptional({ description: 'Default rule.description' }) @IsOptional() @Matches(FIELD_PATH, { message: `title ${PATH_MESSAGE}` }) title?: string;
  @ApiPropertyOptional({ description: 'Default rule.id' }) @IsOptional() @Matches(FIELD_PATH, { message: `ruleId ${PATH_MESSAGE}` }) ruleId?: string;
  @ApiPropertyOptional({ description: 'Default agent.name' }) @IsOptional() @Matches(FIELD_PATH, { message: `asset ${PATH_MESSAGE}` }) asset?: string;
  @ApiPropertyOptional({ description: 'Default agent.id' }) @IsOptional() @Matches(FIELD_PATH, { message: `agentId ${PATH_MESSAGE}` }) agentId?: string;
  @ApiPropertyOptional({ description: 'A date field; default timestamp' }) @IsOptional() @Matches(FIELD_PATH, { message: `eventTime ${PATH_MESSAGE}` }) eventTime?: string;
  @ApiPropertyOptional({ description: 'Numeric level (>= 12 Critical, 8-11 High, 4-7 Medium, < 4 Low) or a severity name; default rule.level' })
  @IsOptional() @Matches(FIELD_PATH, { message: `severity ${PATH_MESSAGE}` }) severity?: string;
  @ApiPropertyOptional({ description: 'Default full_log' }) @IsOptional() @Matches(FIELD_PATH, { message: `description ${PATH_MESSAGE}` }) description?: string;

  @ApiPropertyOptional({ type: [IocPathDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => IocPathDto)
  iocs?: IocPathDto[];

  @ApiPropertyOptional({ type: [String], description: 'Tried in order; the first present value decides the customer' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @Matches(FIELD_PATH, { each: true, message: `customerFields ${PATH_MESSAGE}` })
  customerFields?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Field value -> customer code, case-insensitive' })
  @IsOptional() @IsObject()
  customerMap?: Record<string, string>;
}

export class SourceInputDto {
  @ApiProperty({ pattern: SOURCE_PATTERN.source, description: 'Also the `source` of the alerts it creates' })
  @IsString() @Matches(SOURCE_PATTERN, { message: 'name must be 1-64 letters, digits, _ . : or -, starting with a letter or digit' })
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'A Wazuh-indexer connector instance; null or absent: the global one' })
  @IsOptional() @IsInt() @Min(1)
  connectorId?: number | null;

  @ApiProperty({ example: 'wazuh-alerts-*' })
  @IsString() @Matches(INDEX_PATTERN, { message: 'indexPattern must be an index name or pattern such as wazuh-alerts-* or gl-events*' })
  indexPattern!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'Extra OpenSearch query AND-ed with the scan' })
  @IsOptional() @IsObject()
  query?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: SourceMappingDto, description: 'Missing fields take the Wazuh defaults' })
  @IsOptional() @ValidateNested() @Type(() => SourceMappingDto)
  mapping?: SourceMappingDto;

  @ApiPropertyOptional({ enum: DEDUP_FIELDS, isArray: true, description: 'Besides the customer; default source, rule, asset' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(DEDUP_FIELDS, { each: true })
  dedupFields?: DedupField[];

  @ApiPropertyOptional({ minimum: 0, maximum: 43200, description: 'Minutes of event time; default 1440 (24 h); 0 turns dedup off' })
  @IsOptional() @IsInt() @Min(0) @Max(43200)
  dedupWindowMinutes?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1440, description: 'Re-read before the cursor each pass; default 5' })
  @IsOptional() @IsInt() @Min(0) @Max(1440)
  overlapMinutes?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5000, description: 'Documents per batch (one transaction each); default 500' })
  @IsOptional() @IsInt() @Min(1) @Max(5000)
  batchSize?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;

  @ApiPropertyOptional({ description: 'Write each alert id back into its documents (copilot_alert_id); default false' })
  @IsOptional() @IsBoolean()
  writeBack?: boolean;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Move the cursor here (first pass of a new source: default 24 hours ago)' })
  @IsOptional() @IsISO8601({ strict: true })
  startAt?: string;
}

export class ManualAlertDto {
  @ApiProperty({ example: 'wazuh-alerts-4.x-2024.05.01' })
  @IsString() @Matches(/^[a-z0-9][a-z0-9_.+-]{0,254}$/, { message: 'indexName must be one concrete index name' })
  indexName!: string;

  @ApiProperty({ description: 'The document _id' })
  @IsString() @Length(1, 512) @MaxLength(512)
  alertId!: string;
}
