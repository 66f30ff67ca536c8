import type { Case, CaseSummary, CaseTask, LinkedAlert } from './cases-data.service';

/** A case as the api lists it, for specs. */
export function caseSummary(id: number, overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
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
    ...overrides,
  };
}

export function caseTask(id: number, overrides: Partial<CaseTask> = {}): CaseTask {
  return {
    id,
    caseId: 7,
    title: `Task ${id}`,
    description: null,
    status: 'TODO',
    mandatory: false,
    createdAt: '2026-03-10T09:00:00Z',
    updatedAt: '2026-03-10T09:00:00Z',
    ...overrides,
  };
}

export function linkedAlert(id: number, overrides: Partial<LinkedAlert> = {}): LinkedAlert {
  return {
    id,
    title: `Alert ${id}`,
    status: 'OPEN',
    severity: 'High',
    source: 'wazuh',
    lastEventAt: '2026-03-10T08:00:00Z',
    linkedAt: '2026-03-10T09:30:00Z',
    linkedBy: 'dana',
    ...overrides,
  };
}

/** A case with its children as the api answers `GET /cases/:id`, for specs. */
export function caseDetail(id: number, overrides: Partial<Case> = {}): Case {
  return {
    ...caseSummary(id),
    template: null,
    alerts: [],
    tasks: [],
    comments: [],
    timeline: [
      { id: 1, kind: 'CREATED', actorId: 1, actorUsername: 'admin', refId: null, fromValue: null, toValue: 'OPEN', at: '2026-03-10T09:00:00Z' },
    ],
    ...overrides,
  };
}
