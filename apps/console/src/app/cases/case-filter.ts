import { ParamMap } from '@angular/router';
import { CASE_STATUSES, CaseStatus, isCaseStatus } from '@copilot/ui';

/** The case list's filters; the URL is their only home (`?status=OPEN,IN_PROGRESS&assignee=3&customer=acme&q=vpn`). */
export interface CaseFilter {
  status: readonly CaseStatus[];
  /** A user id, or `unassigned`. */
  assignee: string | null;
  customerCode: string | null;
  /** Text the name contains. */
  text: string;
}

export const EMPTY_CASE_FILTER: CaseFilter = { status: [], assignee: null, customerCode: null, text: '' };

/** Reads the filters from the URL; values the api would refuse are dropped rather than sent. */
export function parseCaseFilter(params: ParamMap): CaseFilter {
  const picked = new Set((params.get('status') ?? '').split(',').map((s) => s.trim()));
  const assignee = params.get('assignee');
  return {
    status: CASE_STATUSES.filter((s) => picked.has(s) && isCaseStatus(s)),
    assignee: assignee && /^([1-9]\d{0,9}|unassigned)$/.test(assignee) ? assignee : null,
    customerCode: params.get('customer') || null,
    text: params.get('q')?.trim().slice(0, 256) ?? '',
  };
}

/** The query parameters for a filter change; null removes a parameter from the URL. */
export function caseFilterQuery(change: Partial<CaseFilter>): Record<string, string | null> {
  const query: Record<string, string | null> = {};
  if (change.status) query['status'] = change.status.length > 0 ? change.status.join(',') : null;
  if (change.assignee !== undefined) query['assignee'] = change.assignee;
  if (change.customerCode !== undefined) query['customer'] = change.customerCode;
  if (change.text !== undefined) query['q'] = change.text.trim() || null;
  return query;
}

export function isCaseFiltered(f: CaseFilter): boolean {
  return f.status.length > 0 || f.assignee !== null || f.customerCode !== null || f.text !== '';
}
