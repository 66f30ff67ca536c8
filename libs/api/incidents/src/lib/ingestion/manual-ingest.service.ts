import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertCustomerInScope, BadInputError, NotFoundError, Principal } from '@copilot/api-core';
import { AlertIngestor } from './alert-ingestor';
import { AlertSource } from './alert-source.entity';
import { mapDocument } from './document-mapper';
import { SourcePassService } from './source-pass.service';
import { DEFAULT_DEDUP_FIELDS, DEFAULT_DEDUP_WINDOW_MINUTES, WAZUH_DEFAULT_MAPPING } from './source.types';

/** Whether an OpenSearch index expression (comma-separated globs, `-` exclusions) covers a concrete index. */
export function patternCovers(pattern: string, index: string): boolean {
  const glob = (p: string) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const parts = pattern.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.some((p) => p.startsWith('-') && glob(p.slice(1)).test(index))) return false;
  return parts.some((p) => !p.startsWith('-') && glob(p).test(index));
}

/** Used when no source covers the index: the Wazuh defaults, under the source name `wazuh`. */
const FALLBACK = { id: 0, name: 'wazuh', connectorId: null, mapping: WAZUH_DEFAULT_MAPPING, dedupFields: DEFAULT_DEDUP_FIELDS, dedupWindowMinutes: DEFAULT_DEDUP_WINDOW_MINUTES };

/**
 * `create/manual`: one indexer document through the same mapping, attribution, dedup and origin key as the
 * pass, using the first source (by id) whose pattern covers the index. Creating it twice answers the first alert.
 */
@Injectable()
export class ManualIngestService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passes: SourcePassService,
    private readonly ingestor: AlertIngestor,
  ) {}

  async create(indexName: string, docId: string, actor: Principal): Promise<{ alertId: number; created: boolean }> {
    const sources = await this.db.getRepository(AlertSource).find({ order: { id: 'ASC' } });
    const source = sources.find((s) => patternCovers(s.indexPattern, indexName));
    const client = await this.passes.clientOf(source ?? FALLBACK);
    const doc = await client.getDoc<Record<string, unknown>>(indexName, docId);
    if (!doc) throw new NotFoundError(`Document ${docId} not found in index ${indexName}`);
    const ctx = await this.passes.mapContext((source ?? FALLBACK) as AlertSource);
    const mapped = mapDocument({ index: doc.index, id: doc.id, source: doc.source ?? {} }, ctx);
    if (!mapped.ok) throw new BadInputError(`The document cannot become an alert: ${mapped.reason}`, [{ field: 'alertId', message: mapped.reason }]);
    // Out of scope looks exactly like an unknown customer: the caller learns nothing about other tenants.
    assertCustomerInScope(actor.scope, mapped.candidate.customerCode);
    const window = (source ?? FALLBACK).dedupWindowMinutes * 60_000;
    const out = await this.ingestor.ingest([mapped.candidate], source?.id ?? 0, window, { actor: { id: actor.id, username: actor.username } });
    return { alertId: out.alertIds[0], created: out.createdFlags[0] };
  }
}
