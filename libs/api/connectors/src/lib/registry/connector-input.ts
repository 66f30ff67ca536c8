import { BadInputError } from '@copilot/api-core';
import { CATALOGUE, type ConnectorName } from './catalogue';

/** Validation of operator input that class-validator cannot express: URL semantics, per-connector extras. */

const MAX_EXTRA_VALUE = 256;

const bad = (field: string, message: string) => new BadInputError(`${field}: ${message}`, [{ field, message }]);

/**
 * http(s) only, and no credentials inside the URL (they would be stored and shown in clear; they belong in the
 * write-only fields). Empty means unset. Link-local/metadata addresses are judged at call time by the address
 * policy, because a host name can resolve differently later.
 */
export function checkUrl(raw: string | null | undefined): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad('url', 'must be a valid URL, e.g. https://wazuh-indexer:9200');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad('url', `must start with http:// or https:// (got ${url.protocol})`);
  if (url.username || url.password) throw bad('url', 'must not contain credentials; set username and password instead');
  return raw.trim();
}

export function checkCaPem(raw: string | null | undefined): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw.trim() === '') return null;
  if (!raw.includes('-----BEGIN CERTIFICATE-----')) throw bad('caPem', 'must be PEM text (-----BEGIN CERTIFICATE-----)');
  return raw;
}

/** Keeps only the connector's own extra settings; an unknown key is a 400 naming it. */
export function checkExtra(name: ConnectorName, extra: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (extra === undefined) return undefined;
  const allowed = CATALOGUE[name].extraKeys;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(extra)) {
    const field = `extra.${key}`;
    if (!allowed.includes(key)) {
      throw bad(field, allowed.length ? `is not a setting of ${name} (allowed: ${allowed.join(', ')})` : `${name} takes no extra settings`);
    }
    if (value === null || value === '') continue;
    if (typeof value !== 'string' && typeof value !== 'number') throw bad(field, 'must be a string');
    const text = String(value).trim();
    if (text.length > MAX_EXTRA_VALUE) throw bad(field, `must be at most ${MAX_EXTRA_VALUE} characters`);
    if (key === 'PORTAINER_ENDPOINT_ID' && !/^[1-9]\d{0,9}$/.test(text)) throw bad(field, 'must be a positive whole number');
    out[key] = text;
  }
  return out;
}

/** Empty strings from a form mean "not set". */
export function emptyToNull(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value === null || value.trim() === '' ? null : value;
}
