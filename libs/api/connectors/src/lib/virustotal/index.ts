export { VirusTotalBudget, VirusTotalBudgets } from './virustotal.budget';
export { VirusTotalClient } from './virustotal.client';
// Indicator checks, for DTOs that want the same 400s before a lookup is even queued.
export {
  normaliseDomain as normaliseVirusTotalDomain,
  normaliseHash as normaliseVirusTotalHash,
  normaliseIp as normaliseVirusTotalIp,
  normaliseUrl as normaliseVirusTotalUrl,
  urlIdentifier as virusTotalUrlId,
} from './virustotal.indicators';
export { VirusTotalClientFactory, VirusTotalProvider } from './virustotal.provider';
export { DEFAULT_RATE_LIMIT as VIRUSTOTAL_DEFAULT_RATE_LIMIT, VirusTotalRateLimiter } from './virustotal.rate-limiter';
export {
  EICAR_SHA256,
  VIRUSTOTAL,
  VIRUSTOTAL_DEFAULT_URL,
  type AnalysisStats as VirusTotalAnalysisStats,
  type IndicatorKind as VirusTotalIndicatorKind,
  type VerifyResult as VirusTotalVerifyResult,
  type VirusTotalCacheOptions,
  type VirusTotalConfig,
  type VirusTotalRateLimit,
  type VirusTotalReport,
  type VirusTotalVerdict,
} from './virustotal.types';
