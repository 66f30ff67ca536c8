import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALERT_EVENT_KINDS, ALERT_SEVERITIES, ALERT_STATUSES, AlertEventKind, AlertSeverity, AlertStatus, Verdict, VERDICT_REASONS, VerdictReason, VERDICTS,
} from '../alert.types';
import { IOC_TYPES, type IocType } from '../../ingestion/source.types';

export class AlertDto {
  @ApiProperty() id!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: ALERT_STATUSES }) status!: AlertStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt!: Date | null;
  @ApiProperty({ enum: ALERT_SEVERITIES }) severity!: AlertSeverity;
  @ApiProperty() source!: string;
  @ApiProperty() customerCode!: string;
  @ApiProperty({ nullable: true, type: Number }) assigneeId!: number | null;
  @ApiProperty() escalated!: boolean;
  @ApiProperty({ enum: VERDICTS, nullable: true }) verdict!: Verdict | null;
  @ApiProperty({ enum: VERDICT_REASONS, nullable: true }) verdictReason!: VerdictReason | null;
  @ApiProperty({ nullable: true, type: String }) verdictNote!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Username of who set the verdict' }) verdictBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) verdictAt!: Date | null;
  @ApiProperty() occurrences!: number;
  @ApiProperty({ type: String, format: 'date-time' }) firstEventAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) lastEventAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) lastSeenAt!: Date;
  @ApiProperty({ nullable: true, type: String }) externalId!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ description: 'Send as If-Match to make an update fail (412) when someone else changed the alert' }) version!: number;
}

export class AlertCommentDto {
  @ApiProperty() id!: number;
  @ApiProperty() alertId!: number;
  @ApiProperty({ nullable: true, type: Number }) authorId!: number | null;
  @ApiProperty() authorUsername!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class AlertEventDto {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: ALERT_EVENT_KINDS }) kind!: AlertEventKind;
  @ApiProperty({ nullable: true, type: Number }) actorId!: number | null;
  @ApiProperty({ nullable: true, type: String }) actorUsername!: string | null;
  @ApiProperty({ nullable: true, type: String }) fromValue!: string | null;
  @ApiProperty({ nullable: true, type: String }) toValue!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
}

export class AlertAssetDto {
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) agentId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Index of the document the asset was first seen in' }) indexName!: string | null;
  @ApiProperty({ nullable: true, type: String }) indexId!: string | null;
}

export class AlertIocDto {
  @ApiProperty({ enum: IOC_TYPES }) type!: IocType;
  @ApiProperty() value!: string;
}

export class AlertOccurrenceDto {
  @ApiProperty() indexName!: string;
  @ApiProperty() docId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) eventAt!: Date;
}

export class AlertContextDto {
  @ApiProperty() indexName!: string;
  @ApiProperty() docId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The first document\'s _source' }) document!: Record<string, unknown>;
}

export class AlertDetailDto extends AlertDto {
  @ApiProperty({ type: [AlertCommentDto], description: 'Oldest first' }) comments!: AlertCommentDto[];
  @ApiProperty({ type: [AlertEventDto], description: 'Oldest first' }) timeline!: AlertEventDto[];
  @ApiProperty({ type: [AlertAssetDto] }) assets!: AlertAssetDto[];
  @ApiProperty({ type: [AlertIocDto] }) iocs!: AlertIocDto[];
  @ApiProperty({ type: AlertContextDto, nullable: true, description: 'Null for pushed alerts' }) context!: AlertContextDto | null;
  @ApiProperty({ type: [AlertOccurrenceDto], description: 'The 20 most recent documents, newest first; fetch one with alertsOccurrenceDocument' })
  occurrenceRefs!: AlertOccurrenceDto[];
}

export class IndexerDocumentDto {
  @ApiProperty() indexName!: string;
  @ApiProperty() docId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) document!: Record<string, unknown>;
}

export class AlertPageDto {
  @ApiProperty({ type: [AlertDto] }) items!: AlertDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiPropertyOptional({ description: 'Only with withTotal=true' }) total?: number;
}

export class AlertCountsDto {
  @ApiProperty() OPEN!: number;
  @ApiProperty() IN_PROGRESS!: number;
  @ApiProperty() CLOSED!: number;
  @ApiProperty() total!: number;
}
