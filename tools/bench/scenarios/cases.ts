import type { Pool, RowDataPacket } from 'mysql2/promise';
import { loadAlerts } from './alerts';
import { bulkInsert } from './bulk-insert';
import { buildCaseRows, CASE_ALERT_COLUMNS, CASE_COLUMNS } from './cases-data';
import { encodeCursor, ListScenario, PageRequest } from './scenario';

const SELECT = `SELECT ${CASE_COLUMNS.join(', ')} FROM cases WHERE customer_code = ? AND status = ?`;
// The api's keyset for cases is (created_at, id), expanded to the same OR-chain as for alerts.
const AFTER = ' AND (created_at < ? OR (created_at = ? AND id < ?))';
const ORDER = ' ORDER BY created_at DESC, id DESC LIMIT ';

/** The page as the api's CaseDto (case.mapper.ts toCaseDto) orders and types it. */
function toDto(r: RowDataPacket, alertCount: number): Record<string, unknown> {
  return {
    id: r['id'], name: r['name'], description: r['description'], status: r['status'], closedAt: r['closed_at'], customerCode: r['customer_code'],
    assigneeId: r['assignee_id'], escalated: r['escalated'] === 1, source: r['source'], templateId: r['template_id'], alertCount,
    createdAt: r['created_at'], updatedAt: r['updated_at'], version: r['version'],
  };
}

export const casesScenario: ListScenario = {
  name: 'cases-list',
  noun: 'cases',
  path: '/api/incidents/cases',
  statusMix: [{ value: 'OPEN', weight: 50 }, { value: 'IN_PROGRESS', weight: 25 }, { value: 'CLOSED', weight: 25 }],

  async load(ctx) {
    // Two alerts per case, so every case_alerts row points at a real alert.
    ctx.log(`  first ${(2 * ctx.rows).toLocaleString('en-US')} alerts for the cases to link`);
    await loadAlerts(ctx, 2 * ctx.rows);
    const data = { total: ctx.rows, customerCodes: ctx.customerCodes, userIds: ctx.userIds, now: Date.now() };
    await bulkInsert({
      conns: ctx.conns,
      tables: [{ table: 'cases', columns: CASE_COLUMNS }, { table: 'case_alerts', columns: CASE_ALERT_COLUMNS }],
      total: ctx.rows,
      build: (start, end) => buildCaseRows(data, start, end),
      log: ctx.log,
    });
    await ctx.conns[0].query('ANALYZE TABLE cases, case_alerts');
  },

  async rawPage(pool: Pool, req: PageRequest) {
    const params: (string | number | Date)[] = [req.customerCode, req.status];
    let sql = SELECT;
    if (req.after) {
      sql += AFTER;
      params.push(req.after[0], req.after[0], req.after[1]);
    }
    sql += ORDER + String(req.limit + 1);
    const [rows] = await pool.execute<RowDataPacket[]>(sql, params);
    const page = rows.slice(0, req.limit);
    const counts = new Map<number, number>();
    if (page.length > 0) {
      const ids = page.map((r) => r['id'] as number);
      const [countRows] = await pool.execute<RowDataPacket[]>(`SELECT case_id, COUNT(*) AS n FROM case_alerts WHERE case_id IN (${ids.map(() => '?').join(',')}) GROUP BY case_id`, ids);
      for (const c of countRows) counts.set(c['case_id'] as number, Number(c['n']));
    }
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toDto(r, counts.get(r['id'] as number) ?? 0)),
      nextCursor: rows.length > req.limit && last ? encodeCursor([last['created_at'], last['id']]) : null,
    };
  },
};
