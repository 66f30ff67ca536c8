import { isIP } from 'node:net';
import { BadInputError } from '@copilot/api-core';

/**
 * Validation and normalisation of indicators before any request: a malformed one is a 400 naming the field, and
 * never spends a lookup of the small VirusTotal quota.
 */

const bad = (field: string, message: string) => new BadInputError(`${field}: ${message}`, [{ field, message }]);

/** MD5, SHA-1 or SHA-256 in hex; returned lower-case. */
export function normaliseHash(raw: string): string {
  const hash = String(raw ?? '')
    .trim()
    .toLowerCase();
  if (!/^[0-9a-f]+$/.test(hash) || ![32, 40, 64].includes(hash.length)) {
    throw bad('hash', 'must be an MD5, SHA-1 or SHA-256 in hex (32, 40 or 64 characters)');
  }
  return hash;
}

/** An IPv4 or IPv6 address without zone id or port. */
export function normaliseIp(raw: string): string {
  const ip = String(raw ?? '')
    .trim()
    .toLowerCase();
  if (ip.includes('%') || isIP(ip) === 0) throw bad('ip', 'must be an IPv4 or IPv6 address');
  return ip;
}

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** A DNS name with at least two labels (international names in their xn-- form); lower-case, no trailing dot. */
export function normaliseDomain(raw: string): string {
  const domain = String(raw ?? '')
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  if (isIP(domain) !== 0) throw bad('domain', 'is an IP address; look it up as an IP');
  const labels = domain.split('.');
  if (
    domain.length > 253 ||
    labels.length < 2 ||
    !labels.every((l) => LABEL.test(l)) ||
    !TLD.test(labels[labels.length - 1])
  ) {
    throw bad('domain', 'must be a domain name such as example.com');
  }
  return domain;
}

/** An absolute URL with a host (http, https, ftp); returned trimmed, otherwise as given (VirusTotal canonicalises). */
export function normaliseUrl(raw: string): string {
  const text = String(raw ?? '').trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad('url', 'must be an absolute URL such as https://example.com/path');
  }
  if (!['http:', 'https:', 'ftp:'].includes(url.protocol) || url.hostname === '' || text.length > 8_192) {
    throw bad('url', 'must be an http(s) or ftp URL with a host, at most 8192 characters');
  }
  return text;
}

/** VirusTotal's URL identifier: the URL in unpadded base64url (RFC 4648 §5; docs "URL identifiers"). */
export function urlIdentifier(url: string): string {
  return Buffer.from(url, 'utf8').toString('base64url');
}
