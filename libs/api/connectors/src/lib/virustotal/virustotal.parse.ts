import { ServiceUnavailableError } from '@copilot/api-core';
import {
  VIRUSTOTAL,
  type AnalysisStats,
  type IndicatorKind,
  type VirusTotalReport,
  type VirusTotalVerdict,
} from './virustotal.types';

/**
 * Builds reports from VirusTotal API v3 objects (`{data: {type, id, attributes}}`, docs.virustotal.com/reference
 * "Files", "URLs", "IP addresses", "Domains"). Absent attributes become null; only an answer without a data
 * object fails.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function epochToIso(value: unknown): string | null {
  const n = numberOrNull(value);
  return n === null || n <= 0 ? null : new Date(n * 1000).toISOString();
}

const GUI: Record<IndicatorKind, string> = { file: 'file', url: 'url', ip: 'ip-address', domain: 'domain' };

function parseStats(raw: unknown): AnalysisStats | null {
  if (!isObject(raw)) return null;
  return {
    malicious: count(raw['malicious']),
    suspicious: count(raw['suspicious']),
    harmless: count(raw['harmless']),
    undetected: count(raw['undetected']),
    timeout: count(raw['timeout']),
  };
}

function verdictOf(stats: AnalysisStats | null): VirusTotalVerdict {
  if (!stats) return 'undetected';
  if (stats.malicious > 0) return 'malicious';
  if (stats.suspicious > 0) return 'suspicious';
  return stats.harmless > 0 ? 'harmless' : 'undetected';
}

function summaryOf(stats: AnalysisStats | null, reputation: number | null): string {
  const rep = reputation === null ? '' : `; reputation ${reputation}`;
  if (!stats) return `no analysis yet${rep}`;
  const engines = stats.malicious + stats.suspicious + stats.harmless + stats.undetected;
  return `${stats.malicious} of ${engines} engines flag it malicious, ${stats.suspicious} suspicious${rep}`;
}

function detailsOf(kind: IndicatorKind, a: Json): Record<string, string | number | null> {
  switch (kind) {
    case 'file':
      return {
        name: text(a['meaningful_name']),
        type: text(a['type_description']),
        size: numberOrNull(a['size']),
        sha256: text(a['sha256']),
        sha1: text(a['sha1']),
        md5: text(a['md5']),
      };
    case 'url':
      return {
        url: text(a['url']),
        finalUrl: text(a['last_final_url']),
        title: text(a['title']),
        httpStatus: numberOrNull(a['last_http_response_code']),
      };
    case 'ip':
      return {
        owner: text(a['as_owner']),
        asn: numberOrNull(a['asn']),
        country: text(a['country']),
        network: text(a['network']),
      };
    case 'domain':
      return { registrar: text(a['registrar']), createdAt: epochToIso(a['creation_date']), tld: text(a['tld']) };
  }
}

export function parseReport(kind: IndicatorKind, indicator: string, body: unknown, what: string): VirusTotalReport {
  const data = isObject(body) ? body['data'] : undefined;
  if (!isObject(data) || typeof data['id'] !== 'string' || !isObject(data['attributes'])) {
    throw new ServiceUnavailableError(
      VIRUSTOTAL,
      `unexpected answer to ${what}: no data object (is the URL the VirusTotal API v3, e.g. https://www.virustotal.com/api/v3?)`,
    );
  }
  const attributes = data['attributes'];
  const stats = parseStats(attributes['last_analysis_stats']);
  const reputation = numberOrNull(attributes['reputation']);
  return {
    kind,
    indicator,
    known: true,
    id: data['id'],
    verdict: verdictOf(stats),
    stats,
    reputation,
    lastAnalysisAt: epochToIso(attributes['last_analysis_date']),
    permalink: `https://www.virustotal.com/gui/${GUI[kind]}/${encodeURIComponent(data['id'])}`,
    summary: summaryOf(stats, reputation),
    details: detailsOf(kind, attributes),
    fetchedAt: new Date().toISOString(),
    fromCache: false,
  };
}

/** VirusTotal's NotFoundError as an answer: the indicator is simply not in its dataset. */
export function unknownReport(kind: IndicatorKind, indicator: string): VirusTotalReport {
  return {
    kind,
    indicator,
    known: false,
    id: null,
    verdict: 'unknown',
    stats: null,
    reputation: null,
    lastAnalysisAt: null,
    permalink: null,
    summary: 'not known to VirusTotal',
    details: {},
    fetchedAt: new Date().toISOString(),
    fromCache: false,
  };
}

/** `{error: {code, message}}` of docs.virustotal.com/reference/errors, or nulls. */
export function vtError(body: unknown): { code: string | null; message: string | null } {
  const error = isObject(body) ? body['error'] : undefined;
  return isObject(error)
    ? { code: text(error['code']), message: text(error['message']) }
    : { code: null, message: null };
}
