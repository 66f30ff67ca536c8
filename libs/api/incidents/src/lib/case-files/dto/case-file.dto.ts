import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CaseFileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() caseId!: number;
  @ApiProperty({ description: 'The name as uploaded' }) name!: string;
  @ApiProperty({ description: 'Declared media type, or application/octet-stream' }) contentType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'Lower-case hex SHA-256 of the stored bytes, computed while they streamed in' }) sha256!: string;
  @ApiProperty({ description: 'Username of the uploader at the time' }) uploadedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class CaseFilePageDto {
  @ApiProperty({ type: [CaseFileDto] }) items!: CaseFileDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiPropertyOptional() total?: number;
}

/** The multipart body of an upload, for the OpenAPI document (the handler reads the stream itself). */
export class FileUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file; its part filename is its name' }) file!: unknown;
}
