import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, RUN_STATUSES, RUN_TRIGGERS } from '@copilot/api-core';

export class JobDto {
  @ApiProperty({ description: 'The job name, e.g. prune_audit_log' }) id!: string;
  @ApiProperty() description!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() intervalMinutes!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastStart!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastSuccess!: Date | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastErrorAt!: Date | null;
  @ApiProperty({ nullable: true, type: Number }) lastDurationMs!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextRun!: Date | null;
}

export class JobPageDto {
  @ApiProperty({ type: [JobDto] }) items!: JobDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty() total!: number;
}

export class JobRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() jobId!: string;
  @ApiProperty({ enum: RUN_TRIGGERS }) trigger!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Number }) durationMs!: number | null;
  @ApiProperty({ nullable: true, type: String }) summary!: string | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorUsername!: string | null;
}

export class NextRunDto {
  @ApiProperty() id!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'null while the job is paused' }) nextRun!: Date | null;
}

export class UpdateJobDto {
  @ApiProperty({ minimum: MIN_INTERVAL_MINUTES, maximum: MAX_INTERVAL_MINUTES })
  @IsInt()
  @Min(MIN_INTERVAL_MINUTES)
  @Max(MAX_INTERVAL_MINUTES)
  intervalMinutes!: number;
}
