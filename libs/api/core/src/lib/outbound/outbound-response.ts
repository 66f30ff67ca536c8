import { UpstreamFormatError } from './outbound.errors';
import { redactText } from './redact';

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** First `max` characters of a body, on one line and redacted, for messages about what the vendor sent. */
export function bodyExcerpt(text: string, max = 80): string {
  const flat = redactText(text.replace(/\s+/g, ' ').trim());
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function mediaType(headers: ResponseHeaders): string {
  const raw = headers['content-type'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (value ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Parses a vendor body as JSON, or explains in one line why it is not: an HTML login page from a proxy, a
 * truncated or garbage answer. The text is read fully already, so the caller's deadline covered it.
 */
export function parseJsonBody<T>(connector: string, headers: ResponseHeaders, text: string): T {
  const type = mediaType(headers);
  const looksJson = type === '' || type === 'application/json' || type.endsWith('+json') || type === 'text/plain';
  if (!looksJson || /^\s*</.test(text)) {
    throw new UpstreamFormatError(
      connector,
      `expected JSON from ${connector}, got ${type || 'no content type'}: ${bodyExcerpt(text)}`,
    );
  }
  if (text.trim() === '')
    throw new UpstreamFormatError(connector, `expected JSON from ${connector}, got an empty body`);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UpstreamFormatError(
      connector,
      `invalid JSON from ${connector} (${type || 'no content type'}): ${bodyExcerpt(text)}`,
    );
  }
}

/** A complete vendor answer: status, headers and the whole body (read within the call's deadline). */
export class OutboundResponse {
  constructor(
    readonly connector: string,
    readonly status: number,
    readonly headers: ResponseHeaders,
    readonly body: Buffer,
  ) {}

  get contentType(): string {
    return mediaType(this.headers);
  }

  text(): string {
    return this.body.toString('utf8');
  }

  /** The body as JSON. The type parameter is a promise of the caller, who validates what it relies on. */
  json<T>(): T {
    return parseJsonBody<T>(this.connector, this.headers, this.text());
  }
}
