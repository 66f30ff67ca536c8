import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BadInputError, canSeeCustomer, PreconditionFailedError, Principal } from '@copilot/api-core';
import { CustomersService } from '@copilot/api-customers';
import { UsersService } from '@copilot/api-users';
import { Alert } from '../alerts/alert.entity';
import { assertAssignable, isAssignable } from './assignable';
import { CaseAlert } from './case-children.entities';
import { Case } from './case.entity';
import { planCasePatch, refuseCustomerUserFields } from './case-patch';
import { CaseReader } from './case-reader';
import { CaseWriter } from './case-writer';
import { CaseFromAlertDto, CreateCaseDto, PatchCaseDto } from './dto/case-input.dto';
import { CaseDetailDto } from './dto/case.dto';

/** Creating, changing and deleting cases; reads are in CaseReader, links and work items beside. */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly customers: CustomersService,
    private readonly users: UsersService,
    private readonly reader: CaseReader,
    private readonly writer: CaseWriter,
  ) {}

  async create(dto: CreateCaseDto, actor: Principal): Promise<CaseDetailDto> {
    refuseCustomerUserFields(dto, actor, 'creating a case');
    await this.customers.assertExist([dto.customerCode], actor.scope, 'customerCode');
    if (dto.assigneeId != null) await assertAssignable(this.users, dto.assigneeId);
    const fields = {
      name: dto.name, description: dto.description ?? null, status: 'OPEN' as const, customerCode: dto.customerCode, assigneeId: dto.assigneeId ?? null,
      escalated: dto.escalated ?? false, source: dto.source ?? null,
    };
    const id = await this.db.transaction((tx) => this.writer.insert(tx, fields, actor, new Date()));
    return this.reader.detail(id, actor.scope);
  }

  /**
   * A case made from one alert: its title, description, status, assignee and customer, linked to
   * it. An assignee who can no longer be assigned (disabled, role changed) is not copied.
   */
  async fromAlert(dto: CaseFromAlertDto, actor: Principal): Promise<CaseDetailDto> {
    const alert = await this.db.getRepository(Alert).findOneBy({ id: dto.alertId });
    if (!alert || !canSeeCustomer(actor.scope, alert.customerCode)) {
      throw new BadInputError(`Unknown alert ${dto.alertId}`, [{ field: 'alertId', message: `unknown alert ${dto.alertId}` }]);
    }
    const assigneeId = alert.assigneeId !== null && (await isAssignable(this.users, alert.assigneeId)) ? alert.assigneeId : null;
    const now = new Date();
    const id = await this.db.transaction(async (tx) => {
      const fields = { name: alert.title, description: alert.description, status: alert.status, customerCode: alert.customerCode, assigneeId, escalated: false, source: alert.source };
      const caseId = await this.writer.insert(tx, fields, actor, now);
      await this.writer.link(tx, caseId, [alert.id], actor, now, 'LINKED');
      return caseId;
    });
    return this.reader.detail(id, actor.scope);
  }

  /**
   * One atomic UPDATE of the changed columns (guarded by the version when If-Match was sent) and
   * the timeline; with closeLinkedAlerts, the linked alerts close in the same transaction.
   */
  async patch(id: number, dto: PatchCaseDto, actor: Principal, ifMatch?: number): Promise<CaseDetailDto> {
    const current = await this.reader.visible(id, actor.scope);
    const now = new Date();
    const plan = planCasePatch(current, dto, actor, now);
    if (plan.set.assigneeId != null) await assertAssignable(this.users, plan.set.assigneeId);
    if (plan.events.length === 0 && !plan.closeLinkedAlerts) {
      if (ifMatch !== undefined && ifMatch !== current.version) throw stale(id, ifMatch);
      return this.reader.detail(id, actor.scope);
    }
    await this.db.transaction(async (tx) => {
      const set = Object.keys(plan.set).length > 0 ? plan.set : { version: () => 'version + 1' };
      const qb = tx.createQueryBuilder().update(Case).set(set).where('id = :id', { id });
      if (ifMatch !== undefined) qb.andWhere('version = :v', { v: ifMatch });
      if (((await qb.execute()).affected ?? 0) === 0) throw ifMatch !== undefined ? stale(id, ifMatch) : new PreconditionFailedError(`Case ${id} disappeared during the update`);
      await this.writer.events(tx, id, actor, now, plan.events);
      if (plan.closeLinkedAlerts) await this.closeLinkedAlerts(tx, id, actor, now);
    });
    return this.reader.detail(id, actor.scope);
  }

  /** Its links, tasks, comments and timeline go with it; each linked alert's timeline says so. */
  async delete(id: number, actor: Principal): Promise<void> {
    await this.reader.visible(id, actor.scope);
    await this.db.transaction(async (tx) => {
      const links = await tx.getRepository(CaseAlert).findBy({ caseId: id });
      await this.writer.alertEvents(tx, links.map((l) => ({ alertId: l.alertId, kind: 'UNLINKED' as const, fromValue: String(id), toValue: null })), actor, new Date());
      await tx.getRepository(Case).delete({ id });
    });
  }

  /**
   * Closes the case's open alerts: one UPDATE per current status, guarded by that status so an
   * alert changed meanwhile fails the whole close (412) instead of getting a wrong timeline.
   */
  private async closeLinkedAlerts(tx: EntityManager, caseId: number, actor: Principal, now: Date): Promise<void> {
    const open = await tx.getRepository(Alert).createQueryBuilder('a').select(['a.id', 'a.status'])
      .innerJoin(CaseAlert, 'l', 'l.alertId = a.id AND l.caseId = :caseId', { caseId }).where('a.status <> :closed', { closed: 'CLOSED' }).getMany();
    for (const from of [...new Set(open.map((a) => a.status))]) {
      const ids = open.filter((a) => a.status === from).map((a) => a.id);
      const res = await tx.createQueryBuilder().update(Alert).set({ status: 'CLOSED', closedAt: now }).where('id IN (:...ids)', { ids }).andWhere('status = :from', { from }).execute();
      if ((res.affected ?? 0) !== ids.length) throw new PreconditionFailedError(`An alert linked to case ${caseId} changed while closing it: reload and retry`);
      await this.writer.alertEvents(tx, ids.map((alertId) => ({ alertId, kind: 'STATUS' as const, fromValue: from, toValue: 'CLOSED' })), actor, now);
    }
    if (open.length > 0) await this.writer.events(tx, caseId, actor, now, [{ kind: 'ALERTS_CLOSED', fromValue: null, toValue: String(open.length) }]);
  }
}

function stale(id: number, version: number): PreconditionFailedError {
  return new PreconditionFailedError(`Case ${id} was changed by someone else (version ${version} is stale): reload and retry`);
}
