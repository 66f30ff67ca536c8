import { ADDRESS_REFUSED_CODE } from './address-policy';
import { OutboundUrlRefusedError, UpstreamUnreachableError, type UnreachableReason } from './outbound.errors';
import { redactText } from './redact';

/**
 * Turns the many shapes of a failed socket (undici errors, Node errno errors, OpenSSL verify codes, aborts)
 * into one UpstreamUnreachableError whose message tells an operator what to fix.
 */

const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** Codes of the error and its causes, outermost first (undici wraps socket errors as `cause`). */
function errorChain(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = err;
  while (current && typeof current === 'object' && chain.length < 5) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

export interface ClassifyContext {
  connector: string;
  /** host:port, shown in the message so the operator sees which address failed. */
  target: string;
  timeoutMs: number;
  /** True when the call's own deadline has passed: whatever undici reports, it is a timeout. */
  deadlinePassed: boolean;
}

export function classifyNetworkError(
  err: unknown,
  ctx: ClassifyContext,
): UpstreamUnreachableError | OutboundUrlRefusedError {
  const chain = errorChain(err);
  const codes = chain.map((e) => (typeof e.code === 'string' ? e.code : '')).filter(Boolean);
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c));
  const fail = (reason: UnreachableReason, detail: string) =>
    new UpstreamUnreachableError(ctx.connector, reason, detail);

  if (has(ADDRESS_REFUSED_CODE)) {
    const refusal = chain.find((e) => e.code === ADDRESS_REFUSED_CODE);
    return new OutboundUrlRefusedError(ctx.connector, `${String(refusal?.message)}; refused by the address policy`);
  }
  if (ctx.deadlinePassed || has('UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT')) {
    return fail('timeout', `timed out after ${ctx.timeoutMs} ms waiting for ${ctx.target}`);
  }
  if (has('UND_ERR_CONNECT_TIMEOUT')) {
    return fail('timeout', `timed out connecting to ${ctx.target}`);
  }
  const tlsCode = codes.find((c) => UNKNOWN_AUTHORITY.has(c));
  if (tlsCode) return fail('tls', `certificate signed by unknown authority (set a CA file) [${tlsCode}]`);
  if (has('CERT_HAS_EXPIRED')) return fail('tls', `the server certificate of ${ctx.target} has expired`);
  if (has('CERT_NOT_YET_VALID')) return fail('tls', `the server certificate of ${ctx.target} is not valid yet`);
  if (has('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return fail('tls', `the server certificate is not valid for ${ctx.target} (host name mismatch)`);
  }
  if (
    has('EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER') ||
    codes.some((c) => c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_'))
  ) {
    return fail('tls', `TLS handshake with ${ctx.target} failed (does it speak HTTPS on this port?)`);
  }
  if (has('ECONNREFUSED'))
    return fail('refused', `connection refused by ${ctx.target} (is the service running and the port right?)`);
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME')) return fail('dns', `host not found: ${ctx.target}`);
  if (has('EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN')) return fail('network', `no route to ${ctx.target}`);
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED')) {
    return fail('reset', `connection to ${ctx.target} closed before a complete answer (wrong scheme or port?)`);
  }
  const message = chain.map((e) => (typeof e.message === 'string' ? e.message : '')).find(Boolean) ?? 'unknown error';
  return fail('network', `request to ${ctx.target} failed: ${redactText(message).slice(0, 200)}`);
}
