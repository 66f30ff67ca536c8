import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  assertVisible, ConflictError, ForbiddenError, Page, paginate, PreconditionFailedError, Principal, scopeQuery, TenantScope,
} from '@copilot/api-core';
import { CustomersService } from '@copilot/api-customers';
import { CaseTemplate, CaseTemplateTask } from './case-template.entities';
import { CaseTemplateDto, ListCaseTemplatesQuery, SaveCaseTemplateDto } from './dto/case-template.dto';
import { candidateKeys, matchKey, pickTemplate } from './template-match';

/**
 * Case templates. One with a customer is that customer's (visible within scope, like any
 * tenant-owned row); one without is global: every admin and analyst sees it, but only one with
 * access to all customers may create, change or delete it, since it shapes every customer's cases.
 */
@Injectable()
export class CaseTemplatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly customers: CustomersService,
  ) {}

  private get repo() {
    return this.db.getRepository(CaseTemplate);
  }

  async list(query: ListCaseTemplatesQuery, scope: TenantScope): Promise<Page<CaseTemplateDto>> {
    const qb = this.repo.createQueryBuilder('t');
    if (scope.kind !== 'all') {
      const own = scopeQuery(this.repo.createQueryBuilder('st').select('st.id'), scope);
      qb.andWhere(`(t.customerCode IS NULL OR t.id IN (${own.getQuery()}))`, own.getParameters());
    }
    if (query.customerCode) {
      await this.customers.assertExist([query.customerCode], scope, 'customerCode');
      qb.andWhere('t.customerCode = :fCustomer', { fCustomer: query.customerCode });
    }
    const page = await paginate(qb, [{ expr: 't.name', prop: 'name', dir: 'ASC' }, { expr: 't.id', prop: 'id', dir: 'ASC' }], query, { withTotal: true });
    return { ...page, items: await this.dtos(page.items) };
  }

  async get(id: number, scope: TenantScope): Promise<CaseTemplateDto> {
    return (await this.dtos([await this.visible(id, scope)]))[0];
  }

  async create(dto: SaveCaseTemplateDto, actor: Principal): Promise<CaseTemplateDto> {
    await this.assertMayManage(dto.customerCode ?? null, actor);
    const id = await this.guardUnique(dto, null, () =>
      this.db.transaction(async (tx) => {
        const res = await tx.getRepository(CaseTemplate).insert(this.fields(dto));
        const newId = Number(res.identifiers[0]['id']);
        await this.writeTasks(tx, newId, dto);
        return newId;
      }),
    );
    return this.get(id, actor.scope);
  }

  /** Full replacement of fields and tasks, guarded by the version when If-Match was sent. */
  async replace(id: number, dto: SaveCaseTemplateDto, actor: Principal, ifMatch?: number): Promise<CaseTemplateDto> {
    const current = await this.visible(id, actor.scope);
    await this.assertMayManage(current.customerCode, actor);
    await this.assertMayManage(dto.customerCode ?? null, actor);
    await this.guardUnique(dto, id, () =>
      this.db.transaction(async (tx) => {
        const qb = tx.createQueryBuilder().update(CaseTemplate).set(this.fields(dto)).where('id = :id', { id });
        if (ifMatch !== undefined) qb.andWhere('version = :v', { v: ifMatch });
        if (((await qb.execute()).affected ?? 0) === 0) {
          throw new PreconditionFailedError(ifMatch !== undefined ? `Case template ${id} was changed by someone else (version ${ifMatch} is stale): reload and retry` : `Case template ${id} disappeared during the update`);
        }
        await tx.getRepository(CaseTemplateTask).delete({ templateId: id });
        await this.writeTasks(tx, id, dto);
      }),
    );
    return this.get(id, actor.scope);
  }

  /** Cases made from it keep their copied tasks; their templateId becomes null (ON DELETE SET NULL). */
  async delete(id: number, actor: Principal): Promise<void> {
    const current = await this.visible(id, actor.scope);
    await this.assertMayManage(current.customerCode, actor);
    await this.repo.delete({ id });
  }

  /** The template for a new case of this customer and source (most specific first), with its tasks. */
  async pickFor(tx: EntityManager, customerCode: string, source: string | null): Promise<{ template: CaseTemplate; tasks: CaseTemplateTask[] } | null> {
    const keys = candidateKeys(customerCode, source);
    const template = pickTemplate(keys, await tx.getRepository(CaseTemplate).findBy({ matchKey: In(keys) }));
    if (!template) return null;
    return { template, tasks: await tx.getRepository(CaseTemplateTask).find({ where: { templateId: template.id }, order: { position: 'ASC' } }) };
  }

  private async visible(id: number, scope: TenantScope): Promise<CaseTemplate> {
    const row = await this.repo.findOneBy({ id });
    if (row && row.customerCode === null) return row;
    return assertVisible(row, scope, (t) => t.customerCode, 'Case template', id);
  }

  private async assertMayManage(customerCode: string | null, actor: Principal): Promise<void> {
    if (customerCode !== null) return this.customers.assertExist([customerCode], actor.scope, 'customerCode');
    if (actor.scope.kind !== 'all') {
      throw new ForbiddenError('Only a user with access to all customers may manage a template without a customer', [{ field: 'customerCode', message: 'required for users limited to some customers' }]);
    }
  }

  /** One template per (customer, source): a duplicate is a 409 naming the one that exists. */
  private async guardUnique<T>(dto: SaveCaseTemplateDto, selfId: number | null, write: () => Promise<T>): Promise<T> {
    const key = matchKey(dto.customerCode ?? null, dto.source ?? null);
    const clash = async () => {
      const other = await this.repo.findOneBy({ matchKey: key });
      return other && other.id !== selfId ? other : null;
    };
    const conflict = (other: CaseTemplate) =>
      new ConflictError(`Case template ${other.id} ("${other.name}") already covers this customer and source`, [{ field: 'source', message: 'another template has the same customer and source' }]);
    const before = await clash();
    if (before) throw conflict(before);
    try {
      return await write();
    } catch (err) {
      // Two saves racing past the check: the unique index lets one in.
      const winner = await clash();
      if (winner) throw conflict(winner);
      throw err;
    }
  }

  private fields(dto: SaveCaseTemplateDto): Partial<CaseTemplate> {
    const customerCode = dto.customerCode ?? null;
    const source = dto.source ?? null;
    return { name: dto.name, description: dto.description ?? null, customerCode, source, matchKey: matchKey(customerCode, source) };
  }

  private async writeTasks(tx: EntityManager, templateId: number, dto: SaveCaseTemplateDto): Promise<void> {
    const tasks = dto.tasks ?? [];
    if (tasks.length === 0) return;
    await tx.getRepository(CaseTemplateTask).insert(tasks.map((t, position) => ({ templateId, position, title: t.title, description: t.description ?? null, mandatory: t.mandatory ?? false })));
  }

  private async dtos(rows: CaseTemplate[]): Promise<CaseTemplateDto[]> {
    const ids = rows.map((r) => r.id);
    const tasks = ids.length === 0 ? [] : await this.db.getRepository(CaseTemplateTask).find({ where: { templateId: In(ids) }, order: { templateId: 'ASC', position: 'ASC' } });
    return rows.map((t) => ({
      id: t.id, name: t.name, description: t.description, customerCode: t.customerCode, source: t.source, createdAt: t.createdAt, updatedAt: t.updatedAt, version: t.version,
      tasks: tasks.filter((x) => x.templateId === t.id).map((x) => ({ title: x.title, description: x.description, mandatory: x.mandatory })),
    }));
  }
}
