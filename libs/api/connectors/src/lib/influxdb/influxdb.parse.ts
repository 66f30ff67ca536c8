import { bodyExcerpt, redactText, UpstreamFormatError } from '@copilot/api-core';
import { INFLUXDB, type InfluxCheck, type InfluxOrganization, type InfluxThreshold } from './influxdb.types';

/**
 * Checks on what InfluxDB answered (InfluxDB OSS v2 API: schemas/Organizations.yml, Checks.yml, CheckBase.yml,
 * Error.yml). Only fields CoPilot relies on are required; anything else becomes a clear UpstreamFormatError.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function unexpected(call: string, what: string): UpstreamFormatError {
  return new UpstreamFormatError(INFLUXDB, `unexpected answer to ${call}: ${what} (is the URL an InfluxDB 2 server?)`);
}

export function parseOrganizations(body: unknown): InfluxOrganization[] {
  if (!isObject(body) || !Array.isArray(body['orgs'])) throw unexpected('GET /api/v2/orgs', 'no orgs array');
  return (body['orgs'] as unknown[]).map((org) => {
    if (!isObject(org) || typeof org['id'] !== 'string' || typeof org['name'] !== 'string') {
      throw unexpected('GET /api/v2/orgs', 'an organization without id/name');
    }
    return { id: org['id'], name: org['name'], description: str(org['description']) ?? '' };
  });
}

function parseThresholds(raw: unknown): InfluxThreshold[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((t) => ({
    type: str(t['type']) ?? 'unknown',
    level: str(t['level']),
    value: num(t['value']),
    min: num(t['min']),
    max: num(t['max']),
  }));
}

export function parseCheck(raw: unknown, call: string): InfluxCheck {
  if (!isObject(raw) || typeof raw['id'] !== 'string' || typeof raw['name'] !== 'string') {
    throw unexpected(call, 'a check without id/name');
  }
  const query = isObject(raw['query']) ? str(raw['query']['text']) : null;
  return {
    id: raw['id'],
    name: raw['name'],
    orgID: str(raw['orgID']) ?? '',
    type: str(raw['type']) ?? 'unknown',
    status: str(raw['status']),
    description: str(raw['description']) ?? '',
    every: str(raw['every']),
    query,
    thresholds: parseThresholds(raw['thresholds']),
    lastRunStatus: str(raw['lastRunStatus']),
    lastRunError: str(raw['lastRunError']),
    latestCompleted: str(raw['latestCompleted']),
    createdAt: str(raw['createdAt']),
    updatedAt: str(raw['updatedAt']),
  };
}

export function parseChecks(body: unknown): InfluxCheck[] {
  if (!isObject(body) || !Array.isArray(body['checks'])) throw unexpected('GET /api/v2/checks', 'no checks array');
  return (body['checks'] as unknown[]).map((check) => parseCheck(check, 'GET /api/v2/checks'));
}

/** The `{code, message}` of an error answer; the raw text when it is not that envelope. */
export function influxError(text: string): { code: string; message: string } {
  try {
    const body = JSON.parse(text) as unknown;
    if (isObject(body) && typeof body['message'] === 'string') {
      return { code: str(body['code']) ?? 'error', message: redactText(body['message']) };
    }
  } catch {
    // Not JSON: fall through to the excerpt.
  }
  return { code: 'error', message: bodyExcerpt(text, 200) };
}
