/** Catalogue name of the connector: shown in every error and log line of its calls. */
export const VIRUSTOTAL = 'VirusTotal';

/** The public API v3 (catalogue default when the connector row names no URL). */
export const VIRUSTOTAL_DEFAULT_URL = 'https://www.virustotal.com/api/v3';

/** The EICAR anti-virus test file: known to VirusTotal forever, so a lookup of it proves the key works. */
export const EICAR_SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

/**
 * Client-side budget of lookups. The public API allows 4 requests per minute and 500 per day per key; going
 * over earns 429s and, repeated, a blocked key, so calls queue here instead of hammering.
 */
export interface VirusTotalRateLimit {
  /** Requests per window. Default 4. */
  requests: number;
  /** Window length. Default 60 000 ms. */
  perMs: number;
  /** Longest a call waits in the queue before failing with 429. Default 15 000 ms. */
  maxWaitMs: number;
  /** Requests per UTC day (VirusTotal resets daily quotas at 00:00 UTC); null for none. Default 500. */
  dailyLimit: number | null;
}

export interface VirusTotalCacheOptions {
  /** How long a report is reused. Default 1 h. */
  ttlMs: number;
  /** How long "not known to VirusTotal" is reused (a new sample may be uploaded meanwhile). Default 15 min. */
  notFoundTtlMs: number;
  /** Reports kept; the least recently used go first. Default 1 000. */
  maxEntries: number;
}

export interface VirusTotalConfig {
  /** Default: the public API v3. */
  url?: string;
  apiKey: string;
  verifyTls?: boolean;
  caPem?: string;
  /** Circuit-breaker key; use the connector row's id so a customer's instance has its own circuit. */
  circuitKey?: string;
  /** Deadline per request (queueing in the rate limiter not included). Default 10 000 ms. */
  timeoutMs?: number;
  allowLinkLocal?: boolean;
  rateLimit?: Partial<VirusTotalRateLimit>;
  cache?: Partial<VirusTotalCacheOptions>;
}

export interface VerifyResult {
  ok: boolean;
  message: string;
}

export type IndicatorKind = 'file' | 'url' | 'ip' | 'domain';

/** The four counts of `last_analysis_stats` an analyst reads, plus engines that timed out. */
export interface AnalysisStats {
  malicious: number;
  suspicious: number;
  harmless: number;
  undetected: number;
  timeout: number;
}

/** The worst category any engine gave, or `unknown` when VirusTotal has no record. */
export type VirusTotalVerdict = 'malicious' | 'suspicious' | 'harmless' | 'undetected' | 'unknown';

export interface VirusTotalReport {
  kind: IndicatorKind;
  /** The indicator as looked up, normalised (lower-case hash, trimmed URL, ...). */
  indicator: string;
  /** false: "not known to VirusTotal" (its NotFoundError), which is an answer, not a failure. */
  known: boolean;
  /** VirusTotal's object id (a file's SHA-256, a URL's SHA-256, the IP, the domain), null when unknown. */
  id: string | null;
  verdict: VirusTotalVerdict;
  stats: AnalysisStats | null;
  /** Community reputation score (negative is bad), null when unknown. */
  reputation: number | null;
  lastAnalysisAt: string | null;
  /** Link to the report in VirusTotal's web interface. */
  permalink: string | null;
  /** One line for an analyst, e.g. "66 of 74 engines flag it malicious; reputation 3397". */
  summary: string;
  /** Per-kind facts: file name/type/size, URL title, IP owner/country, domain registrar. */
  details: Record<string, string | number | null>;
  fetchedAt: string;
  /** true when served from the cache (no request, no quota spent). */
  fromCache: boolean;
}
