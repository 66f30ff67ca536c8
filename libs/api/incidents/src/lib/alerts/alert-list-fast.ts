import type { DataSource } from 'typeorm';
import { readDate, simplePage, type Page, type TenantScope } from '@copilot/api-core';
import type { Alert } from './alert.entity';
import type { ListAlertsQuery } from './dto/list-alerts.query';

const COLUMNS = [
  'id', 'title', 'description', 'status', 'closed_at', 'severity', 'source', 'customer_code', 'assignee_id', 'escalated', 'verdict', 'verdict_reason',
  'verdict_note', 'verdict_by', 'verdict_at', 'occurrences', 'first_event_at', 'last_event_at', 'last_seen_at', 'rule_id', 'external_id', 'created_at',
  'updated_at', 'version',
];
const SIMPLE_KEYS = new Set(['customerCode', 'status', 'limit', 'cursor']);

/**
 * Whether the list asks only what the triage screen asks all day (scope, customer, status, a page): that shape
 * gets hand-written SQL. Every other filter takes the query builder; both give the same page and cursor.
 */
export function isSimpleList(q: ListAlertsQuery): boolean {
  return Object.entries(q).every(([k, v]) => v === undefined || SIMPLE_KEYS.has(k));
}

type Row = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : readDate(v));

function toAlert(r: Row): Alert {
  return {
    id: Number(r['id']), title: r['title'], description: r['description'], status: r['status'], closedAt: date(r['closed_at']), severity: r['severity'],
    source: r['source'], customerCode: r['customer_code'], assigneeId: r['assignee_id'] === null ? null : Number(r['assignee_id']),
    escalated: r['escalated'] === true || Number(r['escalated']) === 1, verdict: r['verdict'], verdictReason: r['verdict_reason'], verdictNote: r['verdict_note'],
    verdictBy: r['verdict_by'], verdictAt: date(r['verdict_at']), occurrences: Number(r['occurrences']), firstEventAt: readDate(r['first_event_at']),
    lastEventAt: readDate(r['last_event_at']), lastSeenAt: readDate(r['last_seen_at']), ruleId: r['rule_id'], dedupKey: null, externalId: r['external_id'],
    createdAt: readDate(r['created_at']), updatedAt: readDate(r['updated_at']), version: Number(r['version']),
  } as Alert;
}

/** The simple shape on the (customer, status, last_event_at, id) index: one statement, rows mapped by hand. */
export function simpleAlertPage(db: DataSource, q: ListAlertsQuery, scope: TenantScope): Promise<Page<Alert>> {
  return simplePage(db, scope, {
    table: 'alerts', columns: COLUMNS, tenantColumn: 'customer_code', customers: q.customerCode,
    filters: [{ column: 'status', values: q.status }],
    keyset: { time: 'last_event_at', id: 'id' }, limit: q.limit ?? 25, cursor: q.cursor, map: toAlert, keyOf: (a) => [a.lastEventAt, a.id],
  });
}
