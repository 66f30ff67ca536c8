import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ListQuery, Role, ROLES } from '@copilot/api-core';
import { CUSTOMER_CODE_PATTERN } from '@copilot/api-customers';

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Roles an admin may give; `scheduler` is a service account that boot owns. */
export const ASSIGNABLE_ROLES = ROLES.filter((r) => r !== 'scheduler');

/** Fields a user has on create and on update; create adds what it requires. */
class UserFieldsDto {
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 128 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(128)
  displayName?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'email' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null && v !== '')
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
}

const USERNAME_MESSAGE = 'username must be 3-64 letters, digits, ., _, @ or -, starting with a letter or digit';
const ROLE_MESSAGE = `role must be one of ${ASSIGNABLE_ROLES.join(', ')}`;

export class CreateUserDto extends UserFieldsDto {
  @ApiProperty({ pattern: USERNAME_PATTERN.source })
  @Transform(trim)
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username!: string;

  @ApiProperty({ enum: ASSIGNABLE_ROLES })
  @IsIn(ASSIGNABLE_ROLES, { message: ROLE_MESSAGE })
  role!: Role;

  @ApiProperty({ minLength: 12, description: 'At least 12 characters, not a commonly used password' })
  @IsString()
  @Length(1, 256)
  password!: string;

  @ApiPropertyOptional({ type: [String], description: 'Customers the user may see (analysts: empty = all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(CUSTOMER_CODE_PATTERN, { each: true, message: 'each customer code must be a valid code' })
  customerCodes?: string[];
}

export class UpdateUserDto extends UserFieldsDto {
  @ApiPropertyOptional({ pattern: USERNAME_PATTERN.source })
  @IsOptional()
  @Transform(trim)
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username?: string;

  @ApiPropertyOptional({ enum: ASSIGNABLE_ROLES })
  @IsOptional()
  @IsIn(ASSIGNABLE_ROLES, { message: ROLE_MESSAGE })
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class SetCustomersDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(CUSTOMER_CODE_PATTERN, { each: true, message: 'each customer code must be a valid code' })
  customerCodes!: string[];
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 12 })
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class ListUsersQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Matches username, display name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  q?: string;
}

export class UserDto {
  @ApiProperty() id!: number;
  @ApiProperty() username!: string;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ nullable: true, type: String, enum: ['admin', 'scheduler'] }) builtin!: string | null;
  @ApiProperty({ type: [String] }) customerCodes!: string[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty() total!: number;
}

export class AssignableUserDto {
  @ApiProperty() id!: number;
  @ApiProperty() username!: string;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
}
