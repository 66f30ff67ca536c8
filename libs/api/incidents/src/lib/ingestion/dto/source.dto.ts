import { ApiProperty } from '@nestjs/swagger';
import { DEDUP_FIELDS, IOC_TYPES, type DedupField, type IocType } from '../source.types';

export class IocPathView {
  @ApiProperty() path!: string;
  @ApiProperty({ enum: IOC_TYPES }) type!: IocType;
}

export class SourceMappingView {
  @ApiProperty() title!: string;
  @ApiProperty() ruleId!: string;
  @ApiProperty() asset!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty() eventTime!: string;
  @ApiProperty() severity!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [IocPathView] }) iocs!: IocPathView[];
  @ApiProperty({ type: [String] }) customerFields!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) customerMap!: Record<string, string>;
}

export class UnattributedSampleDto {
  @ApiProperty() index!: string;
  @ApiProperty() id!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
}

export class SourceStatusDto {
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Event time of the last committed document' }) cursorTime!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '_id of the last committed document' }) cursorId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastPassAt!: Date | null;
  @ApiProperty({ nullable: true, enum: ['succeeded', 'failed', 'skipped'] }) lastPassStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastPassError!: string | null;
  @ApiProperty() docsRead!: number;
  @ApiProperty() alertsCreated!: number;
  @ApiProperty() alertsBumped!: number;
  @ApiProperty({ description: 'Documents no customer could be found for (never dropped silently: see samples)' }) unattributed!: number;
  @ApiProperty({ type: [UnattributedSampleDto], description: 'The most recent ones' }) unattributedSamples!: UnattributedSampleDto[];
  @ApiProperty() writeBackFailures!: number;
}

export class SourceDto {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: Number }) connectorId!: number | null;
  @ApiProperty() indexPattern!: string;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) query!: Record<string, unknown> | null;
  @ApiProperty({ type: SourceMappingView }) mapping!: SourceMappingView;
  @ApiProperty({ enum: DEDUP_FIELDS, isArray: true }) dedupFields!: DedupField[];
  @ApiProperty() dedupWindowMinutes!: number;
  @ApiProperty() overlapMinutes!: number;
  @ApiProperty() batchSize!: number;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() writeBack!: boolean;
  @ApiProperty({ type: SourceStatusDto }) status!: SourceStatusDto;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiProperty() version!: number;
}

export class IngestRunDto {
  @ApiProperty({ description: 'Scheduler run id: poll GET /api/scheduler/runs/{runId}' }) runId!: string;
  @ApiProperty() status!: string;
}
