import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadInputError, Principal, scopeQuery } from '@copilot/api-core';
import { Alert } from '../alerts/alert.entity';
import { CaseReader } from '../cases/case-reader';
import { CaseWriter, NewCase } from '../cases/case-writer';
import { BulkAlertsDto, BulkItemResultDto, BulkResultDto } from './dto/bulk.dto';

/**
 * Bulk merge: links alerts to an existing case or to a new one. Ids the caller cannot see are
 * per-item 404s (never a hint that they exist); alerts of another customer than an existing case
 * are per-item 400s. The rest are linked in ONE transaction with the new case, if any: a MERGED
 * event on each alert and a LINKED event on the case.
 */
@Injectable()
export class AlertsMergeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reader: CaseReader,
    private readonly writer: CaseWriter,
  ) {}

  async merge(dto: BulkAlertsDto, actor: Principal): Promise<BulkResultDto> {
    const found = await scopeQuery(this.db.getRepository(Alert).createQueryBuilder('a'), actor.scope)
      .select(['a.id', 'a.customerCode', 'a.source']).andWhere('a.id IN (:...ids)', { ids: dto.ids }).getMany();
    const results = new Map<number, BulkItemResultDto>();
    const seen = new Set(found.map((a) => a.id));
    for (const id of dto.ids) if (!seen.has(id)) results.set(id, { id, ok: false, status: 404, error: `Alert ${id} not found` });

    const target = dto.caseId !== undefined ? await this.reader.visible(dto.caseId, actor.scope) : null;
    const customerCode = target?.customerCode ?? oneCustomer(found);
    const toLink = found.filter((a) => a.customerCode === customerCode);
    for (const a of found.filter((x) => x.customerCode !== customerCode)) {
      results.set(a.id, { id: a.id, ok: false, status: 400, error: `Alert ${a.id} belongs to another customer than case ${dto.caseId}` });
    }
    if (customerCode === null || toLink.length === 0) return { action: 'merge', caseId: target?.id ?? null, results: dto.ids.map((id) => results.get(id) as BulkItemResultDto) };

    const now = new Date();
    const caseId = await this.db.transaction(async (tx) => {
      const id = target ? target.id : await this.writer.insert(tx, newCaseFields(dto, customerCode, toLink), actor, now);
      const fresh = await this.writer.link(tx, id, toLink.map((a) => a.id), actor, now, 'MERGED');
      if (target && fresh.length > 0) await this.writer.touch(tx, id);
      return id;
    });
    for (const a of toLink) results.set(a.id, { id: a.id, ok: true, status: 200 });
    return { action: 'merge', caseId, results: dto.ids.map((id) => results.get(id) as BulkItemResultDto) };
  }
}

/** The new case: named by the caller, of the alerts' customer, with their source when they share one (it picks the template). */
function newCaseFields(dto: BulkAlertsDto, customerCode: string, alerts: readonly Alert[]): NewCase {
  if (!dto.newCase) throw new BadInputError('merge needs caseId or newCase', [{ field: 'newCase', message: 'required without caseId' }]);
  const sources = [...new Set(alerts.map((a) => a.source))];
  return {
    name: dto.newCase.name, description: dto.newCase.description ?? null, status: 'OPEN', customerCode, assigneeId: null, escalated: false,
    source: sources.length === 1 ? sources[0] : null,
  };
}

/** A new case belongs to one customer: alerts of several are refused as a whole (nothing written). */
function oneCustomer(alerts: readonly Alert[]): string | null {
  const codes = [...new Set(alerts.map((a) => a.customerCode))];
  if (codes.length > 1) {
    throw new BadInputError(`A new case needs alerts of one customer; these belong to ${codes.sort().join(', ')}`, [{ field: 'ids', message: 'alerts of more than one customer' }]);
  }
  return codes[0] ?? null;
}
