import { Logger } from '@nestjs/common';
import { BadInputError, UpstreamFormatError } from '@copilot/api-core';
import {
  WAZUH_INDEXER,
  type IndexerSearchRequest,
  type IndexerSearchResult,
  type OpenSearchQuery,
  type ScanBatch,
  type ScanOptions,
  type SortValue,
} from './wazuh-indexer.types';

/** What a cursor scan needs from a client (kept narrow so the scan can be reasoned about on its own). */
export interface PitSearchApi {
  openPit(index: string, keepAlive: string): Promise<string>;
  closePit(id: string): Promise<boolean>;
  search<T>(request: IndexerSearchRequest): Promise<IndexerSearchResult<T>>;
}

const logger = new Logger('WazuhIndexerScan');

/**
 * Walks every document matching `query` in (timeField asc, tiebreak asc) order, in batches, inside one
 * point in time: documents indexed after the scan started are not seen (the next scan, resumed from the
 * cursor, picks them up), and none is visited twice. The PIT is always closed, also when the consumer throws
 * or stops early.
 */
export async function* scanByCursor<T>(
  api: PitSearchApi,
  options: ScanOptions,
): AsyncGenerator<ScanBatch<T>, void, undefined> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new BadInputError('batchSize must be an integer between 1 and 10000', [
      { field: 'batchSize', message: 'out of range' },
    ]);
  }
  if (!options.timeField)
    throw new BadInputError('timeField is required', [{ field: 'timeField', message: 'required' }]);
  const keepAlive = options.keepAlive ?? '2m';
  const tiebreak = options.tiebreakField ?? '_id';
  // Without the time field a document has no place in the order and no usable cursor, so it is left out.
  const filters: OpenSearchQuery[] = [{ exists: { field: options.timeField } }];
  if (options.query) filters.unshift(options.query);
  const query: OpenSearchQuery = { bool: { filter: filters } };
  const sort = [{ [options.timeField]: { order: 'asc' as const } }, { [tiebreak]: { order: 'asc' as const } }];

  let pitId = await api.openPit(options.index, keepAlive);
  try {
    let searchAfter: SortValue[] | undefined = options.after ? [options.after.time, options.after.id] : undefined;
    for (;;) {
      const page: IndexerSearchResult<T> = await api.search<T>({
        pit: { id: pitId, keepAlive },
        query,
        sort,
        size: batchSize,
        searchAfter,
        trackTotalHits: false,
      });
      // OpenSearch may hand out a new PIT id with each answer; the latest one is the one to use and close.
      if (page.pitId) pitId = page.pitId;
      if (page.hits.length === 0) return;
      const last = page.hits[page.hits.length - 1];
      const [time, id] = last.sort;
      if (time === null || time === undefined || typeof time === 'boolean' || id === null || id === undefined) {
        throw new UpstreamFormatError(
          WAZUH_INDEXER,
          `scan of ${options.index}: hit ${last._id} came back without sort values`,
        );
      }
      yield { hits: page.hits, cursor: { time, id: String(id) } };
      if (page.hits.length < batchSize) return;
      searchAfter = last.sort;
    }
  } finally {
    try {
      await api.closePit(pitId);
    } catch (err) {
      // The PIT expires on its own after keep-alive; a failed close must not hide the scan's own outcome.
      logger.warn(`could not close point in time of the scan of ${options.index}: ${(err as Error).message}`);
    }
  }
}
