import type { Reply, TestApp } from '../testing/harness';

/** Shared by the alert integration specs: the wire shapes and a create helper. */
export interface AlertBody {
  id: number;
  title: string;
  description: string | null;
  status: string;
  closedAt: string | null;
  severity: string;
  source: string;
  customerCode: string;
  assigneeId: number | null;
  escalated: boolean;
  verdict: string | null;
  verdictReason: string | null;
  verdictNote: string | null;
  verdictBy: string | null;
  verdictAt: string | null;
  occurrences: number;
  firstEventAt: string;
  lastEventAt: string;
  externalId: string | null;
  tags: string[];
  version: number;
}

export interface TimelineEvent {
  kind: string;
  actorId: number | null;
  actorUsername: string | null;
  fromValue: string | null;
  toValue: string | null;
  at: string;
}

export interface AlertDetailBody extends AlertBody {
  comments: { id: number; authorId: number; authorUsername: string; body: string; createdAt: string }[];
  timeline: TimelineEvent[];
}

let ruleNo = 0;

/** A new alert each call: a distinct rule id keeps dedup from folding it into an earlier one (unless `extra` says otherwise). */
export async function createAlert(t: TestApp, token: string, customerCode: string, extra: Record<string, unknown> = {}): Promise<AlertBody> {
  const res: Reply<AlertBody> = await t.request<AlertBody>('POST', '/api/incidents/alerts', {
    token, body: { title: 'Suspicious login', severity: 'Medium', source: 'wazuh', customerCode, ruleId: `test-rule-${++ruleNo}`, ...extra },
  });
  if (res.status !== 201) throw new Error(`create alert: ${res.status} ${res.text}`);
  return res.body;
}
