import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LeaseService } from '@copilot/api-core';
import { Customer } from '@copilot/api-customers';
import { WazuhIndexerClientFactory, type ScanBatch, type ScanCursor, type SearchHit, type WazuhIndexerClient } from '@copilot/api-connectors';
import { AlertIngestor } from './alert-ingestor';
import { AlertSource } from './alert-source.entity';
import { attributionOf, mapDocument, type Candidate, type MapContext } from './document-mapper';
import { IngestionFaults } from './ingestion-faults';
import { MAX_UNATTRIBUTED_SAMPLES, type UnattributedSample } from './source.types';
import { readAhead } from './read-ahead';
import { writeBack } from './write-back';

export interface PassResult {
  source: string;
  read: number;
  created: number;
  bumped: number;
  known: number;
  unattributed: number;
  writeBackFailures: number;
}

type Doc = Record<string, unknown>;
interface MappedBatch {
  /** The position of the batch's first document; null when it came without sort values. */
  first: ScanCursor | null;
  candidates: Candidate[];
  samples: UnattributedSample[];
  cursor: ScanCursor;
  read: number;
}
const MINUTE = 60_000;
/** Long enough for a slow batch; the lease is renewed at a third of it while the pass runs. */
const LEASE_TTL_MS = 2 * MINUTE;

