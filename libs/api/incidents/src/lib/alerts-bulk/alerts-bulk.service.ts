import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertVisible, BadInputError, DomainError, Principal } from '@copilot/api-core';
import { UsersService } from '@copilot/api-users';
import { AlertTag } from '../alerts/alert-children.entities';
import { Alert } from '../alerts/alert.entity';
import { MAX_TAGS } from '../alerts/alert.types';
import { AlertsService } from '../alerts/alerts.service';
import { assertAssignable } from '../cases/assignable';
import { AlertsMergeService } from './alerts-merge.service';
import { checkBulkInput } from './bulk-input';
import { BulkAlertsDto, BulkItemResultDto, BulkResultDto } from './dto/bulk.dto';

/**
 * Bulk actions over alerts. status/assign/tag/untag/delete go through AlertsService one alert at a
 * time (its rules, tenancy check, atomic UPDATE and timeline), so each item succeeds or fails on
 * its own and reports what the single-item route would have answered. Merge is all-or-nothing for
 * the alerts it can link (see AlertsMergeService).
 */
@Injectable()
export class AlertsBulkService {
  private readonly log = new Logger(AlertsBulkService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly alerts: AlertsService,
    private readonly merger: AlertsMergeService,
    private readonly users: UsersService,
  ) {}

  async run(dto: BulkAlertsDto, actor: Principal): Promise<BulkResultDto> {
    checkBulkInput(dto);
    if (dto.action === 'merge') return this.merger.merge(dto, actor);
    // The same assignee for every item: refuse a bad one once, before any alert changes.
    if (dto.action === 'assign' && dto.assigneeId != null) await assertAssignable(this.users, dto.assigneeId);
    const results: BulkItemResultDto[] = [];
    for (const id of dto.ids) results.push(await this.item(id, () => this.apply(dto, id, actor)));
    return { action: dto.action, results };
  }

  private async apply(dto: BulkAlertsDto, id: number, actor: Principal): Promise<number> {
    switch (dto.action) {
      case 'status':
        await this.alerts.patch(id, { status: dto.status }, actor);
        return 200;
      case 'assign':
        await this.alerts.patch(id, { assigneeId: dto.assigneeId ?? null }, actor);
        return 200;
      case 'tag':
      case 'untag':
        await this.retag(id, dto.tags ?? [], dto.action === 'tag', actor);
        return 200;
      default:
        await this.alerts.delete(id, actor.scope);
        return 204;
    }
  }

  /**
   * Adds or removes tags by replacing the set through the alert PATCH, guarded by the version read
   * here: a concurrent change makes this item a 412 instead of losing the other writer's tags.
   */
  private async retag(id: number, tags: readonly string[], add: boolean, actor: Principal): Promise<void> {
    const alert = assertVisible(await this.db.getRepository(Alert).findOneBy({ id }), actor.scope, (a) => a.customerCode, 'Alert', id);
    const current = (await this.db.getRepository(AlertTag).findBy({ alertId: id })).map((t) => t.tag);
    const next = add ? [...new Set([...current, ...tags])] : current.filter((t) => !tags.includes(t));
    if (next.length > MAX_TAGS) throw new BadInputError(`Alert ${id} would have more than ${MAX_TAGS} tags`, [{ field: 'tags', message: `at most ${MAX_TAGS} per alert` }]);
    await this.alerts.patch(id, { tags: next }, actor, alert.version);
  }

  private async item(id: number, run: () => Promise<number>): Promise<BulkItemResultDto> {
    try {
      return { id, ok: true, status: await run() };
    } catch (err) {
      if (err instanceof DomainError) return { id, ok: false, status: err.status, error: err.message };
      // A bug, not bad input: the items before this one are done, so report it per item and log it.
      this.log.error(`bulk item ${id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return { id, ok: false, status: 500, error: 'Internal error' };
    }
  }
}
