import type { SelectQueryBuilder } from 'typeorm';
import { LIKE_ESCAPE, likePattern, narrowScope, scopeQuery, type TenantScope } from '@copilot/api-core';
import type { Alert } from './alert.entity';
import { UNTRIAGED } from './alert.types';
import type { AlertFiltersQuery } from './dto/list-alerts.query';

/**
 * A query over `alerts a` in the caller's scope narrowed to the filtered customer, with the list/count filters
 * (not status) applied. Every condition is on an indexed column or a correlated EXISTS, so nothing reads the
 * whole table into memory. The customer filter's scope check (the unknown-customer 400) happens before this.
 */
export function filteredAlerts(qb: SelectQueryBuilder<Alert>, scope: TenantScope, f: AlertFiltersQuery): SelectQueryBuilder<Alert> {
  scopeQuery(qb, narrowScope(scope, f.customerCode));
  if (f.severity && f.severity.length > 0) qb.andWhere('a.severity IN (:...fSeverity)', { fSeverity: f.severity });
  if (f.assigneeId === 'unassigned') qb.andWhere('a.assigneeId IS NULL');
  else if (f.assigneeId) qb.andWhere('a.assigneeId = :fAssignee', { fAssignee: Number(f.assigneeId) });
  if (f.source) qb.andWhere('a.source = :fSource', { fSource: f.source });
  if (f.verdict === UNTRIAGED) qb.andWhere('a.verdict IS NULL');
  else if (f.verdict) qb.andWhere('a.verdict = :fVerdict', { fVerdict: f.verdict });
  if (f.title) qb.andWhere(`LOWER(a.title) LIKE :fTitle ${LIKE_ESCAPE}`, { fTitle: likePattern(f.title.toLowerCase(), 'contains') });
  if (f.from) qb.andWhere('a.lastEventAt >= :fFrom', { fFrom: new Date(f.from) });
  if (f.to) qb.andWhere('a.lastEventAt <= :fTo', { fTo: new Date(f.to) });
  if (f.tag) qb.andWhere('EXISTS (SELECT 1 FROM alert_tags ft WHERE ft.alert_id = a.id AND ft.tag = :fTag)', { fTag: f.tag });
  // IoC values are stored normalised (lower-case, except URLs), so both spellings are tried.
  if (f.ioc) qb.andWhere('EXISTS (SELECT 1 FROM alert_iocs fi WHERE fi.alert_id = a.id AND fi.value IN (:fIoc, :fIocLower))', { fIoc: f.ioc, fIocLower: f.ioc.toLowerCase() });
  if (f.asset) qb.andWhere('EXISTS (SELECT 1 FROM alert_assets fa WHERE fa.alert_id = a.id AND fa.name = :fAsset)', { fAsset: f.asset });
  return qb;
}
