import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import { NotFoundError } from '@copilot/api-core';
import { AlertSource } from '../ingestion/alert-source.entity';
import { SourcePassService } from '../ingestion/source-pass.service';
import { AlertAsset, AlertContext, AlertIoc, AlertOrigin } from './alert-evidence.entities';
import { PUSHED_INDEX } from './pushed-candidate';
import type { AlertAssetDto, AlertContextDto, AlertIocDto, AlertOccurrenceDto, IndexerDocumentDto } from './dto/alert.dto';

export const OCCURRENCE_REFS = 20;

/** Assets, IoCs, the first document and the most recent occurrences of an alert (the caller checked visibility). */
@Injectable()
export class AlertEvidenceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passes: SourcePassService,
  ) {}

  async of(alertId: number): Promise<{ assets: AlertAssetDto[]; iocs: AlertIocDto[]; context: AlertContextDto | null; occurrenceRefs: AlertOccurrenceDto[] }> {
    const [assets, iocs, context, origins] = await Promise.all([
      this.db.getRepository(AlertAsset).find({ where: { alertId }, order: { name: 'ASC' } }),
      this.db.getRepository(AlertIoc).find({ where: { alertId }, order: { type: 'ASC', value: 'ASC' } }),
      this.db.getRepository(AlertContext).findOneBy({ alertId }),
      this.db.getRepository(AlertOrigin).find({ where: { alertId, indexName: Not(PUSHED_INDEX) }, order: { eventAt: 'DESC' }, take: OCCURRENCE_REFS }),
    ]);
    return {
      assets: assets.map((a) => ({ name: a.name, agentId: a.agentId, indexName: a.indexName, indexId: a.indexId })),
      iocs: iocs.map((i) => ({ type: i.type, value: i.value })),
      context: context ? { indexName: context.indexName, docId: context.docId, document: context.document } : null,
      occurrenceRefs: origins.map((o) => ({ indexName: o.indexName, docId: o.docId, eventAt: o.eventAt })),
    };
  }

  /** One of the alert's own documents, fetched from the indexer it came from; never an arbitrary document. */
  async document(alertId: number, indexName: string, docId: string): Promise<IndexerDocumentDto> {
    const origin = await this.db.getRepository(AlertOrigin).findOneBy({ alertId, indexName, docId });
    if (!origin || indexName === PUSHED_INDEX) throw new NotFoundError(`Document ${indexName}/${docId} is not an occurrence of alert ${alertId}`);
    const source = origin.sourceId ? await this.db.getRepository(AlertSource).findOneBy({ id: origin.sourceId }) : null;
    const client = await this.passes.clientOf({ connectorId: source?.connectorId ?? null });
    const doc = await client.getDoc<Record<string, unknown>>(indexName, docId);
    if (!doc) throw new NotFoundError(`Document ${indexName}/${docId} is no longer in the indexer (deleted or rolled over)`);
    return { indexName: doc.index, docId: doc.id, document: doc.source ?? {} };
  }
}
