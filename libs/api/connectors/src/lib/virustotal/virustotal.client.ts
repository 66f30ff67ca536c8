import { Logger } from '@nestjs/common';
import {
  defaultOutboundFactory,
  DomainError,
  redactText,
  TooManyRequestsError,
  UpstreamAuthError,
  UpstreamHttpError,
  type OutboundClientFactory,
  type OutboundHttp,
} from '@copilot/api-core';
import { VirusTotalBudget } from './virustotal.budget';
import { normaliseDomain, normaliseHash, normaliseIp, normaliseUrl, urlIdentifier } from './virustotal.indicators';
import { parseReport, unknownReport, vtError } from './virustotal.parse';
import {
  EICAR_SHA256,
  VIRUSTOTAL,
  VIRUSTOTAL_DEFAULT_URL,
  type IndicatorKind,
  type VerifyResult,
  type VirusTotalConfig,
  type VirusTotalReport,
} from './virustotal.types';

/** Used when a 429 carries no Retry-After: the per-minute window is what runs out. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms; null when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Typed client of the VirusTotal API v3 (`x-apikey`), built on the outbound helper. Every lookup goes through the
 * key's budget: cached reports cost nothing, concurrent identical lookups share one request, and the rest queue in
 * the rate limiter (429 TooManyRequestsError when the wait would be too long, or after VirusTotal's own 429).
 */
export class VirusTotalClient {
  readonly budget: VirusTotalBudget;
  private readonly http: OutboundHttp;
  private readonly logger = new Logger(`Connector:${VIRUSTOTAL}`);

  constructor(
    config: VirusTotalConfig,
    outbound: OutboundClientFactory = defaultOutboundFactory,
    budget?: VirusTotalBudget,
  ) {
    this.http = outbound.create({
      connector: VIRUSTOTAL,
      baseUrl: config.url || VIRUSTOTAL_DEFAULT_URL,
      circuitKey: config.circuitKey,
      timeoutMs: config.timeoutMs,
      verifyTls: config.verifyTls,
      caPem: config.caPem,
      allowLinkLocal: config.allowLinkLocal,
      headers: { 'x-apikey': config.apiKey },
    });
    this.budget = budget ?? new VirusTotalBudget(config.rateLimit, config.cache);
  }

  /**
   * One authenticated lookup of the EICAR test file. It goes through the cache like any lookup, so verifying
   * again within the hour costs no quota.
   */
  async verify(): Promise<VerifyResult> {
    try {
      const report = await this.lookup('file', EICAR_SHA256, true);
      const seen = report.known ? `EICAR test file known, ${report.summary}` : 'EICAR test file not found';
      const cached = report.fromCache ? `; result of ${report.fetchedAt}, cached to spare the quota` : '';
      return { ok: true, message: `connected to VirusTotal: API key accepted (${seen})${cached}` };
    } catch (err) {
      return { ok: false, message: this.describeFailure(err) };
    }
  }

  /** `GET /files/{md5|sha1|sha256}`. Lookups are async so that bad input rejects like every other failure. */
  async lookupFile(hash: string): Promise<VirusTotalReport> {
    return this.lookup('file', normaliseHash(hash));
  }

  /** `GET /urls/{id}`, the id being the URL in unpadded base64url. */
  async lookupUrl(url: string): Promise<VirusTotalReport> {
    return this.lookup('url', normaliseUrl(url));
  }

  /** `GET /ip_addresses/{ip}`. */
  async lookupIp(ip: string): Promise<VirusTotalReport> {
    return this.lookup('ip', normaliseIp(ip));
  }

  /** `GET /domains/{domain}`. */
  async lookupDomain(domain: string): Promise<VirusTotalReport> {
    return this.lookup('domain', normaliseDomain(domain));
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async lookup(kind: IndicatorKind, indicator: string, probe = false): Promise<VirusTotalReport> {
    const key = `${kind}:${indicator}`;
    const cached = this.budget.cache.get(key);
    if (cached) return { ...cached, indicator, fromCache: true };
    const pending = this.budget.inflight.get(key);
    if (pending) return pending;
    const request = this.fetchReport(kind, indicator, key, probe).finally(() => this.budget.inflight.delete(key));
    this.budget.inflight.set(key, request);
    return request;
  }

  private async fetchReport(
    kind: IndicatorKind,
    indicator: string,
    key: string,
    probe: boolean,
  ): Promise<VirusTotalReport> {
    await this.budget.limiter.acquire();
    const path = pathOf(kind, indicator);
    const response = await this.http.request({ method: 'GET', path, acceptStatuses: [404, 429], probe });
    const { ttlMs, notFoundTtlMs } = this.budget.cacheOptions;
    if (response.status === 429) {
      const waitMs = retryAfterMs(response.headers['retry-after']) ?? DEFAULT_RETRY_AFTER_MS;
      this.budget.limiter.pause(waitMs);
      const { code, message } = vtError(tryJson(response.text()));
      const why = [code, message].filter(Boolean).join(': ') || 'quota exceeded';
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new TooManyRequestsError(`${VIRUSTOTAL}: quota exceeded (${why}); retry in ${seconds} s`, seconds);
    }
    if (response.status === 404) {
      const body = response.json<unknown>();
      const { code, message } = vtError(body);
      if (code !== 'NotFoundError') {
        throw new UpstreamHttpError(
          VIRUSTOTAL,
          404,
          `HTTP 404 from GET ${path}: ${message ?? 'no VirusTotal error code'}`,
          body,
        );
      }
      const unknown = unknownReport(kind, indicator);
      this.budget.cache.set(key, unknown, notFoundTtlMs);
      return { ...unknown };
    }
    const report = parseReport(kind, indicator, response.json<unknown>(), `GET ${path}`);
    this.budget.cache.set(key, report, ttlMs);
    if (kind === 'file') {
      // A file looked up by MD5 is then also known by its SHA-1 and SHA-256, and the other way round.
      for (const alias of [report.details['sha256'], report.details['sha1'], report.details['md5']]) {
        if (typeof alias === 'string' && alias !== indicator) this.budget.cache.set(`file:${alias}`, report, ttlMs);
      }
    }
    // A copy, so a caller changing its report cannot change what the cache hands to the next one.
    return { ...report };
  }

  private describeFailure(err: unknown): string {
    if (err instanceof UpstreamAuthError) {
      const { code, message } = vtError(err.upstreamBody);
      const detail = code ? ` ${code}${message ? `: ${message}` : ''}` : '';
      return err.upstreamStatus === 401
        ? `wrong credentials: ${VIRUSTOTAL} rejected the API key (HTTP 401${detail})`
        : `${VIRUSTOTAL} refused the API key access to file reports (HTTP 403${detail})`;
    }
    if (err instanceof TooManyRequestsError) return err.message;
    if (err instanceof DomainError) return err.message;
    this.logger.error(
      `verify failed unexpectedly: ${redactText(String(err))}`,
      err instanceof Error ? err.stack : undefined,
    );
    return `unexpected error while verifying ${VIRUSTOTAL}: ${redactText(String(err))}`;
  }
}

function pathOf(kind: IndicatorKind, indicator: string): string {
  switch (kind) {
    case 'file':
      return `/files/${indicator}`;
    case 'url':
      return `/urls/${urlIdentifier(indicator)}`;
    case 'ip':
      return `/ip_addresses/${indicator}`;
    case 'domain':
      return `/domains/${indicator}`;
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
