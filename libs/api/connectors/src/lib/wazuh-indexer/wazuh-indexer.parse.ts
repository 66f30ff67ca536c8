import { UpstreamFormatError } from '@copilot/api-core';
import {
  WAZUH_INDEXER,
  type AllocationRow,
  type ClusterHealth,
  type IndexerInfo,
  type IndexerSearchResult,
  type IndexRow,
  type ParsedVersion,
  type SearchHit,
  type ShardRow,
  type SortValue,
  type TotalHits,
} from './wazuh-indexer.types';

/**
 * Checks on what the indexer answered. Only the fields CoPilot relies on are checked; a body without them
 * (a proxy's JSON, another product on that port) becomes a clear UpstreamFormatError instead of a TypeError
 * deep inside a feature.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function unexpected(call: string, what: string): UpstreamFormatError {
  return new UpstreamFormatError(
    WAZUH_INDEXER,
    `unexpected answer to ${call}: ${what} (is the URL an OpenSearch node?)`,
  );
}

export function parseHealth(body: unknown): ClusterHealth {
  if (
    !isObject(body) ||
    typeof body['cluster_name'] !== 'string' ||
    !['green', 'yellow', 'red'].includes(String(body['status']))
  ) {
    throw unexpected('GET /_cluster/health', 'no cluster_name/status');
  }
  return body as unknown as ClusterHealth;
}

/** Splits a version string without ever throwing on an odd one. */
export function parseVersion(raw: unknown): ParsedVersion {
  const text = typeof raw === 'string' ? raw.trim() : String(raw ?? '');
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+._ ]?(.+))?$/.exec(text);
  if (!match) return { raw: text, major: null, minor: null, patch: null, suffix: text || null };
  const num = (part: string | undefined) => (part === undefined ? null : Number(part));
  return { raw: text, major: num(match[1]), minor: num(match[2]), patch: num(match[3]), suffix: match[4] ?? null };
}

export function parseInfo(body: unknown): IndexerInfo {
  if (!isObject(body) || !isObject(body['version'])) throw unexpected('GET /', 'no version object');
  const version = body['version'];
  return {
    clusterName: String(body['cluster_name'] ?? ''),
    nodeName: String(body['name'] ?? ''),
    // Distributions before OpenSearch's own field (and Elasticsearch-compatible modes) omit it.
    distribution: typeof version['distribution'] === 'string' ? version['distribution'] : 'unknown',
    version: parseVersion(version['number']),
  };
}

function parseTotal(total: unknown): TotalHits | null {
  if (typeof total === 'number') return { value: total, relation: 'eq' };
  if (isObject(total) && typeof total['value'] === 'number') {
    return { value: total['value'], relation: total['relation'] === 'gte' ? 'gte' : 'eq' };
  }
  return null;
}

export function parseSearch<T>(body: unknown, call: string): IndexerSearchResult<T> {
  const hitsBlock = isObject(body) ? body['hits'] : undefined;
  if (!isObject(body) || !isObject(hitsBlock) || !Array.isArray(hitsBlock['hits']))
    throw unexpected(call, 'no hits.hits array');
  const hits = (hitsBlock['hits'] as unknown[]).map((raw): SearchHit<T> => {
    if (!isObject(raw) || typeof raw['_id'] !== 'string') throw unexpected(call, 'a hit without _id');
    return {
      _index: String(raw['_index'] ?? ''),
      _id: raw['_id'],
      _source: raw['_source'] as T,
      sort: Array.isArray(raw['sort']) ? (raw['sort'] as SortValue[]) : [],
    };
  });
  return {
    hits,
    total: parseTotal(hitsBlock['total']),
    ...(typeof body['pit_id'] === 'string' ? { pitId: body['pit_id'] } : {}),
  };
}

/** CAT values are strings (or null); sizes were requested with `bytes=b`, so they are plain integers. */
const num = (value: unknown): number | null => {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
};
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function catRows(body: unknown, call: string): Json[] {
  if (!Array.isArray(body) || !body.every(isObject)) throw unexpected(call, 'not a JSON array of rows');
  return body;
}

export function parseCatIndices(body: unknown): IndexRow[] {
  return catRows(body, 'GET /_cat/indices').map((row) => ({
    index: String(row['index'] ?? ''),
    health: str(row['health']),
    status: str(row['status']),
    uuid: str(row['uuid']),
    primaries: num(row['pri']),
    replicas: num(row['rep']),
    docsCount: num(row['docs.count']),
    docsDeleted: num(row['docs.deleted']),
    storeSizeBytes: num(row['store.size']),
    primaryStoreSizeBytes: num(row['pri.store.size']),
  }));
}

export function parseCatShards(body: unknown): ShardRow[] {
  return catRows(body, 'GET /_cat/shards').map((row) => ({
    index: String(row['index'] ?? ''),
    shard: num(row['shard']),
    primary: row['prirep'] === 'p' || row['prirep'] === 'primary',
    state: str(row['state']),
    docs: num(row['docs']),
    storeBytes: num(row['store']),
    ip: str(row['ip']),
    node: str(row['node']),
  }));
}

export function parseCatAllocation(body: unknown): AllocationRow[] {
  return catRows(body, 'GET /_cat/allocation').map((row) => ({
    node: str(row['node']),
    host: str(row['host']),
    ip: str(row['ip']),
    shards: num(row['shards']),
    diskIndicesBytes: num(row['disk.indices']),
    diskUsedBytes: num(row['disk.used']),
    diskAvailBytes: num(row['disk.avail']),
    diskTotalBytes: num(row['disk.total']),
    diskPercent: num(row['disk.percent']),
  }));
}

export function parseAliases(body: unknown): Record<string, string[]> {
  if (!isObject(body)) throw unexpected('GET _alias', 'not a JSON object');
  const out: Record<string, string[]> = {};
  for (const [index, entry] of Object.entries(body)) {
    out[index] = isObject(entry) && isObject(entry['aliases']) ? Object.keys(entry['aliases']).sort() : [];
  }
  return out;
}

/** The `error.type` of an OpenSearch error body, e.g. `cluster_block_exception`. */
export function openSearchErrorType(body: unknown): string | undefined {
  const error = isObject(body) ? body['error'] : undefined;
  return isObject(error) && typeof error['type'] === 'string' ? error['type'] : undefined;
}

export { isObject };
