import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ListQuery } from '@copilot/api-core';
import { CUSTOMER_CODE_PATTERN } from '@copilot/api-customers';
import { SOURCE_PATTERN } from '../../alerts/dto/alert-input.dto';
import { TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from '../../cases/case.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const MAX_TEMPLATE_TASKS = 100;

export class CaseTemplateTaskInputDto {
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

  @ApiPropertyOptional({ default: false, description: 'Copied into cases as a task that cannot be NOT_NECESSARY' })
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean;
}

/** Create and full replacement (PUT) share one shape: what is omitted becomes empty. */
export class SaveCaseTemplateDto {
  @ApiProperty({ maxLength: 128 })
  @Transform(trim)
  @IsString()
  @Length(1, 128)
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: TASK_DESCRIPTION_MAX })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(TASK_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, pattern: CUSTOMER_CODE_PATTERN.source, description: 'Only cases of this customer; unset: any customer (needs access to all customers)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(CUSTOMER_CODE_PATTERN, { message: 'customerCode must be an existing customer code' })
  customerCode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, pattern: SOURCE_PATTERN.source, description: 'Only cases from this source (case-insensitive); unset: any source' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(SOURCE_PATTERN, { message: 'source must be 1-64 letters, digits, _ . : or -, starting with a letter or digit' })
  source?: string | null;

  @ApiPropertyOptional({ type: [CaseTemplateTaskInputDto], maxItems: MAX_TEMPLATE_TASKS, description: 'In the order they are copied into a case' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TEMPLATE_TASKS)
  @ValidateNested({ each: true })
  @Type(() => CaseTemplateTaskInputDto)
  tasks?: CaseTemplateTaskInputDto[];
}

export class ListCaseTemplatesQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Templates of this customer only' })
  @IsOptional()
  @IsString()
  @Matches(CUSTOMER_CODE_PATTERN, { message: 'customerCode must be an existing customer code' })
  customerCode?: string;
}

export class CaseTemplateTaskDto {
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() mandatory!: boolean;
}

export class CaseTemplateDto {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ nullable: true, type: String }) customerCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({ type: [CaseTemplateTaskDto] }) tasks!: CaseTemplateTaskDto[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ description: 'Send as If-Match to make a replace fail (412) when someone else changed the template' }) version!: number;
}

export class CaseTemplatePageDto {
  @ApiProperty({ type: [CaseTemplateDto] }) items!: CaseTemplateDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiPropertyOptional() total?: number;
}
