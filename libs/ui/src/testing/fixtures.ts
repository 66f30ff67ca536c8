import type {
  AlertDetailDto,
  AlertDto,
  CaseAlertSummaryDto,
  CaseDetailDto,
  CaseDto,
  CaseFileDto,
  CaseTaskDto,
} from '@copilot/client';

// Records as the api answers them, for the specs of both apps (console and portal read the same shapes).

/** An alert as `GET /alerts` lists it. */
export function alertSummary(id: number, overrides: Partial<AlertDto> = {}): AlertDto {
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

/** An alert with its children as `GET /alerts/:id` answers it. */
export function alertDetail(id: number, overrides: Partial<AlertDetailDto> = {}): AlertDetailDto {
  return {
    ...alertSummary(id),
    assets: [],
    iocs: [],
    context: null,
    occurrenceRefs: [],
    comments: [],
    timeline: [
      {
        id: 1,
        kind: 'CREATED',
        actorId: 1,
        actorUsername: 'admin',
        fromValue: null,
        toValue: 'OPEN',
        at: '2026-03-10T09:00:00Z',
      },
    ],
    ...overrides,
  };
}

/** A case as `GET /cases` lists it. */
export function caseSummary(id: number, overrides: Partial<CaseDto> = {}): CaseDto {
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

/** A case with its children as `GET /cases/:id` answers it. */
export function caseDetail(id: number, overrides: Partial<CaseDetailDto> = {}): CaseDetailDto {
  return {
    ...caseSummary(id),
    template: null,
    alerts: [],
    tasks: [],
    comments: [],
    timeline: [
      {
        id: 1,
        kind: 'CREATED',
        actorId: 1,
        actorUsername: 'admin',
        refId: null,
        fromValue: null,
        toValue: 'OPEN',
        at: '2026-03-10T09:00:00Z',
      },
    ],
    ...overrides,
  };
}

export function caseTask(id: number, overrides: Partial<CaseTaskDto> = {}): CaseTaskDto {
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

/** An alert linked to a case, as the case's `alerts` lists it. */
export function linkedAlert(id: number, overrides: Partial<CaseAlertSummaryDto> = {}): CaseAlertSummaryDto {
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

export function caseFile(name: string, overrides: Partial<CaseFileDto> = {}): CaseFileDto {
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
