import type { Pool, RowDataPacket } from 'mysql2/promise';
import { bulkInsert } from './bulk-insert';
import { ALERT_COLUMNS, buildAlertRows, TAG_COLUMNS } from './alerts-data';
import { encodeCursor, ListScenario, LoadContext, PageRequest } from './scenario';

const SELECT = `SELECT ${ALERT_COLUMNS.join(', ')} FROM alerts WHERE customer_code = ? AND status = ?`;
// The api's keyset condition (paginate() in api-core) expands (last_event_at, id) < (?, ?) to this
// OR-chain; the baseline uses the same shape so both servers hand MariaDB the same plan.
const AFTER = ' AND (last_event_at < ? OR (last_event_at = ? AND id < ?))';
const ORDER = ' ORDER BY last_event_at DESC, id DESC LIMIT ';

/**
 * The page exactly as the api's AlertDto (alert.mapper.ts toAlertDto) orders and types it, so the
 * bench can check both servers return byte-identical JSON before it times them.
 */
function toDto(r: RowDataPacket, tags: string[]): Record<string, unknown> {
  return {
    id: r['id'], title: r['title'], description: r['description'], status: r['status'], closedAt: r['closed_at'], severity: r['severity'], source: r['source'],
    customerCode: r['customer_code'], assigneeId: r['assignee_id'], escalated: r['escalated'] === 1, verdict: r['verdict'], verdictReason: r['verdict_reason'],
    verdictNote: r['verdict_note'], verdictBy: r['verdict_by'], verdictAt: r['verdict_at'], occurrences: r['occurrences'], firstEventAt: r['first_event_at'],
    lastEventAt: r['last_event_at'], lastSeenAt: r['last_seen_at'], externalId: r['external_id'], tags, createdAt: r['created_at'], updatedAt: r['updated_at'],
    version: r['version'],
  };
}

/** Alerts 1..rows with their tags; the cases scenario loads these too, for its links to point at. */
export async function loadAlerts(ctx: LoadContext, rows: number): Promise<void> {
  const data = { total: rows, customerCodes: ctx.customerCodes, userIds: ctx.userIds, now: Date.now() };
  await bulkInsert({
    conns: ctx.conns,
    tables: [{ table: 'alerts', columns: ALERT_COLUMNS }, { table: 'alert_tags', columns: TAG_COLUMNS }],
    total: rows,
    build: (start, end) => buildAlertRows(data, start, end),
    log: ctx.log,
  });
  // Fresh statistics, so the optimizer sees a million rows rather than the empty table it migrated.
  await ctx.conns[0].query('ANALYZE TABLE alerts, alert_tags');
}

export const alertsScenario: ListScenario = {
  name: 'alerts-list',
  noun: 'alerts',
  path: '/api/incidents/alerts',
  // Analysts mostly look at open work; closed lists are paged for reviews.
  statusMix: [{ value: 'OPEN', weight: 50 }, { value: 'IN_PROGRESS', weight: 20 }, { value: 'CLOSED', weight: 30 }],

  load: (ctx) => loadAlerts(ctx, ctx.rows),

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
    const tags = new Map<number, string[]>();
    if (page.length > 0) {
      const ids = page.map((r) => r['id'] as number);
      const [tagRows] = await pool.execute<RowDataPacket[]>(`SELECT alert_id, tag FROM alert_tags WHERE alert_id IN (${ids.map(() => '?').join(',')}) ORDER BY tag ASC`, ids);
      for (const t of tagRows) tags.set(t['alert_id'] as number, [...(tags.get(t['alert_id'] as number) ?? []), t['tag'] as string]);
    }
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toDto(r, tags.get(r['id'] as number) ?? [])),
      nextCursor: rows.length > req.limit && last ? encodeCursor([last['last_event_at'], last['id']]) : null,
    };
  },
};
