import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Scopes } from '../auth/principal';
import { ApiProblems } from '../http/params';
import { ListQuery, paginate } from '../http/list';
import { LIKE_ESCAPE, likePattern } from '../database/like';
import { AUDIT_OUTCOMES, AuditLogEntry } from './audit-log.entity';

class ListAuditQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Actor user id' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  actorId?: number;

  @ApiPropertyOptional({ description: 'Action prefix, e.g. "auth.login" or "POST /api/customers"' })
  @IsOptional()
  @IsString()
  @MaxLength(160)
  action?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: (typeof AUDIT_OUTCOMES)[number];
}

class AuditEntryDto {
  @ApiProperty() id!: number;
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
  @ApiProperty({ nullable: true, type: Number }) actorId!: number | null;
  @ApiProperty({ nullable: true, type: String }) actorUsername!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty({ nullable: true, type: String }) entity!: string | null;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome!: string;
  @ApiProperty({ nullable: true, type: Number }) statusCode!: number | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
}

class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

@ApiTags('Audit')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('audit-log')
export class AuditController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @Scopes('admin')
  @ApiOperation({ operationId: 'auditList', summary: 'Audit log, newest first (append-only)' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListAuditQuery): Promise<AuditPageDto> {
    const qb = this.db.getRepository(AuditLogEntry).createQueryBuilder('a');
    if (query.actorId) qb.andWhere('a.actorId = :actor', { actor: query.actorId });
    if (query.action) qb.andWhere(`a.action LIKE :action ${LIKE_ESCAPE}`, { action: likePattern(query.action, 'prefix') });
    if (query.outcome) qb.andWhere('a.outcome = :outcome', { outcome: query.outcome });
    const page = await paginate(qb, [{ expr: 'a.id', prop: 'id', dir: 'DESC' }], query);
    return { items: page.items, nextCursor: page.nextCursor };
  }
}
