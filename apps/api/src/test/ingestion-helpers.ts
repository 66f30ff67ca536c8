import { FakeOpenSearch, seedWazuhAlerts, type SeededAlert } from '@copilot/testing-fakes';
import { Alert, AlertOrigin, AlertSource, SourcePassService } from '@copilot/api-incidents';
import type { TestApp } from '../testing/harness';

export const INDEXER_PASSWORD = 'indexer-password-for-tests';

/** A fake Wazuh indexer and the env that makes it the global Wazuh-Indexer connector. */
export async function startIndexer(): Promise<{ fake: FakeOpenSearch; env: Record<string, string> }> {
  const fake = await FakeOpenSearch.start({ password: INDEXER_PASSWORD });
  return { fake, env: { WAZUH_INDEXER_URL: fake.url, WAZUH_INDEXER_USERNAME: 'admin', WAZUH_INDEXER_PASSWORD: INDEXER_PASSWORD, WAZUH_INDEXER_VERIFY_TLS: 'false' } };
}

export interface SourceBody {
  id: number;
  name: string;
  version: number;
  status: { cursorTime: string | null; cursorId: string | null; docsRead: number; alertsCreated: number; alertsBumped: number; unattributed: number; unattributedSamples: { reason: string }[]; lastPassStatus: string | null; writeBackFailures: number };
}

export async function createSource(t: TestApp, token: string, body: Record<string, unknown>): Promise<SourceBody> {
  const res = await t.request<SourceBody>('POST', '/api/incidents/sources', { token, body: { indexPattern: 'wazuh-alerts-*', ...body } });
  if (res.status !== 201) throw new Error(`create source: ${res.status} ${res.text}`);
  return res.body;
}

export function seed(fake: FakeOpenSearch, count: number, customers: string[], start: Date, seedNo = 1, intervalMs = 60_000): SeededAlert[] {
  return seedWazuhAlerts(fake, { count, customers, startTime: start, intervalMs, seed: seedNo, perTimestamp: 2 });
}

export function runPass(t: TestApp, sourceId: number) {
  return t.get(SourcePassService).run(sourceId);
}

/** What a user would compare between runs: every alert's key facts and every origin, in a stable order. */
export async function snapshot(t: TestApp, source: string): Promise<{ alerts: string[]; origins: number; occurrences: number }> {
  const alerts = await t.db.getRepository(Alert).find({ where: { source }, order: { externalId: 'ASC' } });
  const origins = await t.db.getRepository(AlertOrigin).count({ where: { sourceId: (await t.db.getRepository(AlertSource).findOneByOrFail({ name: source })).id } });
  return {
    alerts: alerts.map((a) => `${a.externalId}|${a.customerCode}|${a.occurrences}|${a.firstEventAt.toISOString()}|${a.lastEventAt.toISOString()}`),
    origins,
    occurrences: alerts.reduce((n, a) => n + a.occurrences, 0),
  };
}
