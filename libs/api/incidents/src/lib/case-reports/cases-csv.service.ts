import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { BadInputError, narrowScope, paginate, scopeQuery, TenantScope } from '@copilot/api-core';
import { CustomersService } from '@copilot/api-customers';
import { User } from '@copilot/api-users';
import { csvLine } from '../alerts-bulk/csv';
import { CaseAlert } from '../cases/case-children.entities';
import { Case } from '../cases/case.entity';
import { CasesCsvQuery } from './dto/case-report.dto';

const HEADER = ['id', 'name', 'status', 'customerCode', 'assignee', 'escalated', 'source', 'alerts', 'createdAt', 'closedAt'];
const KEYSET = [{ expr: 'c.createdAt', prop: 'createdAt', dir: 'ASC' as const }, { expr: 'c.id', prop: 'id', dir: 'ASC' as const }];
const PAGE = 500;

/** `YYYY-MM` → the first instant of that month, UTC; `next` moves one month on (December rolls into January). */
function monthStart(month: string, next = false): Date {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + (next ? 1 : 0), 1));
}

/**
 * The cases created in a range of whole months, for some or all of the caller's customers, as CSV
 * (the alerts export's RFC 4180 writer, formula cells neutralised). Read in keyset pages as the
 * client consumes the stream, oldest first.
 */
@Injectable()
export class CasesCsvService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly customers: CustomersService,
  ) {}

  /** Validates before the first byte, so bad input is still a problem+json answer. */
  async export(query: CasesCsvQuery, scope: TenantScope): Promise<{ stream: Readable; filename: string }> {
    const from = monthStart(query.from);
    const until = monthStart(query.to, true);
    if (until <= from) throw new BadInputError(`to (${query.to}) is before from (${query.from})`, [{ field: 'to', message: 'must not be before from' }]);
    const codes = [...new Set(query.customerCode ?? [])];
    if (codes.length > 0) await this.customers.assertExist(codes, scope, 'customerCode');
    const base = () => {
      const qb = this.db.getRepository(Case).createQueryBuilder('c').where('c.createdAt >= :from AND c.createdAt < :until', { from, until });
      return scopeQuery(qb, narrowScope(scope, codes));
    };
    return { stream: Readable.from(this.lines(base)), filename: `cases-${query.from}-to-${query.to}.csv` };
  }

  private async *lines(base: () => SelectQueryBuilder<Case>): AsyncGenerator<string> {
    yield csvLine(HEADER);
    let cursor: string | undefined;
    for (;;) {
      const page = await paginate(base(), KEYSET, { limit: PAGE, cursor });
      if (page.items.length === 0) return;
      const ids = page.items.map((c) => c.id);
      const [names, counts] = await Promise.all([this.usernames(page.items.map((c) => c.assigneeId)), this.alertCounts(ids)]);
      yield page.items.map((c) => csvLine([
        c.id, c.name, c.status, c.customerCode, c.assigneeId === null ? '' : names.get(c.assigneeId) ?? '', c.escalated, c.source, counts.get(c.id) ?? 0, c.createdAt, c.closedAt,
      ])).join('');
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  private async usernames(ids: (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.db.getRepository(User).find({ where: { id: In(wanted) }, select: { id: true, username: true } });
    return new Map(users.map((u) => [u.id, u.username]));
  }

  private async alertCounts(ids: number[]): Promise<Map<number, number>> {
    const rows = await this.db.getRepository(CaseAlert).createQueryBuilder('l').select('l.caseId', 'caseId').addSelect('COUNT(*)', 'n')
      .where('l.caseId IN (:...ids)', { ids }).groupBy('l.caseId').getRawMany<{ caseId: number | string; n: number | string }>();
    return new Map(rows.map((r) => [Number(r.caseId), Number(r.n)]));
  }
}
