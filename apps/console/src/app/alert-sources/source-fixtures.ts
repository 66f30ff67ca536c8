import type { AlertSource } from './alert-sources-data.service';
import { DEFAULT_CUSTOMER_FIELDS, DEFAULT_IOCS, MAPPING_DEFAULTS } from './source-defaults';

/** A source as the api answers it (mapping with the defaults filled in), for specs. */
export function alertSource(id: number, overrides: Partial<AlertSource> = {}): AlertSource {
  return {
    id,
    name: `source-${id}`,
    connectorId: null,
    indexPattern: 'wazuh-alerts-*',
    query: null,
    mapping: { ...MAPPING_DEFAULTS, iocs: [...DEFAULT_IOCS], customerFields: [...DEFAULT_CUSTOMER_FIELDS], customerMap: {} },
    dedupFields: ['source', 'rule', 'asset'],
    dedupWindowMinutes: 1440,
    overlapMinutes: 5,
    batchSize: 500,
    enabled: true,
    writeBack: false,
    status: {
      cursorTime: '2026-03-10T08:00:00.000Z',
      cursorId: null,
      lastPassAt: null,
      lastPassStatus: null,
      lastPassError: null,
      docsRead: 0,
      alertsCreated: 0,
      alertsBumped: 0,
      unattributed: 0,
      unattributedSamples: [],
      writeBackFailures: 0,
    },
    createdAt: '2026-03-10T08:00:00Z',
    updatedAt: '2026-03-10T08:00:00Z',
    version: 1,
    ...overrides,
  };
}
