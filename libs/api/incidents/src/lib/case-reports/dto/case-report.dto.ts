import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CUSTOMER_CODE_PATTERN } from '@copilot/api-customers';

export class ReportTemplateDto {
  @ApiProperty({ example: 'incident-report.docx' }) name!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiPropertyOptional({ description: 'Lower-case hex SHA-256; returned on upload' }) sha256?: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class ReportTemplateListDto {
  @ApiProperty({ type: [ReportTemplateDto], description: 'Every template, by name' }) items!: ReportTemplateDto[];
}

export class RenderDocxDto {
  @ApiProperty({ example: 'incident-report.docx', description: 'Name of an uploaded report template' })
  @IsString()
  @MaxLength(120)
  template!: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** `?customerCode=a&customerCode=b` and `?customerCode=a,b` both mean the set {a, b}. */
const toList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [v]));

export class CasesCsvQuery {
  @ApiProperty({ example: '2025-01', description: 'First month (UTC), YYYY-MM' })
  @Matches(MONTH, { message: 'from must be a month, YYYY-MM' })
  from!: string;

  @ApiProperty({ example: '2025-03', description: 'Last month (UTC, inclusive), YYYY-MM' })
  @Matches(MONTH, { message: 'to must be a month, YYYY-MM' })
  to!: string;

  @ApiPropertyOptional({ type: [String], description: 'Repeat for several customers; none means every customer you can see. Outside your customers this is the unknown-customer 400' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(CUSTOMER_CODE_PATTERN, { each: true, message: 'customerCode must be an existing customer code' })
  customerCode?: string[];
}
