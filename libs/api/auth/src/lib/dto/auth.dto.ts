import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Role, ROLES } from '@copilot/api-core';
import { CustomerRefDto } from '@copilot/api-customers';

/** OAuth2 password grant, form-encoded. `client_id` says which app is signing in. */
export class TokenRequestDto {
  @ApiProperty()
  @IsString()
  @Length(1, 256)
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 256)
  password!: string;

  @ApiPropertyOptional({ enum: ['console', 'portal'], description: 'console refuses customer accounts; portal accepts only them' })
  @IsOptional()
  @IsIn(['console', 'portal'])
  client_id?: 'console' | 'portal';

  @ApiPropertyOptional({ description: 'OAuth2 grant type; only "password" is supported' })
  @IsOptional()
  @IsIn(['password'])
  grant_type?: string;

  @ApiPropertyOptional({ description: 'Ignored: scopes come from the account\'s role' })
  @IsOptional()
  @IsString()
  scope?: string;
}

export class TokenResponseDto {
  @ApiProperty() access_token!: string;
  @ApiProperty({ enum: ['bearer'] }) token_type!: 'bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expires_in!: number;
}

export class MeDto {
  @ApiProperty() id!: number;
  @ApiProperty() username!: string;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty({ type: [CustomerRefDto], description: 'Customers the account is limited to (empty = all for staff)' }) customers!: CustomerRefDto[];
  @ApiProperty() mustChangePassword!: boolean;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 256)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @Length(1, 256)
  newPassword!: string;
}
