import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_SEVERITIES, ALERT_STATUSES, AlertSeverity, AlertStatus } from '../../alerts/alert.types';
import { CASE_EVENT_KINDS, CASE_STATUSES, CaseEventKind, CaseStatus } from '../case.types';
import { CaseTaskDto } from './case-task.dto';

export class CaseDto {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: CASE_STATUSES }) status!: CaseStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt!: Date | null;
  @ApiProperty() customerCode!: string;
  @ApiProperty({ nullable: true, type: Number }) assigneeId!: number | null;
  @ApiProperty() escalated!: boolean;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The template applied at creation (null if none matched or it was deleted since)' }) templateId!: number | null;
  @ApiProperty({ description: 'Number of linked alerts' }) alertCount!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ description: 'Send as If-Match to make an update fail (412) when someone else changed the case' }) version!: number;
}

export class CaseAlertSummaryDto {
  @ApiProperty() id!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ALERT_STATUSES }) status!: AlertStatus;
  @ApiProperty({ enum: ALERT_SEVERITIES }) severity!: AlertSeverity;
  @ApiProperty() source!: string;
  @ApiProperty({ type: String, format: 'date-time' }) lastEventAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) linkedAt!: Date;
  @ApiProperty({ description: 'Username of who linked it' }) linkedBy!: string;
}

export class CaseCommentDto {
  @ApiProperty() id!: number;
  @ApiProperty() caseId!: number;
  @ApiProperty({ nullable: true, type: Number }) authorId!: number | null;
  @ApiProperty() authorUsername!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class CaseEventDto {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: CASE_EVENT_KINDS }) kind!: CaseEventKind;
  @ApiProperty({ nullable: true, type: Number }) actorId!: number | null;
  @ApiProperty({ nullable: true, type: String }) actorUsername!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The alert, task, comment or template the event is about' }) refId!: number | null;
  @ApiProperty({ nullable: true, type: String }) fromValue!: string | null;
  @ApiProperty({ nullable: true, type: String }) toValue!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
}

export class CaseTemplateRefDto {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
}

export class CaseDetailDto extends CaseDto {
  @ApiProperty({ type: CaseTemplateRefDto, nullable: true, description: 'Which template was applied at creation' }) template!: CaseTemplateRefDto | null;
  @ApiProperty({ type: [CaseAlertSummaryDto], description: 'Linked alerts, oldest link first' }) alerts!: CaseAlertSummaryDto[];
  @ApiProperty({ type: [CaseTaskDto], description: 'In creation order' }) tasks!: CaseTaskDto[];
  @ApiProperty({ type: [CaseCommentDto], description: 'Oldest first' }) comments!: CaseCommentDto[];
  @ApiProperty({ type: [CaseEventDto], description: 'Oldest first' }) timeline!: CaseEventDto[];
}

export class CaseCountsDto {
  @ApiProperty() OPEN!: number;
  @ApiProperty() IN_PROGRESS!: number;
  @ApiProperty() CLOSED!: number;
  @ApiProperty() total!: number;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseDto] }) items!: CaseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiPropertyOptional({ description: 'Only with withTotal=true' }) total?: number;
}
