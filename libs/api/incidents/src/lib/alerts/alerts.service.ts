import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assertVisible, BadInputError, Page, paginate, PreconditionFailedError, Principal, TenantScope } from '@copilot/api-core';
import { CustomersService } from '@copilot/api-customers';
import { UsersService } from '@copilot/api-users';
import { Alert } from './alert.entity';
import { AlertComment, AlertEvent, AlertTag } from './alert-children.entities';
import { filteredAlerts } from './alert-filters';
import { toAlertDto, toCommentDto, toEventDto } from './alert.mapper';
import { PlannedEvent, planPatch } from './alert-patch';
import { deleteAlertUnlessLinked } from '../cases/alert-delete-guard';
import { ALERT_STATUSES } from './alert.types';
import { CreateAlertDto, PatchAlertDto } from './dto/alert-input.dto';
import { AlertCommentDto, AlertCountsDto, AlertDetailDto, AlertDto, IndexerDocumentDto } from './dto/alert.dto';
import { AlertIngestor } from '../ingestion/alert-ingestor';
import { AlertSource } from '../ingestion/alert-source.entity';
import { DEFAULT_DEDUP_WINDOW_MINUTES } from '../ingestion/source.types';
import { AlertEvidenceService } from './alert-evidence.service';
import { isSimpleList, simpleAlertPage } from './alert-list-fast';
import { pushedCandidate } from './pushed-candidate';
import { AlertFiltersQuery, ListAlertsQuery } from './dto/list-alerts.query';

const ASSIGNABLE_ROLES = new Set(['admin', 'analyst']);

