import { prng, weighted } from './scenario';

/**
 * Synthetic alerts shaped like a SOC's: mostly closed, a fifth open, a few in progress; ids follow
 * ingestion order and last_event_at follows the ids with jitter (so the list indexes grow at their
 * ends as in production, which is also what keeps a million-row load fast); a quarter carry tags.
 */

export const ALERT_COLUMNS = [
  'id', 'title', 'description', 'status', 'closed_at', 'severity', 'source', 'customer_code', 'assignee_id', 'escalated', 'verdict', 'verdict_reason',
  'verdict_note', 'verdict_by', 'verdict_at', 'occurrences', 'first_event_at', 'last_event_at', 'last_seen_at', 'external_id', 'created_at', 'updated_at',
  'version',
];
export const TAG_COLUMNS = ['alert_id', 'tag'];

const STATUSES = [{ value: 'CLOSED', weight: 75 }, { value: 'OPEN', weight: 18 }, { value: 'IN_PROGRESS', weight: 7 }];
const SEVERITIES = [{ value: 'Low', weight: 40 }, { value: 'Medium', weight: 35 }, { value: 'High', weight: 20 }, { value: 'Critical', weight: 5 }];
const SOURCES = [{ value: 'wazuh', weight: 60 }, { value: 'graylog', weight: 25 }, { value: 'velociraptor', weight: 10 }, { value: 'manual', weight: 5 }];
const RULES = [
  'Multiple authentication failures', 'Possible brute force against SSH', 'PowerShell encoded command', 'New service installed', 'Suspicious DNS query',
  'Outbound connection to rare domain', 'Mimikatz-like LSASS access', 'Office macro spawned a shell', 'User added to Domain Admins', 'Audit log cleared',
  'Impossible travel sign-in', 'Web shell pattern in upload', 'Scheduled task created by user', 'Antivirus detection quarantined', 'Large upload to cloud storage',
];
const TAGS = ['phishing', 'malware', 'brute-force', 'lateral-movement', 'vpn', 'edr', 'cloud', 'exfiltration'];
const FP_REASONS = ['EXPECTED_ACTIVITY', 'KNOWN_APPLICATION', 'AUTHORIZED_USER', 'RULE_TOO_SENSITIVE', 'OTHER'];

const HOUR = 3_600_000;
/** Events span the last 180 days, ending an hour before the load. */
const SPAN_MS = 180 * 24 * HOUR;

export interface AlertDataContext {
  total: number;
  customerCodes: string[];
  userIds: number[];
  /** Load start, fixed once so every batch sees the same clock. */
  now: number;
}

/** Larger customers first (weight 1/sqrt(rank)): an MSSP's tenants are not all the same size. */
function customerWeights(codes: string[]): { value: string; weight: number }[] {
  return codes.map((value, i) => ({ value, weight: 1 / Math.sqrt(i + 1) }));
}

export function buildAlertRows(ctx: AlertDataContext, start: number, end: number): unknown[][][] {
  const customers = customerWeights(ctx.customerCodes);
  const alerts: unknown[][] = [];
  const tags: unknown[][] = [];
  const origin = ctx.now - HOUR - SPAN_MS;
  for (let i = start; i < end; i++) {
    const r = prng(0x9e3779b1 ^ i);
    const id = i + 1;
    const status = weighted(STATUSES, r());
    const source = weighted(SOURCES, r());
    const lastEventAt = new Date(Math.round(origin + (i / ctx.total) * SPAN_MS + (r() - 0.5) * 4 * HOUR));
    const firstEventAt = new Date(lastEventAt.getTime() - Math.round(r() * 6 * HOUR));
    const lastSeenAt = new Date(lastEventAt.getTime() + Math.round(r() * 60_000));
    const closed = status === 'CLOSED';
    const closedAt = closed ? new Date(Math.min(ctx.now, lastEventAt.getTime() + HOUR + Math.round(r() * 72 * HOUR))) : null;
    const verdictRoll = r();
    const verdict = !closed || verdictRoll < 0.1 ? null : verdictRoll < 0.7 ? 'FALSE_POSITIVE' : 'TRUE_POSITIVE';
    const reason = verdict === 'FALSE_POSITIVE' ? FP_REASONS[Math.floor(r() * FP_REASONS.length)] : null;
    const assignee = status !== 'OPEN' && ctx.userIds.length > 0 && r() < 0.6 ? ctx.userIds[Math.floor(r() * ctx.userIds.length)] : null;
    const host = `host-${Math.floor(r() * 5000)}`;
    const rule = RULES[Math.floor(r() * RULES.length)];
    alerts.push([
      id,
      `${rule} on ${host}`,
      r() < 0.5 ? null : `Rule "${rule}" matched on ${host} (agent ${Math.floor(r() * 100000)}); see the raw event in the SIEM for the full record.`,
      status,
      closedAt,
      weighted(SEVERITIES, r()),
      source,
      weighted(customers, r()),
      assignee,
      r() < 0.03 ? 1 : 0,
      verdict,
      reason,
      reason ? 'Confirmed with the asset owner.' : null,
      verdict ? 'bench-analyst' : null,
      verdict ? closedAt : null,
      1 + Math.floor(-Math.log(1 - r()) * 2),
      firstEventAt,
      lastEventAt,
      lastSeenAt,
      source === 'manual' ? null : `${source}-${id}`,
      firstEventAt,
      closedAt ?? lastSeenAt,
      closed ? 3 : 1,
    ]);
    if (r() < 0.25) {
      const first = Math.floor(r() * TAGS.length);
      tags.push([id, TAGS[first]]);
      if (r() < 0.4) tags.push([id, TAGS[(first + 1 + Math.floor(r() * (TAGS.length - 1))) % TAGS.length]]);
    }
  }
  return [alerts, tags];
}
