import type { AlertChoice, Case, CaseFile, CaseSummary } from './cases-data.service';

/** A case as the api answers a customer user, for specs. */
export function portalCase(id: number, overrides: Partial<Case> = {}): Case {
  const summary: CaseSummary = {
    id,
    name: `Case ${id}`,
    description: null,
    status: 'OPEN',
    closedAt: null,
    customerCode: 'acme',
    assigneeId: null,
    escalated: false,
    source: null,
    templateId: null,
    alertCount: 0,
    createdAt: '2026-03-10T09:00:00Z',
    updatedAt: '2026-03-10T09:00:00Z',
    version: 1,
  };
  return {
    ...summary,
    template: null,
    alerts: [],
    tasks: [],
    comments: [],
    timeline: [
      {
        id: 1,
        kind: 'CREATED',
        actorId: 5,
        actorUsername: 'jane',
        refId: null,
        fromValue: null,
        toValue: 'OPEN',
        at: '2026-03-10T09:00:00Z',
      },
    ],
    ...overrides,
  };
}

export function portalCaseSummary(id: number, overrides: Partial<CaseSummary> = {}): CaseSummary {
  const { template: _t, alerts: _a, tasks: _k, comments: _c, timeline: _l, ...summary } = portalCase(id);
  return { ...summary, ...overrides };
}

export function alertChoice(id: number, overrides: Partial<AlertChoice> = {}): AlertChoice {
  return {
    id,
    title: `Alert ${id}`,
    description: null,
    status: 'OPEN',
    closedAt: null,
    severity: 'High',
    source: 'wazuh',
    customerCode: 'acme',
    assigneeId: null,
    escalated: false,
    verdict: null,
    verdictReason: null,
    verdictNote: null,
    verdictBy: null,
    verdictAt: null,
    occurrences: 1,
    firstEventAt: '2026-03-10T09:00:00Z',
    lastEventAt: '2026-03-10T10:00:00Z',
    lastSeenAt: '2026-03-10T10:00:00Z',
    externalId: null,
    tags: [],
    createdAt: '2026-03-10T09:00:00Z',
    updatedAt: '2026-03-10T10:00:00Z',
    version: 1,
    ...overrides,
  };
}

export function caseFile(name: string, overrides: Partial<CaseFile> = {}): CaseFile {
  return {
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    caseId: 4,
    name,
    contentType: 'text/plain',
    size: 1536,
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    uploadedBy: 'jane',
    createdAt: '2026-03-10T10:00:00Z',
    ...overrides,
  };
}
