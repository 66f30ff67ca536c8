import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { paginate, TenantScope } from '@copilot/api-core';
import { CustomersService } from '@copilot/api-customers';
import { AlertTag } from '../alerts/alert-children.entities';
import { Alert } from '../alerts/alert.entity';
import { filteredAlerts } from '../alerts/alert-filters';
import { csvLine } from './csv';
import { ExportAlertsQuery } from './dto/export.query';

/** Limits of one export; a provider so a test can lower them instead of writing 100k rows. */
@Injectable()
export class ExportLimits {
  maxRows = 100_000;
  pageSize = 500;
}

const HEADER = [
  'id', 'title', 'status', 'severity', 'source', 'customerCode', 'assigneeId', 'escalated', 'verdict', 'verdictReason', 'verdictNote', 'verdictBy', 'occurrences',
  'firstEventAt', 'lastEventAt', 'closedAt', 'createdAt', 'tags',
];
const KEYSET = [{ expr: 'a.lastEventAt', prop: 'lastEventAt', dir: 'DESC' as const }, { expr: 'a.id', prop: 'id', dir: 'DESC' as const }];

export interface AlertExport {
  stream: Readable;
  maxRows: number;
  /** More alerts match than the export carries. */
  truncated: boolean;
}

/**
 * CSV export of the alerts the list would show (same filters, same tenancy, same order), read in
 * keyset pages as the client consumes the stream, so memory holds one page however many match.
 */
@Injectable()
export class AlertsExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly customers: CustomersService,
    private readonly limits: ExportLimits,
  ) {}

  /** Validates and counts before the first byte, so bad input is still a problem+json answer. */
  async export(query: ExportAlertsQuery, scope: TenantScope): Promise<AlertExport> {
    if (query.customerCode) await this.customers.assertExist([query.customerCode], scope, 'customerCode');
    const { maxRows, pageSize } = this.limits;
    const base = () => {
      const qb = filteredAlerts(this.db.getRepository(Alert).createQueryBuilder('a'), scope, query);
      if (query.status && query.status.length > 0) qb.andWhere('a.status IN (:...fStatus)', { fStatus: query.status });
      return qb;
    };
    const truncated = (await this.countUpTo(base(), maxRows + 1)) > maxRows;
    return { stream: Readable.from(this.lines(base, maxRows, pageSize)), maxRows, truncated };
  }

  private async *lines(base: () => SelectQueryBuilder<Alert>, maxRows: number, pageSize: number): AsyncGenerator<string> {
    yield csvLine(HEADER);
    let cursor: string | undefined;
    let sent = 0;
    while (sent < maxRows) {
      const page = await paginate(base(), KEYSET, { limit: Math.min(pageSize, maxRows - sent), cursor });
      if (page.items.length === 0) break;
      const tags = await this.tagsOf(page.items.map((a) => a.id));
      yield page.items.map((a) => csvLine(row(a, tags.get(a.id) ?? []))).join('');
      sent += page.items.length;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
  }

  /** COUNT over at most `n` rows: enough to know whether the cap is hit, without counting a huge table. */
  private async countUpTo(qb: SelectQueryBuilder<Alert>, n: number): Promise<number> {
    const [sql, params] = qb.select('a.id').limit(n).getQueryAndParameters();
    const rows: { n: number | string }[] = await this.db.query(`SELECT COUNT(*) AS n FROM (${sql}) capped`, params);
    return Number(rows[0]?.n ?? 0);
  }

  private async tagsOf(ids: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    const rows = await this.db.getRepository(AlertTag).find({ where: { alertId: In(ids) }, order: { tag: 'ASC' } });
    for (const r of rows) out.set(r.alertId, [...(out.get(r.alertId) ?? []), r.tag]);
    return out;
  }
}

function row(a: Alert, tags: string[]): unknown[] {
  return [
    a.id, a.title, a.status, a.severity, a.source, a.customerCode, a.assigneeId, a.escalated, a.verdict, a.verdictReason, a.verdictNote, a.verdictBy, a.occurrences,
    a.firstEventAt, a.lastEventAt, a.closedAt, a.createdAt, tags.join('; '),
  ];
}
