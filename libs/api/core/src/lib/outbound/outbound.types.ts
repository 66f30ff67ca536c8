import type { LookupAddress } from 'node:dns';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Per-connector settings for one outbound client. Everything except `connector` and `baseUrl` has a safe default. */
export interface OutboundClientOptions {
  /** Display name used in every error and log line, e.g. `Wazuh-Indexer`. */
  connector: string;
  /** Base URL of the vendor API; request paths are resolved against it. Must be http(s). */
  baseUrl: string;
  /**
   * Key of the circuit breaker. Clients built for the same connector instance share it, so a dead host fails
   * fast for every caller. Defaults to `<connector>|<origin of baseUrl>`.
   */
  circuitKey?: string;
  /** Deadline for a whole call (DNS, connect, TLS, headers, body and any retries). Default 10 000 ms. */
  timeoutMs?: number;
  /** Deadline for one TCP+TLS connect. Default: `timeoutMs`. */
  connectTimeoutMs?: number;
  /**
   * TLS certificate verification. Default true. `false` is only ever the operator's explicit per-connector
   * setting: the API flags it as a warning, and every client built with it logs a warning.
   */
  verifyTls?: boolean;
  /** PEM CA bundle to trust for this connector (in addition to the public roots). */
  caPem?: string;
  /** Allow link-local and cloud-metadata addresses (refused by default, see address-policy.ts). */
  allowLinkLocal?: boolean;
  /** Headers sent with every request, typically `Authorization`. Never logged. */
  headers?: Record<string, string>;
  retry?: OutboundRetryOptions;
  breaker?: OutboundBreakerOptions;
  /** Largest response body read into memory. Default 64 MiB. */
  maxResponseBytes?: number;
}

export interface OutboundRetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** First backoff delay. Default 200 ms; grows exponentially up to `maxDelayMs`. */
  initialDelayMs?: number;
  /** Longest single backoff delay. Default 2 000 ms. */
  maxDelayMs?: number;
}

export interface OutboundBreakerOptions {
  /** Consecutive failed calls that open the circuit. Default 5. */
  failureThreshold?: number;
  /** Time the circuit stays open before one trial call is let through. Default 30 000 ms. */
  halfOpenAfterMs?: number;
}

export type QueryValue = string | number | boolean | undefined | null;

export interface OutboundRequest {
  method: HttpMethod;
  /** Path relative to the base URL (a leading `/` keeps the base URL's own path prefix). */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** A plain object or array is sent as JSON; a string or Buffer is sent as is (set content-type yourself). */
  body?: unknown;
  /**
   * Marks a POST/PATCH as safe to repeat (for example a search, or a partial update that sets fixed values),
   * so it is retried like GET/HEAD/PUT/DELETE. Never set it for calls that create or trigger something.
   */
  idempotent?: boolean;
  /** Statuses returned to the caller instead of thrown (for example 404 on a get-by-id). */
  acceptStatuses?: number[];
  /**
   * A health probe (connector verify): it is let through an open circuit, and a successful answer closes the
   * circuit again, so an operator who fixed a connector sees the real state at once.
   */
  probe?: boolean;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
}

/** Resolves a host name to every address it maps to (dns.lookup with `all: true`). Injected in tests. */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;
