import type { DataSource } from 'typeorm';
import { readDate, simplePage, type Page, type TenantScope } from '@copilot/api-core';
import type { Case } from './case.entity';
import type { ListCasesQuery } from './dto/list-cases.query';

const COLUMNS = [
  'id', 'name', 'description', 'status', 'closed_at', 'customer_code', 'assignee_id', 'escalated', 'source', 'template_id', 'created_at', 'updated_at', 'version',
];
const SIMPLE_KEYS = new Set(['customerCode', 'status', 'limit', 'cursor']);

/** The triage shape (scope, customer, status, a page) gets hand-written SQL; other filters the query builder. */
export function isSimpleCaseList(q: ListCasesQuery): boolean {
  return Object.entries(q).every(([k, v]) => v === undefined || SIMPLE_KEYS.has(k));
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toCase(r: Record<string, unknown>): Case {
  return {
    id: Number(r['id']), name: r['name'], description: r['description'], status: r['status'], closedAt: r['closed_at'] == null ? null : readDate(r['closed_at']),
    customerCode: r['customer_code'], assigneeId: num(r['assignee_id']), escalated: r['escalated'] === true || Number(r['escalated']) === 1, source: r['source'],
    templateId: num(r['template_id']), createdAt: readDate(r['created_at']), updatedAt: readDate(r['updated_at']), version: Number(r['version']),
  } as Case;
}

/** Newest-created first on the (customer, status, created_at, id) index. */
export function simpleCasePage(db: DataSource, q: ListCasesQuery, scope: TenantScope): Promise<Page<Case>> {
  return simplePage(db, scope, {
    table: 'cases', columns: COLUMNS, tenantColumn: 'customer_code', customers: q.customerCode,
    filters: [{ column: 'status', values: q.status }],
    keyset: { time: 'created_at', id: 'id' }, limit: q.limit ?? 25, cursor: q.cursor, map: toCase, keyOf: (c) => [c.createdAt, c.id],
  });
}
