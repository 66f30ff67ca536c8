import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ListQuery } from '@copilot/api-core';
import { CUSTOMER_CODE_PATTERN } from '@copilot/api-customers';
import { CONNECTOR_NAMES } from '../catalogue';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const EXTRA_DOC = 'Connector-specific settings: INFLUXDB_ORG, INFLUXDB_BUCKET (InfluxDB), PORTAINER_ENDPOINT_ID (Portainer)';

/**
 * Writable settings. Secrets are write-only: an omitted secret keeps its stored value and an explicit null clears it;
 * responses only say whether each is set.
 */
export class UpdateConnectorDto {
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2048, example: 'https://wazuh-indexer:9200', description: 'http(s) only, without credentials' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @MaxLength(2048)
  url?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 255 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(255)
  username?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 1024, writeOnly: true, description: 'Omit to keep, null to clear' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 1024)
  password?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 4096, writeOnly: true, description: 'Omit to keep, null to clear' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 4096)
  apiKey?: string | null;

  @ApiPropertyOptional({ description: 'TLS certificate verification (default true); false is flagged with tlsWarning' })
  @IsOptional()
  @IsBoolean()
  verifyTls?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 65536, description: 'PEM of the CA that signed the system\'s certificate' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(65536)
  caPem?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: EXTRA_DOC })
  @IsOptional()
  @IsObject()
  extra?: Record<string, string>;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Only null is accepted: it removes the uploaded credential file (upload via POST /connectors/{id}/file)' })
  @IsOptional()
  @Equals(null, { message: 'file can only be null here (it clears the file); upload a file through POST /api/connectors/{id}/file' })
  file?: null;
}

export class CreateConnectorDto extends UpdateConnectorDto {
  @ApiProperty({ enum: CONNECTOR_NAMES })
  @IsIn(CONNECTOR_NAMES, { message: `name must be one of ${CONNECTOR_NAMES.join(', ')}` })
  name!: string;

  @ApiProperty({ pattern: CUSTOMER_CODE_PATTERN.source, description: 'The customer owning this instance (global instances come from the environment)' })
  @Transform(trim)
  @IsString()
  @Matches(CUSTOMER_CODE_PATTERN, { message: 'customerCode must be an existing customer code' })
  customerCode!: string;
}

export class ConnectorFileDto {
  @ApiProperty({ maxLength: 255, example: 'api.config.yaml' })
  @IsString()
  @Length(1, 255)
  fileName!: string;

  @ApiProperty({ description: 'The file, base64-encoded; at most 256 KB decoded' })
  @IsString()
  contentBase64!: string;
}

export class ListConnectorsQuery extends ListQuery {
  @ApiPropertyOptional({ enum: CONNECTOR_NAMES })
  @IsOptional()
  @IsIn(CONNECTOR_NAMES)
  name?: string;

  @ApiPropertyOptional({ description: 'Only this customer\'s own instances' })
  @IsOptional()
  @Matches(CUSTOMER_CODE_PATTERN, { message: 'customerCode must be an existing customer code' })
  customerCode?: string;
}

export class ConnectorDto {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: CONNECTOR_NAMES }) name!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null for the global instance' }) customerCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) url!: string | null;
  @ApiProperty({ nullable: true, type: String }) username!: string | null;
  @ApiProperty({ description: 'A password is stored (never returned)' }) passwordSet!: boolean;
  @ApiProperty({ description: 'An API key is stored (never returned)' }) apiKeySet!: boolean;
  @ApiProperty({ description: 'A credential file is stored (never returned)' }) fileSet!: boolean;
  @ApiProperty({ nullable: true, type: String }) fileName!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) extra!: Record<string, string>;
  @ApiProperty() verifyTls!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Set when verifyTls is false: a warning for the console to show' }) tlsWarning!: string | null;
  @ApiProperty({ nullable: true, type: String }) caPem!: string | null;
  @ApiProperty({ description: 'Has everything it needs to be used' }) configured!: boolean;
  @ApiProperty({ description: 'This version can verify and use it' }) supported!: boolean;
  @ApiProperty() verified!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastVerifiedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class ConnectorPageDto {
  @ApiProperty({ type: [ConnectorDto] }) items!: ConnectorDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty() total!: number;
}

export class VerifyConnectorResultDto {
  @ApiProperty() connectionSuccessful!: boolean;
  @ApiProperty({ example: 'connected to OpenSearch cluster "wazuh-cluster" (status green, 1 node)' }) message!: string;
}
