import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { TASK_DESCRIPTION_MAX, TASK_STATUSES, TASK_TITLE_MAX, TaskStatus } from '../case.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCaseTaskDto {
  @ApiProperty({ maxLength: TASK_TITLE_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, TASK_TITLE_MAX)
  title!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: TASK_DESCRIPTION_MAX })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(TASK_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ default: false, description: 'A mandatory task cannot be NOT_NECESSARY' })
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean;

  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'TODO' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;
}

export class PatchCaseTaskDto {
  @ApiPropertyOptional({ maxLength: TASK_TITLE_MAX })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TASK_TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: TASK_DESCRIPTION_MAX })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(TASK_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ description: 'A mandatory task cannot be NOT_NECESSARY' })
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;
}

export class CaseTaskDto {
  @ApiProperty() id!: number;
  @ApiProperty() caseId!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty() mandatory!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}
