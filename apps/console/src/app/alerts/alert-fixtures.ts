import type { Alert, AlertSummary } from './alerts-data.service';

/** An alert as the api answers it, for specs. */
export function alertSummary(id: number, overrides: Partial<AlertSummary> = {}): AlertSummary {
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

export function alertDetail(id: number, overrides: Partial<Alert> = {}): Alert {
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
