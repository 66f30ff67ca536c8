import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadInputError, ConflictError, NotFoundError, PreconditionFailedError, Principal } from '@copilot/api-core';
import { Connector, WAZUH_INDEXER } from '@copilot/api-connectors';
import { CustomersService } from '@copilot/api-customers';
import { AlertOrigin } from '../alerts/alert-evidence.entities';
import { AlertSource } from './alert-source.entity';
import type { SourceInputDto } from './dto/source-input.dto';
import type { SourceDto } from './dto/source.dto';
import {
  DEFAULT_BATCH_SIZE, DEFAULT_DEDUP_FIELDS, DEFAULT_DEDUP_WINDOW_MINUTES, DEFAULT_OVERLAP_MINUTES, WAZUH_DEFAULT_MAPPING, type SourceMapping,
} from './source.types';

const DAY = 24 * 60 * 60_000;

/** Alert sources: configuration (admin, analyst) and the status the ingestion pass keeps on each. */
@Injectable()
export class SourcesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly customers: CustomersService,
  ) {}

  private get repo() {
    return this.db.getRepository(AlertSource);
  }

  async list(): Promise<SourceDto[]> {
    return (await this.repo.find({ order: { name: 'ASC' } })).map(toSourceDto);
  }

  async get(id: number): Promise<SourceDto> {
    return toSourceDto(await this.find(id));
  }

  async find(id: number): Promise<AlertSource> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new NotFoundError(`Alert source ${id} not found`);
    return row;
  }

  async create(dto: SourceInputDto, actor: Principal): Promise<SourceDto> {
    const mapping = await this.validate(dto, actor);
    await this.assertNameFree(dto.name);
    const start = dto.startAt ? new Date(dto.startAt).getTime() : Date.now() - DAY;
    const res = await this.repo.insert({
      name: dto.name, connectorId: dto.connectorId ?? null, indexPattern: dto.indexPattern, query: (dto.query ?? null) as never, mapping: mapping as never,
      dedupFields: dto.dedupFields ?? DEFAULT_DEDUP_FIELDS, dedupWindowMinutes: dto.dedupWindowMinutes ?? DEFAULT_DEDUP_WINDOW_MINUTES,
      overlapMinutes: dto.overlapMinutes ?? DEFAULT_OVERLAP_MINUTES, batchSize: dto.batchSize ?? DEFAULT_BATCH_SIZE, enabled: dto.enabled ?? true,
      writeBack: dto.writeBack ?? false, cursorTime: start, cursorId: '', lastPassAt: null, lastPassStatus: null, lastPassError: null, docsRead: 0,
      alertsCreated: 0, alertsBumped: 0, unattributed: 0, writeBackFailures: 0, unattributedSamples: [],
    });
    return this.get(Number(res.identifiers[0]['id']));
  }

  /** A full replacement of the configuration; the status (and the cursor, unless startAt moves it) is kept. */
  async replace(id: number, dto: SourceInputDto, actor: Principal, ifMatch?: number): Promise<SourceDto> {
    const current = await this.find(id);
    const mapping = await this.validate(dto, actor);
    if (dto.name !== current.name) await this.assertNameFree(dto.name);
    const qb = this.db.createQueryBuilder().update(AlertSource).set({
      name: dto.name, connectorId: dto.connectorId ?? null, indexPattern: dto.indexPattern, query: (dto.query ?? null) as never, mapping: mapping as never,
      dedupFields: dto.dedupFields ?? DEFAULT_DEDUP_FIELDS, dedupWindowMinutes: dto.dedupWindowMinutes ?? DEFAULT_DEDUP_WINDOW_MINUTES,
      overlapMinutes: dto.overlapMinutes ?? DEFAULT_OVERLAP_MINUTES, batchSize: dto.batchSize ?? DEFAULT_BATCH_SIZE, enabled: dto.enabled ?? true,
      writeBack: dto.writeBack ?? false, ...(dto.startAt ? { cursorTime: new Date(dto.startAt).getTime(), cursorId: '' } : {}),
    }).where('id = :id', { id });
    if (ifMatch !== undefined) qb.andWhere('version = :v', { v: ifMatch });
    if (((await qb.execute()).affected ?? 0) === 0) {
      throw ifMatch !== undefined ? new PreconditionFailedError(`Alert source ${id} was changed by someone else (version ${ifMatch} is stale): reload and retry`) : new NotFoundError(`Alert source ${id} not found`);
    }
    return this.get(id);
  }

  /** Its alerts stay; only the origin keys of its documents go with it. */
  async delete(id: number): Promise<void> {
    await this.find(id);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(AlertOrigin).delete({ sourceId: id });
      await tx.getRepository(AlertSource).delete({ id });
    });
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.repo.exists({ where: { name } })) throw new ConflictError(`An alert source named "${name}" already exists`, [{ field: 'name', message: 'already exists' }]);
  }

  /** Connector of the right kind, customer codes of the map within the caller's scope; returns the full mapping. */
  private async validate(dto: SourceInputDto, actor: Principal): Promise<SourceMapping> {
    if (dto.connectorId != null && !(await this.db.getRepository(Connector).exists({ where: { id: dto.connectorId, name: WAZUH_INDEXER } }))) {
      throw new BadInputError(`Connector ${dto.connectorId} is not a Wazuh-Indexer instance`, [{ field: 'connectorId', message: 'must be a Wazuh-Indexer connector' }]);
    }
    const map = dto.mapping?.customerMap ?? {};
    for (const [value, code] of Object.entries(map)) {
      if (typeof code !== 'string') throw new BadInputError('customerMap values must be customer codes', [{ field: `mapping.customerMap.${value}`, message: 'must be a string' }]);
    }
    const codes = [...new Set(Object.values(map))];
    if (codes.length > 0) await this.customers.assertExist(codes, actor.scope, 'mapping.customerMap');
    const defined = Object.fromEntries(Object.entries(dto.mapping ?? {}).filter(([, v]) => v !== undefined));
    return { ...WAZUH_DEFAULT_MAPPING, ...defined, customerMap: map } as SourceMapping;
  }
}

export function toSourceDto(s: AlertSource): SourceDto {
  return {
    id: s.id, name: s.name, connectorId: s.connectorId, indexPattern: s.indexPattern, query: s.query, mapping: s.mapping, dedupFields: s.dedupFields,
    dedupWindowMinutes: s.dedupWindowMinutes, overlapMinutes: s.overlapMinutes, batchSize: s.batchSize, enabled: s.enabled, writeBack: s.writeBack,
    status: {
      cursorTime: s.cursorTime !== null ? new Date(s.cursorTime).toISOString() : null, cursorId: s.cursorId || null, lastPassAt: s.lastPassAt,
      lastPassStatus: s.lastPassStatus, lastPassError: s.lastPassError, docsRead: s.docsRead, alertsCreated: s.alertsCreated, alertsBumped: s.alertsBumped,
      unattributed: s.unattributed, unattributedSamples: s.unattributedSamples ?? [], writeBackFailures: s.writeBackFailures,
    },
    createdAt: s.createdAt, updatedAt: s.updatedAt, version: s.version,
  };
}
