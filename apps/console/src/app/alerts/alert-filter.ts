import { ParamMap } from '@angular/router';
import { AlertSeverity, AlertStatus, isAlertSeverity, isAlertStatus, isVerdictFilter, VerdictFilter } from '@copilot/ui';

const HOUR = 3600_000;
export const RANGE_PRESETS = [
  { key: '1h', label: 'Last hour', ms: HOUR },
  { key: '24h', label: 'Last 24 hours', ms: 24 * HOUR },
  { key: '7d', label: 'Last 7 days', ms: 7 * 24 * HOUR },
  { key: '30d', label: 'Last 30 days', ms: 30 * 24 * HOUR },
] as const;
export type RangeKey = (typeof RANGE_PRESETS)[number]['key'];

/**
 * When the latest event happened: any time, a preset relative to now (kept relative in the URL, so a
 * bookmark of "last 24 hours" stays useful), or explicit bounds (ISO-8601, either may be open).
 */
export type TimeRange =
  { kind: 'any' } | { kind: 'preset'; key: RangeKey; ms: number } | { kind: 'custom'; from: string | null; to: string | null };

/** The alert list's filters; the URL is their only home (`?status=OPEN,IN_PROGRESS&severity=High&…`). */
export interface AlertFilter {
  status: readonly AlertStatus[];
  severity: readonly AlertSeverity[];
  customerCode: string | null;
  /** A user id, or `unassigned`. */
  assignee: string | null;
  verdict: VerdictFilter | null;
  tag: string;
  source: string;
  /** Alerts seen on this asset (agent name, exact). */
  asset: string;
  /** Alerts carrying this IoC value (IP, domain, hash or URL; exact). */
  ioc: string;
  title: string;
  range: TimeRange;
}

export const EMPTY_FILTER: AlertFilter = {
  status: [],
  severity: [],
  customerCode: null,
  assignee: null,
  verdict: null,
  tag: '',
  source: '',
  asset: '',
  ioc: '',
  title: '',
  range: { kind: 'any' },
};

function list<T extends string>(value: string | null, accept: (v: string) => v is T, order: readonly T[]): T[] {
  const picked = new Set(
    (value ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(accept),
  );
  return order.filter((v) => picked.has(v));
}

function isoOrNull(value: string | null): string | null {
  return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null;
}

function parseRange(params: ParamMap): TimeRange {
  const preset = RANGE_PRESETS.find((p) => p.key === params.get('range'));
  if (preset) {
    return { kind: 'preset', key: preset.key, ms: preset.ms };
  }
  const from = isoOrNull(params.get('from'));
  const to = isoOrNull(params.get('to'));
  return from || to ? { kind: 'custom', from, to } : { kind: 'any' };
}

/** Reads the filters from the URL; values the api would refuse are dropped rather than sent. */
export function parseFilter(params: ParamMap): AlertFilter {
  const assignee = params.get('assignee');
  const verdict = params.get('verdict');
  return {
    status: list(params.get('status'), isAlertStatus, ['OPEN', 'IN_PROGRESS', 'CLOSED']),
    severity: list(params.get('severity'), isAlertSeverity, ['Low', 'Medium', 'High', 'Critical']),
    customerCode: params.get('customer') || null,
    assignee: assignee && /^([1-9]\d{0,9}|unassigned)$/.test(assignee) ? assignee : null,
    verdict: verdict && isVerdictFilter(verdict) ? verdict : null,
    tag: params.get('tag')?.trim().toLowerCase() ?? '',
    source: params.get('source')?.trim() ?? '',
    asset: params.get('asset')?.trim() ?? '',
    ioc: params.get('ioc')?.trim() ?? '',
    title: params.get('q')?.trim() ?? '',
    range: parseRange(params),
  };
}

/** The query parameters for a filter change; null removes a parameter from the URL. */
export function filterQuery(change: Partial<AlertFilter>): Record<string, string | null> {
  const query: Record<string, string | null> = {};
  const joined = (values: readonly string[]) => (values.length > 0 ? values.join(',') : null);
  if (change.status) query['status'] = joined(change.status);
  if (change.severity) query['severity'] = joined(change.severity);
  if (change.customerCode !== undefined) query['customer'] = change.customerCode;
  if (change.assignee !== undefined) query['assignee'] = change.assignee;
  if (change.verdict !== undefined) query['verdict'] = change.verdict;
  if (change.tag !== undefined) query['tag'] = change.tag.trim().toLowerCase() || null;
  if (change.source !== undefined) query['source'] = change.source.trim() || null;
  if (change.asset !== undefined) query['asset'] = change.asset.trim() || null;
  if (change.ioc !== undefined) query['ioc'] = change.ioc.trim() || null;
  if (change.title !== undefined) query['q'] = change.title.trim() || null;
  if (change.range) {
    const range = change.range;
    query['range'] = range.kind === 'preset' ? range.key : null;
    query['from'] = range.kind === 'custom' ? range.from : null;
    query['to'] = range.kind === 'custom' ? range.to : null;
  }
  return query;
}

/** True when anything narrows the list (so an empty list means "nothing matches", not "no alerts"). */
export function isFiltered(f: AlertFilter): boolean {
  return (
    f.status.length > 0 ||
    f.severity.length > 0 ||
    f.customerCode !== null ||
    f.assignee !== null ||
    f.verdict !== null ||
    f.tag !== '' ||
    f.source !== '' ||
    f.asset !== '' ||
    f.ioc !== '' ||
    f.title !== '' ||
    f.range.kind !== 'any'
  );
}
