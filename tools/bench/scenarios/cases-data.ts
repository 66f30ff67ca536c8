import { prng, weighted } from './scenario';

/**
 * Synthetic cases: mostly closed, created over the last year in id order (with jitter), most of
 * them linked to one or two alerts (case i may link alerts 2i+1 and 2i+2, which the cases
 * scenario loads first, so every link points at a real alert).
 */

export const CASE_COLUMNS = [
  'id', 'name', 'description', 'status', 'closed_at', 'customer_code', 'assignee_id', 'escalated', 'source', 'template_id', 'created_at', 'updated_at', 'version',
];
export const CASE_ALERT_COLUMNS = ['case_id', 'alert_id', 'linked_at', 'linked_by'];

const STATUSES = [{ value: 'CLOSED', weight: 70 }, { value: 'OPEN', weight: 20 }, { value: 'IN_PROGRESS', weight: 10 }];
const SOURCES = [{ value: 'wazuh', weight: 55 }, { value: 'graylog', weight: 25 }, { value: null, weight: 20 }];
const SUBJECTS = [
  'Phishing campaign against finance', 'Brute force on VPN gateway', 'Malware on workstation', 'Suspicious admin sign-ins', 'Data exfiltration attempt',
  'Ransomware precursor activity', 'Compromised service account', 'Web application attack', 'Unauthorized software', 'Insider access review',
];
const HOUR = 3_600_000;
const SPAN_MS = 365 * 24 * HOUR;

export interface CaseDataContext {
  total: number;
  customerCodes: string[];
  userIds: number[];
  now: number;
}

export function buildCaseRows(ctx: CaseDataContext, start: number, end: number): unknown[][][] {
  const customers = ctx.customerCodes.map((value, i) => ({ value, weight: 1 / Math.sqrt(i + 1) }));
  const cases: unknown[][] = [];
  const links: unknown[][] = [];
  const origin = ctx.now - HOUR - SPAN_MS;
  for (let i = start; i < end; i++) {
    const r = prng(0x85ebca6b ^ i);
    const id = i + 1;
    const status = weighted(STATUSES, r());
    const createdAt = new Date(Math.round(origin + (i / ctx.total) * SPAN_MS + (r() - 0.5) * 4 * HOUR));
    const closedAt = status === 'CLOSED' ? new Date(Math.min(ctx.now, createdAt.getTime() + HOUR + Math.round(r() * 240 * HOUR))) : null;
    const updatedAt = closedAt ?? new Date(Math.min(ctx.now, createdAt.getTime() + Math.round(r() * 48 * HOUR)));
    const subject = SUBJECTS[Math.floor(r() * SUBJECTS.length)];
    cases.push([
      id,
      `${subject} #${id}`,
      r() < 0.4 ? null : `${subject}: scoped from the linked alerts; see the tasks and the timeline for what was done.`,
      status,
      closedAt,
      weighted(customers, r()),
      ctx.userIds.length > 0 && r() < 0.7 ? ctx.userIds[Math.floor(r() * ctx.userIds.length)] : null,
      r() < 0.05 ? 1 : 0,
      weighted(SOURCES, r()),
      null,
      createdAt,
      updatedAt,
      1 + Math.floor(r() * 5),
    ]);
    const linked = r() < 0.15 ? 0 : r() < 0.6 ? 1 : 2;
    for (let k = 0; k < linked; k++) links.push([id, 2 * i + 1 + k, createdAt, 'bench-analyst']);
  }
  return [cases, links];
}