@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly customers: CustomersService,
    private readonly users: UsersService,
    private readonly ingestor: AlertIngestor,
    private readonly evidence: AlertEvidenceService,
  ) {}

  private get repo() {
    return this.db.getRepository(Alert);
  }

  /**
   * Creates an alert through the same dedup as ingested documents (a repeat within the window bumps the
   * existing alert and answers it with `created: false`), or with an `externalId` already known for
   * (source, customer) answers that alert, so a pushing tool may retry safely. The customer check comes first:
   * an out-of-scope caller learns nothing about another customer's alerts.
   */
  async create(dto: CreateAlertDto, actor: Principal): Promise<{ alert: AlertDto; created: boolean }> {
    await this.customers.assertExist([dto.customerCode], actor.scope, 'customerCode');
    const existing = await this.findExternal(dto);
    if (existing) return { alert: await this.dtoOf(existing), created: false };
    const candidate = pushedCandidate(dto, new Date());
    const source = await this.db.getRepository(AlertSource).findOne({ where: { name: dto.source }, select: { dedupWindowMinutes: true } });
    const windowMs = (source?.dedupWindowMinutes ?? DEFAULT_DEDUP_WINDOW_MINUTES) * 60_000;
    try {
      const out = await this.ingestor.ingest([candidate], 0, windowMs, { actor: { id: actor.id, username: actor.username } });
      return { alert: await this.dtoOf(await this.repo.findOneByOrFail({ id: out.alertIds[0] })), created: out.createdFlags[0] };
    } catch (err) {
      // Two retries racing past the lookup: the unique index lets one in; the other answers it.
      const winner = await this.findExternal(dto);
      if (winner) return { alert: await this.dtoOf(winner), created: false };
      throw err;
    }
  }

  /** The alert as the list shows it, for callers that made it by other means (manual create). */
  async summary(id: number, scope: TenantScope): Promise<AlertDto> {
    return this.dtoOf(await this.visible(id, scope));
  }

  async document(id: number, indexName: string, docId: string, scope: TenantScope): Promise<IndexerDocumentDto> {
    await this.visible(id, scope);
    return this.evidence.document(id, indexName, docId);
  }

  async list(query: ListAlertsQuery, scope: TenantScope): Promise<Page<AlertDto>> {
    const page = isSimpleList(query) ? await this.simplePage(query, scope) : await this.builderPage(query, scope);
    const tags = await this.tagsOf(page.items.map((a) => a.id));
    return { ...page, items: page.items.map((a) => toAlertDto(a, tags.get(a.id) ?? [])) };
  }

  private async simplePage(query: ListAlertsQuery, scope: TenantScope): Promise<Page<Alert>> {
    if (query.customerCode) await this.customers.assertExist([query.customerCode], scope, 'customerCode');
    return simpleAlertPage(this.db, query, scope);
  }

  private async builderPage(query: ListAlertsQuery, scope: TenantScope): Promise<Page<Alert>> {
    const qb = await this.filtered(query, scope);
    if (query.status && query.status.length > 0) qb.andWhere('a.status IN (:...fStatus)', { fStatus: query.status });
    const keyset = [{ expr: 'a.lastEventAt', prop: 'lastEventAt', dir: 'DESC' as const }, { expr: 'a.id', prop: 'id', dir: 'DESC' as const }];
    return paginate(qb, keyset, query, { withTotal: query.withTotal === true });
  }

  /** Per-status counts under the same filters (status aside), in one GROUP BY. */
  async counts(query: AlertFiltersQuery, scope: TenantScope): Promise<AlertCountsDto> {
    const qb = await this.filtered(query, scope);
    const rows = await qb.select('a.status', 'status').addSelect('COUNT(*)', 'n').groupBy('a.status').getRawMany<{ status: string; n: number | string }>();
    const out: AlertCountsDto = { OPEN: 0, IN_PROGRESS: 0, CLOSED: 0, total: 0 };
    for (const r of rows) {
      const n = Number(r.n);
      if ((ALERT_STATUSES as readonly string[]).includes(r.status)) out[r.status as keyof Omit<AlertCountsDto, 'total'>] = n;
      out.total += n;
    }
    return out;
  }

  async detail(id: number, scope: TenantScope): Promise<AlertDetailDto> {
    const alert = await this.visible(id, scope);
    const [tags, comments, events, evidence] = await Promise.all([
      this.tagsOf([id]),
      this.db.getRepository(AlertComment).find({ where: { alertId: id }, order: { id: 'ASC' } }),
      this.db.getRepository(AlertEvent).find({ where: { alertId: id }, order: { id: 'ASC' } }),
      this.evidence.of(id),
    ]);
    return { ...toAlertDto(alert, tags.get(id) ?? []), comments: comments.map(toCommentDto), timeline: events.map(toEventDto), ...evidence };
  }

  /**
   * One atomic UPDATE of the changed columns only (guarded by the version when If-Match was sent),
   * the tag set and the timeline events, all in one transaction.
   */
  async patch(id: number, dto: PatchAlertDto, actor: Principal, ifMatch?: number): Promise<AlertDto> {
    const current = await this.visible(id, actor.scope);
    const now = new Date();
    const plan = planPatch(current, (await this.tagsOf([id])).get(id) ?? [], dto, actor, now);
    if (plan.set.assigneeId != null) await this.assertAssignable(plan.set.assigneeId);
    if (plan.events.length === 0) {
      if (ifMatch !== undefined && ifMatch !== current.version) throw stale(id, ifMatch);
      return this.dtoOf(current);
    }
    await this.db.transaction(async (tx) => {
      // An empty SET (a tags-only change) still bumps the version, so If-Match sees every change.
      const set = Object.keys(plan.set).length > 0 ? plan.set : { version: () => 'version + 1' };
      const qb = tx.createQueryBuilder().update(Alert).set(set).where('id = :id', { id });
      if (ifMatch !== undefined) qb.andWhere('version = :v', { v: ifMatch });
      const res = await qb.execute();
      if ((res.affected ?? 0) === 0) throw ifMatch !== undefined ? stale(id, ifMatch) : new PreconditionFailedError(`Alert ${id} disappeared during the update`);
      if (plan.tags) {
        await tx.getRepository(AlertTag).delete({ alertId: id });
        await this.writeTags(tx, id, plan.tags);
      }
      await this.writeEvents(tx, id, actor, now, plan.events);
    });
    return this.dtoOf(await this.repo.findOneByOrFail({ id }));
  }

  async comment(id: number, body: string, actor: Principal): Promise<AlertCommentDto> {
    await this.visible(id, actor.scope);
    const commentId = await this.db.transaction(async (tx) => {
      const res = await tx.getRepository(AlertComment).insert({ alertId: id, authorId: actor.id, authorUsername: actor.username, body });
      const newId = Number(res.identifiers[0]['id']);
      await this.writeEvents(tx, id, actor, new Date(), [{ kind: 'COMMENT', fromValue: null, toValue: String(newId) }]);
      return newId;
    });
    return toCommentDto(await this.db.getRepository(AlertComment).findOneByOrFail({ id: commentId }));
  }

  /** Tags, comments and timeline go with it (ON DELETE CASCADE); one linked to a case is a 409 naming the cases. */
  async delete(id: number, scope: TenantScope): Promise<void> {
    await this.visible(id, scope);
    await deleteAlertUnlessLinked(this.db, id);
  }

  private async visible(id: number, scope: TenantScope): Promise<Alert> {
    return assertVisible(await this.repo.findOneBy({ id }), scope, (a) => a.customerCode, 'Alert', id);
  }

  /** Scope plus filters; a customer filter outside the scope is the unknown-customer 400. */
  private async filtered(f: AlertFiltersQuery, scope: TenantScope) {
    if (f.customerCode) await this.customers.assertExist([f.customerCode], scope, 'customerCode');
    return filteredAlerts(this.repo.createQueryBuilder('a'), scope, f);
  }

  private findExternal(dto: CreateAlertDto): Promise<Alert | null> {
    if (!dto.externalId) return Promise.resolve(null);
    return this.repo.findOneBy({ source: dto.source, customerCode: dto.customerCode, externalId: dto.externalId });
  }

  private async assertAssignable(userId: number): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || user.disabled || !ASSIGNABLE_ROLES.has(user.role)) {
      throw new BadInputError(`User ${userId} cannot be assigned alerts`, [{ field: 'assigneeId', message: 'must be an enabled admin or analyst' }]);
    }
  }

  private async dtoOf(alert: Alert): Promise<AlertDto> {
    return toAlertDto(alert, (await this.tagsOf([alert.id])).get(alert.id) ?? []);
  }

  private async tagsOf(ids: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    if (ids.length === 0) return out;
    // Plain SQL: this runs on every list page, and the repository's find cost more than the query.
    const rows: { alert_id: number; tag: string }[] = await this.db.query(`SELECT alert_id, tag FROM alert_tags WHERE alert_id IN (${ids.map(() => '?').join(', ')}) ORDER BY tag`, ids);
    for (const r of rows) out.set(Number(r.alert_id), [...(out.get(Number(r.alert_id)) ?? []), r.tag]);
    return out;
  }

  private async writeTags(tx: EntityManager, alertId: number, tags: readonly string[]): Promise<void> {
    if (tags.length > 0) await tx.getRepository(AlertTag).insert(tags.map((tag) => ({ alertId, tag })));
  }

  private async writeEvents(tx: EntityManager, alertId: number, actor: Principal, at: Date, events: PlannedEvent[]): Promise<void> {
    await tx.getRepository(AlertEvent).insert(events.map((e) => ({ ...e, alertId, actorId: actor.id, actorUsername: actor.username, at })));
  }
}

function stale(id: number, version: number): PreconditionFailedError {
  return new PreconditionFailedError(`Alert ${id} was changed by someone else (version ${version} is stale): reload and retry`);
}
