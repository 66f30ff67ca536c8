import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ListQuery } from '@copilot/api-core';

export const CUSTOMER_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{1,31}$/;
/** PNG, JPEG or WebP only (SVG can carry script), at most 256 KB once decoded. */
const LOGO_PATTERN = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/;
const LOGO_MAX_CHARS = Math.ceil((256 * 1024 * 4) / 3) + 40;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * The details shared by create and update. `name` is declared by each subclass (required on
 * create, optional on update) rather than overridden with `declare`, whose decorators swc drops.
 */
class CustomerDetailsDto {
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 64, description: 'e.g. MSSP client, internal, partner' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(64)
  type?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'customerCode of the parent customer' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(CUSTOMER_CODE_PATTERN, { message: 'parentCustomerCode must be an existing customer code' })
  parentCustomerCode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 128 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(128)
  contactName?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'email' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null && v !== '')
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 64 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(64)
  contactPhone?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  address?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 10000 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(10000)
  notes?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'data: URL of a PNG, JPEG or WebP image, at most 256 KB' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(LOGO_MAX_CHARS, { message: 'logo must be at most 256 KB' })
  @Matches(LOGO_PATTERN, { message: 'logo must be a data: URL of a PNG, JPEG or WebP image' })
  logo?: string | null;
}

export class UpdateCustomerDto extends CustomerDetailsDto {
  @ApiPropertyOptional({ maxLength: 128 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 128)
  name?: string;
}

export class CreateCustomerDto extends CustomerDetailsDto {
  @ApiProperty({ pattern: CUSTOMER_CODE_PATTERN.source, description: 'Unique slug, fixed at creation' })
  @Transform(trim)
  @IsString()
  @Matches(CUSTOMER_CODE_PATTERN, { message: 'customerCode must be 2-32 lowercase letters, digits, - or _, starting with a letter or digit' })
  customerCode!: string;

  @ApiProperty({ maxLength: 128 })
  @Transform(trim)
  @IsString()
  @Length(1, 128)
  name!: string;
}

export class PatchCustomerDto extends PartialType(UpdateCustomerDto) {}

export class ListCustomersQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Matches code or name' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  q?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  includeInactive?: boolean;
}

export class CustomerDto {
  @ApiProperty() id!: number;
  @ApiProperty() customerCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) type!: string | null;
  @ApiProperty({ nullable: true, type: String }) parentCustomerCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactEmail!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPhone!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ nullable: true, type: String }) logo!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class CustomerPageDto {
  @ApiProperty({ type: [CustomerDto] }) items!: CustomerDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty() total!: number;
}

export class CustomerRefDto {
  @ApiProperty() customerCode!: string;
  @ApiProperty() name!: string;
}

