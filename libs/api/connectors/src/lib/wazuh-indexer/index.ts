export { scanByCursor, type PitSearchApi } from './scan-by-cursor';
export { WazuhIndexerClient } from './wazuh-indexer.client';
export { IndexWriteBlockedError } from './wazuh-indexer.requests';
export { parseVersion } from './wazuh-indexer.parse';
export {
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
  type ParsedVersion,
  type PitReference,
  type ScanBatch,
  type ScanCursor,
  type ScanOptions,
  type SearchHit,
  type ShardRow,
  type SortClause,
  type SortOrder,
  type SortValue,
  type TotalHits,
  type UpdateDocResult,
  type VerifyResult,
  type WazuhIndexerConfig,
} from './wazuh-indexer.types';
