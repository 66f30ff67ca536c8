import { Logger } from '@nestjs/common';
import {
  BadInputError,
  defaultOutboundFactory,
  DomainError,
  redactText,
  ServiceUnavailableError,
  UpstreamAuthError,
  UpstreamHttpError,
  type OutboundClientFactory,
  type OutboundHttp,
  type OutboundRequest,
} from '@copilot/api-core';
import { scanByCursor } from './scan-by-cursor';
import { docId, indexPath, IndexWriteBlockedError, WRITE_BLOCK_KEYS } from './wazuh-indexer.requests';
import {
  isObject,
  openSearchErrorType,
  parseAliases,
  parseCatAllocation,
  parseCatIndices,
  parseCatShards,
  parseHealth,
  parseInfo,
  parseSearch,
} from './wazuh-indexer.parse';
import {
  WAZUH_INDEXER,
  type AllocationRow,
  type ClusterHealth,
  type IndexerDocument,
  type IndexerInfo,
  type IndexerSearchRequest,
  type IndexerSearchResult,
  type IndexRow,
  type IndexSettingsView,
  type OpenSearchQuery,
  type ScanBatch,
  type ScanOptions,
  type ShardRow,
  type UpdateDocResult,
  type VerifyResult,
  type WazuhIndexerConfig,
} from './wazuh-indexer.types';

/**
 * Typed client of the Wazuh indexer (OpenSearch 2.x REST API with Basic auth), built on the outbound helper.
 * Every failure surfaces as a domain error naming the connector: 503 for an indexer that is down, slow,
 * misconfigured or answering nonsense; 400 for bad input such as an invalid index expression.
 */
export class WazuhIndexerClient {
  private readonly http: OutboundHttp;
  private readonly logger = new Logger(`Connector:${WAZUH_INDEXER}`);

  constructor(config: WazuhIndexerConfig, outbound: OutboundClientFactory = defaultOutboundFactory) {
    this.http = outbound.create({
      connector: WAZUH_INDEXER,
      baseUrl: config.url,
      circuitKey: config.circuitKey,
      timeoutMs: config.timeoutMs,
      verifyTls: config.verifyTls,
      caPem: config.caPem,
      allowLinkLocal: config.allowLinkLocal,
      headers: { authorization: `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}` },
    });
  }

  /** `GET /`: cluster name and version; odd version strings are kept, never rejected. */
  async info(): Promise<IndexerInfo> {
    return parseInfo(await this.json({ method: 'GET', path: '/' }));
  }

  async health(): Promise<ClusterHealth> {
    return parseHealth(await this.json({ method: 'GET', path: '/_cluster/health' }));
  }

  /** Health check for the connector screen; never throws, always explains. */
  async verify(): Promise<VerifyResult> {
    try {
      const health = await parseHealth(await this.json({ method: 'GET', path: '/_cluster/health', probe: true }));
      const nodes = `${health.number_of_nodes} node${health.number_of_nodes === 1 ? '' : 's'}`;
      const note = health.status === 'red' ? '; some primary shards are unassigned, searches may miss data' : '';
      return {
        ok: true,
        message: `connected to OpenSearch cluster "${health.cluster_name}" (status ${health.status}, ${nodes})${note}`,
      };
    } catch (err) {
      return { ok: false, message: this.describeFailure(err) };
    }
  }

  async search<T>(request: IndexerSearchRequest): Promise<IndexerSearchResult<T>> {
    if (request.pit && request.index) {
      throw new BadInputError('a point-in-time search must not name an index', [
        { field: 'index', message: 'must be absent with pit' },
      ]);
    }
    if (!request.pit && !request.index)
      throw new BadInputError('search needs an index or a pit', [{ field: 'index', message: 'required' }]);
    const body: Record<string, unknown> = {};
    if (request.query) body['query'] = request.query;
    if (request.sort) body['sort'] = request.sort;
    if (request.size !== undefined) body['size'] = request.size;
    if (request.from !== undefined) body['from'] = request.from;
    if (request.searchAfter) body['search_after'] = request.searchAfter;
    if (request.trackTotalHits !== undefined) body['track_total_hits'] = request.trackTotalHits;
    if (request.source !== undefined) body['_source'] = request.source;
    if (request.pit)
      body['pit'] = { id: request.pit.id, ...(request.pit.keepAlive ? { keep_alive: request.pit.keepAlive } : {}) };
    const path = request.pit ? '/_search' : `/${indexPath(request.index ?? '')}/_search`;
    // A search reads only, so it is safe to retry although it is a POST.
    return parseSearch<T>(await this.json({ method: 'POST', path, body, idempotent: true }), `POST ${path}`);
  }

  async openPit(index: string, keepAlive = '1m'): Promise<string> {
    const body = await this.json({
      method: 'POST',
      path: `/${indexPath(index)}/_search/point_in_time`,
      query: { keep_alive: keepAlive },
    });
    if (!isObject(body) || typeof body['pit_id'] !== 'string') {
      throw new ServiceUnavailableError(
        WAZUH_INDEXER,
        'unexpected answer to create point in time: no pit_id (OpenSearch 2.4+ is required)',
      );
    }
    return body['pit_id'];
  }

  /** Deletes a PIT; false when the indexer no longer knew it (expired). */
  async closePit(id: string): Promise<boolean> {
    const response = await this.http.request({
      method: 'DELETE',
      path: '/_search/point_in_time',
      body: { pit_id: [id] },
      acceptStatuses: [404],
    });
    if (response.status === 404) return false;
    const body = response.json<unknown>();
    const pits = isObject(body) && Array.isArray(body['pits']) ? (body['pits'] as unknown[]) : [];
    return pits.some((pit) => isObject(pit) && pit['successful'] === true);
  }