const cmpCursor = (a: ScanCursor, b: ScanCursor) => (Number(a.time) - Number(b.time)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One ingestion pass over one source: under the source's lease, scan from (cursor - overlap) in (time, _id)
 * order inside a point in time, and commit each batch's alerts together with the advanced cursor.
 */
@Injectable()
export class SourcePassService {
  private readonly logger = new Logger('AlertIngestion');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly indexers: WazuhIndexerClientFactory,
    private readonly ingestor: AlertIngestor,
    private readonly leases: LeaseService,
    private readonly faults: IngestionFaults,
  ) {}

  /** Null when another pass (this process, a scheduled run, another replica) holds the source. */
  async run(sourceId: number): Promise<PassResult | null> {
    const outcome = await this.leases.withLease(`alert-source:${sourceId}`, LEASE_TTL_MS, () => this.pass(sourceId));
    return outcome.ran ? outcome.value : null;
  }

  clientOf(source: Pick<AlertSource, 'connectorId'>): Promise<WazuhIndexerClient> {
    return source.connectorId ? this.indexers.forConnector(source.connectorId) : this.indexers.forCustomer(null);
  }

  async mapContext(source: AlertSource): Promise<MapContext> {
    const codes = (await this.db.getRepository(Customer).find({ select: { customerCode: true } })).map((c) => c.customerCode);
    return { source: source.name, mapping: source.mapping, dedupFields: source.dedupFields, attribution: attributionOf(codes, source.mapping.customerMap) };
  }

  private async pass(sourceId: number): Promise<PassResult> {
    const repo = this.db.getRepository(AlertSource);
    const source = await repo.findOneByOrFail({ id: sourceId });
    const result: PassResult = { source: source.name, read: 0, created: 0, bumped: 0, known: 0, unattributed: 0, writeBackFailures: 0 };
    try {
      const client = await this.clientOf(source);
      const ctx = await this.mapContext(source);
      let cursor: ScanCursor | null = source.cursorTime !== null ? { time: source.cursorTime, id: source.cursorId ?? '' } : null;
      const after = cursor ? { time: Number(cursor.time) - source.overlapMinutes * MINUTE, id: '' } : undefined;
      const scan = client.scanByCursor<Doc>({ index: source.indexPattern, query: source.query ?? undefined, timeField: source.mapping.eventTime, after, batchSize: source.batchSize });
      // Past the cursor this pass started from, no pass has committed a document: origin keys need no lookup,
      // unless a batch finds otherwise (a manual create; an operator moved the cursor back), and then batches are
      // checked until one comes back clean.
      const start = cursor;
      let checked = false;
      for await (const batch of readAhead(this.mapped(scan, ctx))) {
        const next = cursor && cmpCursor(cursor, batch.cursor) > 0 ? cursor : batch.cursor;
        const { candidates, samples } = batch;
        const expected = cursor;
        const out = await this.ingestor.ingest(candidates, source.id, source.dedupWindowMinutes * MINUTE, {
          assumeUnseen: !checked && batch.first !== null && (start === null || cmpCursor(batch.first, start) > 0),
          inTx: (tx, written) => this.advance(tx, source.id, expected, next, { read: batch.read, samples, ...written }),
        });
        checked = out.rechecked || (checked && out.known > 0);
        cursor = next;
        this.faults.hit('after-commit');
        result.read += batch.read;
        result.created += out.created;
        result.bumped += out.bumped;
        result.known += out.known;
        result.unattributed += samples.length;
        if (source.writeBack) result.writeBackFailures += await this.writeBack(client, source.id, candidates, out.alertIds);
      }
      await repo.update({ id: source.id }, { lastPassAt: new Date(), lastPassStatus: 'succeeded', lastPassError: null, version: () => 'version' });
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.logger.error(`pass over source "${source.name}" failed after ${result.read} documents: ${message}`);
      await repo.update({ id: source.id }, { lastPassAt: new Date(), lastPassStatus: 'failed', lastPassError: message.slice(0, 4000), version: () => 'version' });
      throw err;
    }
  }

  private async *mapped(scan: AsyncIterable<ScanBatch<Doc>>, ctx: MapContext): AsyncGenerator<MappedBatch, void, undefined> {
    for await (const batch of scan) {
      if (batch.hits.length === 0) continue;
      // Positions compare as the scan's cursor does: the sort values (time, tiebreak), not `_id`.
      const [time, id] = batch.hits[0].sort;
      const first = (typeof time === 'number' || typeof time === 'string') && id !== null && id !== undefined ? { time, id: String(id) } : null;
      yield { ...this.mapBatch(batch.hits, ctx), first, cursor: batch.cursor, read: batch.hits.length };
    }
  }

  private mapBatch(hits: SearchHit<Doc>[], ctx: MapContext): { candidates: Candidate[]; samples: UnattributedSample[] } {
    const candidates: Candidate[] = [];
    const samples: UnattributedSample[] = [];
    const at = new Date().toISOString();
    for (const hit of hits) {
      const sortTime = typeof hit.sort[0] === 'number' ? hit.sort[0] : undefined;
      const mapped = mapDocument({ index: hit._index, id: hit._id, source: hit._source ?? {}, sortTime }, ctx);
      if (mapped.ok) candidates.push(mapped.candidate);
      else samples.push({ index: hit._index, id: hit._id, reason: mapped.reason, at });
    }
    return { candidates, samples };
  }

  /**
   * Moves the cursor and the counters inside the batch's transaction. The WHERE on the cursor we started from
   * makes a pass that lost its lease (and was overtaken) roll its batch back instead of moving the cursor twice.
   */
  private async advance(tx: EntityManager, id: number, expected: ScanCursor | null, next: ScanCursor, batch: { read: number; samples: UnattributedSample[]; created: number; bumped: number }): Promise<void> {
    let samples: UnattributedSample[] | undefined;
    if (batch.samples.length > 0) {
      // Only a batch with unattributed documents reads the samples back to append to them.
      const row = await tx.getRepository(AlertSource).findOneOrFail({ where: { id }, select: { id: true, unattributedSamples: true } });
      samples = [...(row.unattributedSamples ?? []), ...batch.samples].slice(-MAX_UNATTRIBUTED_SAMPLES);
    }
    const qb = tx.createQueryBuilder().update(AlertSource).set({
      cursorTime: Number(next.time), cursorId: next.id, docsRead: () => `docs_read + ${batch.read}`, alertsCreated: () => `alerts_created + ${batch.created}`,
      alertsBumped: () => `alerts_bumped + ${batch.bumped}`, unattributed: () => `unattributed + ${batch.samples.length}`,
      ...(samples ? { unattributedSamples: samples } : {}), version: () => 'version',
    }).where('id = :id', { id });
    if (expected === null) qb.andWhere('cursor_time IS NULL');
    else qb.andWhere('cursor_time = :et AND COALESCE(cursor_id, \'\') = :eid', { et: Number(expected.time), eid: expected.id });
    const res = await qb.updateEntity(false).execute();
    if ((res.affected ?? 0) !== 1) throw new Error('the source\'s cursor was moved by someone else during this pass; the batch was rolled back and the next pass resumes');
  }

  private async writeBack(client: WazuhIndexerClient, id: number, candidates: Candidate[], alertIds: number[]): Promise<number> {
    const failures = await writeBack(client, candidates.map((c, i) => ({ origin: c.origin, alertId: alertIds[i] })), this.logger);
    if (failures > 0) await this.db.getRepository(AlertSource).update({ id }, { writeBackFailures: () => `write_back_failures + ${failures}`, version: () => 'version' });
    return failures;
  }
}
