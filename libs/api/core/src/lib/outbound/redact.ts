/**
 * Secret redaction for everything the outbound helper logs or puts into an error message. Vendor APIs carry
 * credentials in headers, URL user-info, query strings and JSON bodies; the platform we replace leaked them
 * into its logs, so every log line and error detail built from a request or response passes through here.
 */
export const REDACTED = '[redacted]';

/** Names of fields, query parameters and headers whose value is a secret. */
// Also the secure fields vendors name their own way, e.g. Grafana data sources' `httpHeaderValue1`,
// `accessKey`, `tlsClientKey` and `tlsClientCert`.
const SENSITIVE_NAME =
  /password|passwd|passphrase|(^|[-_.])pass$|^pwd$|secret|token|api[-_]?key|apikey|authorization|cookie|session[-_]?id|credential|private[-_]?key|signature|^jwt$|^auth$|header[-_]?value|access[-_]?key|client[-_]?key|client[-_]?cert|secure[-_]?json[-_]?data/i;

const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-apikey',
  'x-auth-token',
]);

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase()) || SENSITIVE_NAME.test(name);
}

/** Redacts secrets found in free text: URLs, `key=value` pairs, JSON fields, header lines, auth schemes. */
export function redactText(text: string): string {
  return (
    text
      // user:password@ in any URL
      .replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, `$1${REDACTED}@`)
      // header lines such as "Authorization: Basic abc" or "cookie=..." inside messages
      .replace(
        /\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-apikey|x-auth-token)(\s*[:=]\s*)("?)[^\r\n"]+\3/gi,
        `$1$2$3${REDACTED}$3`,
      )
      // bare credentials after an auth scheme
      .replace(/\b(Basic|Bearer|Token|ApiKey)\s+[A-Za-z0-9._~+/=-]{4,}/g, `$1 ${REDACTED}`)
      // "password": "value" in JSON (string values; numbers/booleans are never secrets worth hiding)
      .replace(/"([^"\\]{1,64})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (whole, name: string, sep: string) =>
        isSensitiveName(name) ? `"${name}"${sep}"${REDACTED}"` : whole,
      )
      // password=value in query strings and form bodies
      .replace(/([?&;\s]|^)([A-Za-z0-9_.[\]-]{1,64})=([^&;\s#"]*)/g, (whole, lead: string, name: string) =>
        isSensitiveName(name) ? `${lead}${name}=${REDACTED}` : whole,
      )
  );
}

/** Redacts the user-info and sensitive query parameters of a URL. */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url.toString());
  } catch {
    return redactText(url.toString());
  }
  if (parsed.username || parsed.password) {
    parsed.username = REDACTED;
    parsed.password = '';
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (isSensitiveName(name)) parsed.searchParams.set(name, REDACTED);
  }
  // URLSearchParams percent-encodes the brackets of the marker; show it plainly.
  return parsed.toString().split(encodeURIComponent(REDACTED)).join(REDACTED);
}

/** Copy of a header map with every credential-bearing header replaced. */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = isSensitiveName(name) && value !== undefined ? REDACTED : value;
  }
  return out;
}

/**
 * Redacts any value: strings as free text, objects and arrays deeply (a sensitive key hides its whole value,
 * whatever its type). Returns a copy; the input is never modified.
 */
export function redact(value: string): string;
export function redact<T>(value: T): T;
export function redact(value: unknown): unknown {
  return redactValue(value, 0);
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof URL) return redactUrl(value);
  // Deeply nested input is not worth walking for a log line; hide it rather than risk a leak.
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSensitiveName(key) && item !== null && item !== undefined ? REDACTED : redactValue(item, depth + 1);
    }
    return out;
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