  async count(index: string, query?: OpenSearchQuery): Promise<number> {
    const body = await this.json({
      method: 'POST',
      path: `/${indexPath(index)}/_count`,
      body: query ? { query } : {},
      idempotent: true,
    });
    if (!isObject(body) || typeof body['count'] !== 'number') {
      throw new ServiceUnavailableError(WAZUH_INDEXER, `unexpected answer to count on ${index}: no count`);
    }
    return body['count'];
  }

  /** The document, or null when it (or its index) does not exist. */
  async getDoc<T>(index: string, id: string): Promise<IndexerDocument<T> | null> {
    const response = await this.http.request({
      method: 'GET',
      path: `/${indexPath(index)}/_doc/${docId(id)}`,
      acceptStatuses: [404],
    });
    if (response.status === 404) return null;
    const body = response.json<unknown>();
    if (!isObject(body) || body['found'] !== true) return null;
    return {
      index: String(body['_index']),
      id: String(body['_id']),
      version: Number(body['_version']),
      seqNo: typeof body['_seq_no'] === 'number' ? body['_seq_no'] : null,
      primaryTerm: typeof body['_primary_term'] === 'number' ? body['_primary_term'] : null,
      source: body['_source'] as T,
    };
  }

  /**
   * Partial update (`{doc}` merge). A write-blocked index surfaces as IndexWriteBlockedError; the block is never
   * lifted here, unlike the platform we replace, which toggled `index.blocks.write` behind the operator's back.
   */
  async updateDoc(index: string, id: string, partial: Record<string, unknown>): Promise<UpdateDocResult> {
    try {
      const body = await this.json({
        method: 'POST',
        path: `/${indexPath(index)}/_update/${docId(id)}`,
        query: { retry_on_conflict: 3 },
        body: { doc: partial },
        // Setting fixed field values twice leaves the same document, so a retry is harmless.
        idempotent: true,
      });
      const record = isObject(body) ? body : {};
      const result = record['result'] === 'noop' || record['result'] === 'created' ? record['result'] : 'updated';
      return {
        index: String(record['_index'] ?? index),
        id: String(record['_id'] ?? id),
        version: Number(record['_version'] ?? 0),
        result,
      };
    } catch (err) {
      if (err instanceof UpstreamHttpError && openSearchErrorType(err.upstreamBody) === 'cluster_block_exception') {
        throw new IndexWriteBlockedError(index);
      }
      throw err;
    }
  }

  /** Aliases per index: `{ index: [alias, ...] }`, for all indices or those matching `pattern`. */
  async aliases(pattern?: string): Promise<Record<string, string[]>> {
    const path = pattern ? `/${indexPath(pattern)}/_alias` : '/_alias';
    return parseAliases(await this.json({ method: 'GET', path }));
  }

  async indices(pattern?: string): Promise<IndexRow[]> {
    return parseCatIndices(await this.cat('indices', pattern));
  }

  async shards(pattern?: string): Promise<ShardRow[]> {
    return parseCatShards(await this.cat('shards', pattern));
  }

  async allocation(): Promise<AllocationRow[]> {
    return parseCatAllocation(await this.cat('allocation'));
  }

  /** Flat settings per index, with the write-block state spelled out. */
  async indexSettings(index: string): Promise<Record<string, IndexSettingsView>> {
    const body = await this.json({
      method: 'GET',
      path: `/${indexPath(index)}/_settings`,
      query: { flat_settings: true },
    });
    if (!isObject(body))
      throw new ServiceUnavailableError(WAZUH_INDEXER, 'unexpected answer to get settings: not an object');
    const out: Record<string, IndexSettingsView> = {};
    for (const [name, entry] of Object.entries(body)) {
      const raw = isObject(entry) && isObject(entry['settings']) ? entry['settings'] : {};
      const settings = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, String(value)]));
      out[name] = { settings, writeBlocked: WRITE_BLOCK_KEYS.some((key) => settings[key] === 'true') };
    }
    return out;
  }

  /** Cursor scan in (timeField, tiebreak) order inside one point in time; see scan-by-cursor.ts. */
  scanByCursor<T>(options: ScanOptions): AsyncGenerator<ScanBatch<T>, void, undefined> {
    return scanByCursor<T>(this, options);
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async json(request: OutboundRequest): Promise<unknown> {
    return (await this.http.request(request)).json<unknown>();
  }

  private cat(kind: 'indices' | 'shards' | 'allocation', pattern?: string): Promise<unknown> {
    const path = pattern ? `/_cat/${kind}/${indexPath(pattern)}` : `/_cat/${kind}`;
    return this.json({ method: 'GET', path, query: { format: 'json', bytes: 'b' } });
  }

  private describeFailure(err: unknown): string {
    if (err instanceof UpstreamAuthError) {
      return err.upstreamStatus === 401
        ? `wrong credentials: ${WAZUH_INDEXER} rejected the username or password (HTTP 401)`
        : `${WAZUH_INDEXER} user may not read cluster health (HTTP 403); grant it cluster:monitor/health`;
    }
    if (err instanceof DomainError) return err.message;
    // A bug, not a state of the indexer: keep the stack in the log, give the operator the gist.
    this.logger.error(
      `verify failed unexpectedly: ${redactText(String(err))}`,
      err instanceof Error ? err.stack : undefined,
    );
    return `unexpected error while verifying ${WAZUH_INDEXER}: ${redactText(String(err))}`;
  }
}
