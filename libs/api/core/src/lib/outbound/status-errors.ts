import { UpstreamAuthError, UpstreamHttpError } from './outbound.errors';
import { bodyExcerpt, type ResponseHeaders } from './outbound-response';
import { redact, redactUrl } from './redact';

/** The parsed body when it is JSON, else undefined; redacted because it travels on the error object. */
function parsedBody(text: string): unknown {
  try {
    return redact(JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** One-line gist of an error body: vendors' structured `error.type/reason` or `message`, else the raw start. */
function gist(body: unknown, text: string): string {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const error = record['error'];
    if (error && typeof error === 'object') {
      const { type, reason } = error as Record<string, unknown>;
      if (typeof reason === 'string') return bodyExcerpt(typeof type === 'string' ? `${type}: ${reason}` : reason, 200);
    }
    if (typeof error === 'string') return bodyExcerpt(error, 200);
    if (typeof record['message'] === 'string') return bodyExcerpt(record['message'], 200);
  }
  return text.trim() === '' ? '(empty body)' : bodyExcerpt(text, 200);
}

export interface StatusContext {
  connector: string;
  method: string;
  /** Path without query string (queries may carry secrets; the path is enough to locate the call). */
  path: string;
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/** The error for an unaccepted status; 401/403 become UpstreamAuthError so verify can say "wrong credentials". */
export function statusError(ctx: StatusContext): UpstreamHttpError {
  const body = parsedBody(ctx.text);
  const where = `${ctx.method} ${ctx.path}`;
  if (ctx.status === 401) {
    return new UpstreamAuthError(ctx.connector, 401, `wrong credentials (HTTP 401 from ${where})`, body);
  }
  if (ctx.status === 403) {
    return new UpstreamAuthError(
      ctx.connector,
      403,
      `access denied (HTTP 403 from ${where}): ${gist(body, ctx.text)}`,
      body,
    );
  }
  if (ctx.status >= 300 && ctx.status < 400) {
    const location = ctx.headers['location'];
    const target = typeof location === 'string' ? redactUrl(location) : 'an unknown location';
    // Redirects are not followed: the new address would bypass the address policy and may drop credentials.
    return new UpstreamHttpError(
      ctx.connector,
      ctx.status,
      `unexpected redirect (HTTP ${ctx.status} from ${where} to ${target}); point the connector at the final URL`,
      body,
    );
  }
  return new UpstreamHttpError(
    ctx.connector,
    ctx.status,
    `HTTP ${ctx.status} from ${where}: ${gist(body, ctx.text)}`,
    body,
  );
}
