import type { Reply, TestApp } from '../testing/harness';
import { AlertBody, AlertDetailBody, createAlert } from './alert-helpers';
import { unique } from './helpers';

/** Shared by the case integration specs: the wire shapes and create helpers. */
export interface CaseBody {
  id: number;
  name: string;
  description: string | null;
  status: string;
  closedAt: string | null;
  customerCode: string;
  assigneeId: number | null;
  escalated: boolean;
  source: string | null;
  templateId: number | null;
  alertCount: number;
  createdAt: string;
  version: number;
}

export interface CaseEventBody {
  kind: string;
  actorId: number | null;
  actorUsername: string | null;
  refId: number | null;
  fromValue: string | null;
  toValue: string | null;
  at: string;
}

export interface CaseTaskBody {
  id: number;
  title: string;
  description: string | null;
  status: string;
  mandatory: boolean;
}

export interface CaseDetailBody extends CaseBody {
  template: { id: number; name: string } | null;
  alerts: { id: number; title: string; status: string; linkedAt: string; linkedBy: string }[];
  tasks: CaseTaskBody[];
  comments: { id: number; authorId: number | null; authorUsername: string; body: string; createdAt: string }[];
  timeline: CaseEventBody[];
}

export const CASES = '/api/incidents/cases';

export async function createCase(t: TestApp, token: string, customerCode: string, extra: Record<string, unknown> = {}): Promise<CaseDetailBody> {
  const res: Reply<CaseDetailBody> = await t.request<CaseDetailBody>('POST', CASES, { token, body: { name: unique('Case '), customerCode, ...extra } });
  if (res.status !== 201) throw new Error(`create case: ${res.status} ${res.text}`);
  return res.body;
}

/** An alert with a title of its own: pushed alerts with the same title, source and customer fold into one. */
export function distinctAlert(t: TestApp, token: string, customerCode: string, extra: Record<string, unknown> = {}): Promise<AlertBody> {
  return createAlert(t, token, customerCode, { title: unique('Alert '), ...extra });
}

export async function caseDetail(t: TestApp, token: string, id: number): Promise<CaseDetailBody> {
  const res = await t.request<CaseDetailBody>('GET', `${CASES}/${id}`, { token });
  if (res.status !== 200) throw new Error(`get case ${id}: ${res.status} ${res.text}`);
  return res.body;
}

export async function alertDetail(t: TestApp, token: string, id: number): Promise<AlertDetailBody> {
  const res = await t.request<AlertDetailBody>('GET', `/api/incidents/alerts/${id}`, { token });
  if (res.status !== 200) throw new Error(`get alert ${id}: ${res.status} ${res.text}`);
  return res.body;
}

export async function createTemplate(t: TestApp, token: string, body: Record<string, unknown>): Promise<{ id: number; name: string }> {
  const res = await t.request<{ id: number; name: string }>('POST', '/api/incidents/case-templates', { token, body: { name: unique('Tpl '), ...body } });
  if (res.status !== 201) throw new Error(`create template: ${res.status} ${res.text}`);
  return res.body;
}
