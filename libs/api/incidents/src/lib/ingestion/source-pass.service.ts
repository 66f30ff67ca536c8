import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LeaseService } from '@copilot/api-core';
import { Customer } from '@copilot/api-customers';
import { WazuhIndexerClientFactory, type ScanBatch, type ScanCursor, type SearchHit, type WazuhIndexerClient } from '@copilot/api-connectors';
import { AlertSource } from './alert-source.entity';
import { attributionOf, mapDocument, type Candidate, type MapContext } from './document-mapper';
import { IngestionFaults } from './ingestion-faults';
import { PassWriter, ReadAgain } from './pass-writer';
import { cmpCursor, type PassBatch, type TransactionLimits } from './pass-transaction';
import type { UnattributedSample } from './source.types';
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
const MINUTE = 60_000;
/** Long enough for a slow batch; the lease is renewed at a third of it while the pass runs. */
const LEASE_TTL_MS = 2 * MINUTE;
/**
 * A transaction of a pass gathers batches up to these: the more documents, the more of a stream's repeats fold
 * into one UPDATE per alert; the time bounds how long alerts wait to be seen and how long its locks are held.
 */
const TRANSACTION_DOCS = 50_000;
const TRANSACTION_MS = 2_000;
/** Reads again from the last commit (an alert changed under a transaction, say) before the pass gives up. */
const MAX_READS_AGAIN = 3;

/**
 * One ingestion pass over one source: under the source's lease, scan from (cursor - overlap) in (time, _id)
 * order inside a point in time, and commit each batch's alerts together with the advanced cursor (PassWriter).
 */
@Injectable()
export class SourcePassService {
  private readonly logger = new Logger('AlertIngestion');
  /** Whether passes may write through a multi-statement script (tests turn it off to cover the other path). */
  scriptWrites = true;
  /** What one transaction of a pass may gather (tests make it one batch, to crash between batches). */
  transactionLimits: TransactionLimits = { docs: TRANSACTION_DOCS, ms: TRANSACTION_MS };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly indexers: WazuhIndexerClientFactory,
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
      const cursor: ScanCursor | null = source.cursorTime !== null ? { time: source.cursorTime, id: source.cursorId ?? '' } : null;
      const writer = await PassWriter.open(this.db, this.faults, {
        id: source.id, windowMs: source.dedupWindowMinutes * MINUTE, cursor, samples: source.unattributedSamples ?? [], writeBack: source.writeBack,
      }, this.transactionLimits, async (done) => {
        result.read += done.read;
        result.created += done.created;
        result.bumped += done.bumped;
        result.known += done.known;
        result.unattributed += done.unattributed;
        if (source.writeBack) result.writeBackFailures += await this.writeBack(client, source.id, done.writeBack);
      }, { script: this.scriptWrites });
      try {
        // The first read re-reads the overlap before the cursor; a read again resumes at the last commit.
        let after: ScanCursor | undefined = cursor ? { time: Number(cursor.time) - source.overlapMinutes * MINUTE, id: '' } : undefined;
        for (let again = 0; ; again++) {
          const scan = client.scanByCursor<Doc>({ index: source.indexPattern, query: source.query ?? undefined, timeField: source.mapping.eventTime, after, batchSize: source.batchSize });
          try {
            for await (const batch of readAhead(this.mapped(scan, ctx))) await writer.write(batch);
            await writer.drain();
            break;
          } catch (err) {
            if (!(err instanceof ReadAgain)) throw err;
            // Only reads again without a commit in between count towards giving up.
            if (after && err.cursor && cmpCursor(err.cursor, after) > 0) again = 0;
            if (again >= MAX_READS_AGAIN) throw err.reason;
            this.logger.warn(`pass over source "${source.name}" reads again from its last commit: ${err.message}`);
            after = err.cursor ?? undefined;
          }
        }
      } catch (err) {
        // What is already written is kept: only the transaction that failed is lost, and the next pass reads it again.
        await writer.drain().catch(() => undefined);
        throw err;
      } finally {
        await writer.close();
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

  private async *mapped(scan: AsyncIterable<ScanBatch<Doc>>, ctx: MapContext): AsyncGenerator<PassBatch, void, undefined> {
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

  private async writeBack(client: WazuhIndexerClient, id: number, items: { origin: { index: string; id: string }; alertId: number }[]): Promise<number> {
    const failures = await writeBack(client, items, this.logger);
    if (failures > 0) await this.db.getRepository(AlertSource).update({ id }, { writeBackFailures: () => `write_back_failures + ${failures}`, version: () => 'version' });
    return failures;
  }
}
