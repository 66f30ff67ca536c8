import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadInputError, NotFoundError, Principal, scopeQuery } from '@copilot/api-core';
import { Alert } from '../alerts/alert.entity';
import { CaseAlert } from './case-children.entities';
import { CaseReader } from './case-reader';
import { CaseWriter } from './case-writer';
import { CaseDetailDto } from './dto/case.dto';

/** Linking alerts to a case and unlinking them, with events on both timelines. */
@Injectable()
export class CaseLinksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reader: CaseReader,
    private readonly writer: CaseWriter,
  ) {}

  /**
   * All or nothing: an unknown (or invisible) alert, or one of another customer, refuses the whole
   * request with a 400 naming it, before anything is written.
   */
  async link(caseId: number, alertIds: number[], actor: Principal): Promise<CaseDetailDto> {
    const kase = await this.reader.visible(caseId, actor.scope);
    const found = await scopeQuery(this.db.getRepository(Alert).createQueryBuilder('a'), actor.scope)
      .select(['a.id', 'a.customerCode']).andWhere('a.id IN (:...ids)', { ids: alertIds }).getMany();
    const known = new Set(found.map((a) => a.id));
    const unknown = alertIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new BadInputError(`Unknown alert${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`, [{ field: 'alertIds', message: `unknown alerts: ${unknown.join(', ')}` }]);
    }
    const foreign = found.filter((a) => a.customerCode !== kase.customerCode).map((a) => a.id);
    if (foreign.length > 0) {
      throw new BadInputError(`Alert${foreign.length > 1 ? 's' : ''} ${foreign.join(', ')} belong${foreign.length > 1 ? '' : 's'} to another customer than case ${caseId}`, [
        { field: 'alertIds', message: `not of customer "${kase.customerCode}": ${foreign.join(', ')}` },
      ]);
    }
    await this.db.transaction(async (tx) => {
      const fresh = await this.writer.link(tx, caseId, alertIds, actor, new Date(), 'LINKED');
      if (fresh.length > 0) await this.writer.touch(tx, caseId);
    });
    return this.reader.detail(caseId, actor.scope);
  }

  async unlink(caseId: number, alertId: number, actor: Principal): Promise<void> {
    await this.reader.visible(caseId, actor.scope);
    const now = new Date();
    await this.db.transaction(async (tx) => {
      const res = await tx.getRepository(CaseAlert).delete({ caseId, alertId });
      if ((res.affected ?? 0) === 0) throw new NotFoundError(`Alert ${alertId} is not linked to case ${caseId}`);
      await this.writer.events(tx, caseId, actor, now, [{ kind: 'UNLINKED', refId: alertId, fromValue: null, toValue: null }]);
      await this.writer.alertEvents(tx, [{ alertId, kind: 'UNLINKED', fromValue: String(caseId), toValue: null }], actor, now);
      await this.writer.touch(tx, caseId);
    });
  }
}
