import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { CUSTOMER_CODE_PATTERN } from '@copilot/api-customers';
import { SOURCE_PATTERN } from '../../alerts/dto/alert-input.dto';
import { CASE_DESCRIPTION_MAX, CASE_NAME_MAX, CASE_STATUSES, CaseStatus, MAX_LINK_IDS } from '../case.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const MAX_ID = 2_147_483_647;

export class CreateCaseDto {
  @ApiProperty({ maxLength: CASE_NAME_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, CASE_NAME_MAX)
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: CASE_DESCRIPTION_MAX })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(CASE_DESCRIPTION_MAX)
  description?: string | null;

  @ApiProperty({ pattern: CUSTOMER_CODE_PATTERN.source })
  @IsString()
  @Matches(CUSTOMER_CODE_PATTERN, { message: 'customerCode must be an existing customer code' })
  customerCode!: string;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'An enabled admin or analyst; not for customer users' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  assigneeId?: number | null;

  @ApiPropertyOptional({ pattern: SOURCE_PATTERN.source, description: 'Where the case comes from; picks the case template together with the customer' })
  @IsOptional()
  @IsString()
  @Matches(SOURCE_PATTERN, { message: 'source must be 1-64 letters, digits, _ . : or -, starting with a letter or digit' })
  source?: string;

  @ApiPropertyOptional({ description: 'Not for customer users' })
  @IsOptional()
  @IsBoolean()
  escalated?: boolean;
}

export class CaseFromAlertDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  alertId!: number;
}

/** Field-level update: only the fields present change, each in the same atomic UPDATE. */
export class PatchCaseDto {
  @ApiPropertyOptional({ maxLength: CASE_NAME_MAX })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, CASE_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: CASE_DESCRIPTION_MAX })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(CASE_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ enum: CASE_STATUSES, description: 'CLOSED sets closedAt; any other status clears it' })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'An enabled admin or analyst; null un-assigns. Not for customer users' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  assigneeId?: number | null;

  @ApiPropertyOptional({ description: 'Not for customer users' })
  @IsOptional()
  @IsBoolean()
  escalated?: boolean;

  @ApiPropertyOptional({ description: 'Only with status CLOSED: also closes every linked alert, in the same transaction. Not for customer users' })
  @IsOptional()
  @IsBoolean()
  closeLinkedAlerts?: boolean;
}

export class LinkAlertsDto {
  @ApiProperty({ type: [Number], minItems: 1, maxItems: MAX_LINK_IDS, description: 'Alerts of the case\'s customer; already linked ones are left as they are' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINK_IDS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  alertIds!: number[];
}

export class CreateCaseCommentDto {
  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @Transform(trim)
  @IsString()
  @Length(1, 10000)
  body!: string;
}
