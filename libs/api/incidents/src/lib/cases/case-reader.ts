import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { assertVisible, LIKE_ESCAPE, likePattern, Page, narrowScope, paginate, scopeQuery, TenantScope } from '@copilot/api-core';
import { CustomersService } from '@copilot/api-customers';
import { Alert } from '../alerts/alert.entity';
import { CaseTemplate } from '../case-templates/case-template.entities';
import { Case } from './case.entity';
import { CaseAlert, CaseComment, CaseEvent, CaseTask } from './case-children.entities';
import { toAlertSummary, toCaseCommentDto, toCaseDto, toCaseEventDto, toCaseTaskDto } from './case.mapper';
import { CaseCountsDto, CaseDetailDto, CaseDto } from './dto/case.dto';
import { CASE_STATUSES, type CaseStatus } from './case.types';
import { CaseFiltersQuery, ListCasesQuery } from './dto/list-cases.query';
import { isSimpleCaseList, simpleCasePage } from './case-list-fast';

/** The read side of cases: the tenancy check every case route starts with, the list and the detail. */
@Injectable()
export class CaseReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly customers: CustomersService,
  ) {}

  private get repo() {
    return this.db.getRepository(Case);
  }

  /** A case outside the caller's customers answers exactly like a missing one: 404. */
  async visible(id: number, scope: TenantScope): Promise<Case> {
    return assertVisible(await this.repo.findOneBy({ id }), scope, (c) => c.customerCode, 'Case', id);
  }

  async list(query: ListCasesQuery, scope: TenantScope): Promise<Page<CaseDto>> {
    if (query.customerCode) await this.customers.assertExist([query.customerCode], scope, 'customerCode');
    const page = isSimpleCaseList(query) ? await simpleCasePage(this.db, query, scope) : await this.builderPage(query, scope);
    const counts = await this.alertCounts(page.items.map((c) => c.id));
    return { ...page, items: page.items.map((c) => toCaseDto(c, counts.get(c.id) ?? 0)) };
  }

  /** Per-status counts under the same filters (status aside), in one GROUP BY. */
  async counts(query: CaseFiltersQuery, scope: TenantScope): Promise<CaseCountsDto> {
    if (query.customerCode) await this.customers.assertExist([query.customerCode], scope, 'customerCode');
    const rows = await this.filtered(query, scope).select('c.status', 'status').addSelect('COUNT(*)', 'n').groupBy('c.status')
      .getRawMany<{ status: string; n: number | string }>();
    const out: CaseCountsDto = { OPEN: 0, IN_PROGRESS: 0, CLOSED: 0, total: 0 };
    for (const r of rows) {
      if ((CASE_STATUSES as readonly string[]).includes(r.status)) out[r.status as CaseStatus] = Number(r.n);
      out.total += Number(r.n);
    }
    return out;
  }

  private filtered(query: CaseFiltersQuery, scope: TenantScope) {
    const qb = scopeQuery(this.repo.createQueryBuilder('c'), narrowScope(scope, query.customerCode));
    if (query.assigneeId === 'unassigned') qb.andWhere('c.assigneeId IS NULL');
    else if (query.assigneeId) qb.andWhere('c.assigneeId = :fAssignee', { fAssignee: Number(query.assigneeId) });
    if (query.name) qb.andWhere(`LOWER(c.name) LIKE :fName ${LIKE_ESCAPE}`, { fName: likePattern(query.name.toLowerCase(), 'contains') });
    if (query.from) qb.andWhere('c.createdAt >= :fFrom', { fFrom: new Date(query.from) });
    if (query.to) qb.andWhere('c.createdAt <= :fTo', { fTo: new Date(query.to) });
    return qb;
  }

  private builderPage(query: ListCasesQuery, scope: TenantScope): Promise<Page<Case>> {
    const qb = this.filtered(query, scope);
    if (query.status && query.status.length > 0) qb.andWhere('c.status IN (:...fStatus)', { fStatus: query.status });
    const keyset = [{ expr: 'c.createdAt', prop: 'createdAt', dir: 'DESC' as const }, { expr: 'c.id', prop: 'id', dir: 'DESC' as const }];
    return paginate(qb, keyset, query, { withTotal: query.withTotal === true });
  }

  async detail(id: number, scope: TenantScope): Promise<CaseDetailDto> {
    const kase = await this.visible(id, scope);
    const [links, tasks, comments, events, template] = await Promise.all([
      this.db.getRepository(CaseAlert).find({ where: { caseId: id }, order: { linkedAt: 'ASC', alertId: 'ASC' } }),
      this.db.getRepository(CaseTask).find({ where: { caseId: id }, order: { id: 'ASC' } }),
      this.db.getRepository(CaseComment).find({ where: { caseId: id }, order: { id: 'ASC' } }),
      this.db.getRepository(CaseEvent).find({ where: { caseId: id }, order: { id: 'ASC' } }),
      kase.templateId === null ? null : this.db.getRepository(CaseTemplate).findOneBy({ id: kase.templateId }),
    ]);
    const alerts = links.length === 0 ? [] : await this.db.getRepository(Alert).findBy({ id: In(links.map((l) => l.alertId)) });
    const byId = new Map(alerts.map((a) => [a.id, a]));
    return {
      ...toCaseDto(kase, links.length),
      template: template ? { id: template.id, name: template.name } : null,
      alerts: links.flatMap((l) => {
        const a = byId.get(l.alertId);
        return a ? [toAlertSummary(a, l)] : [];
      }),
      tasks: tasks.map(toCaseTaskDto),
      comments: comments.map(toCaseCommentDto),
      timeline: events.map(toCaseEventDto),
    };
  }

  /** Linked alerts per case, in one GROUP BY over the page's ids. */
  private async alertCounts(ids: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (ids.length === 0) return out;
    // Plain SQL: this runs on every list page.
    const rows: { case_id: number | string; n: number | string }[] = await this.db.query(
      `SELECT case_id, COUNT(*) AS n FROM case_alerts WHERE case_id IN (${ids.map(() => '?').join(', ')}) GROUP BY case_id`, ids,
    );
    for (const r of rows) out.set(Number(r.case_id), Number(r.n));
    return out;
  }
}
