import { Logger } from '@nestjs/common';
import { ExponentialBackoff, handleWhen, isBrokenCircuitError, retry } from 'cockatiel';
import { performance } from 'node:perf_hooks';
import { rootCertificates } from 'node:tls';
import { Agent, request, type Dispatcher } from 'undici';
import { DomainError } from '../errors/domain-errors';
import { AddressPolicy, parseConnectorUrl } from './address-policy';
import { CircuitBreakerRegistry, defaultCircuitBreakers, type BreakerSettings } from './circuit-breakers';
import { classifyNetworkError } from './classify-error';
import { encodeBody, isRetryable, lowerCaseKeys, raceDeadline } from './outbound-helpers';
import { CircuitOpenError, UpstreamFormatError } from './outbound.errors';
import type { HostResolver, HttpMethod, OutboundClientOptions, OutboundRequest } from './outbound.types';
import { bodyExcerpt, OutboundResponse } from './outbound-response';
import { redactUrl } from './redact';
import { statusError } from './status-errors';

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface OutboundDeps {
  /** Registry of circuit breakers; the process-wide one unless a test isolates itself. */
  breakers?: CircuitBreakerRegistry;
  /** Host resolver for the address policy's pre-check. */
  resolveHost?: HostResolver;
}

/**
 * The one outbound HTTP helper of design §4: deadline per call, TLS verification with an optional custom CA,
 * retries with backoff for idempotent calls, a circuit breaker per connector, the address policy, and debug
 * logging with secrets redacted. Connectors build typed clients on top of it; none of them call undici directly.
 */
export class OutboundHttp {
  readonly connector: string;
  readonly baseUrl: URL;
  readonly circuitKey: string;
  private readonly logger: Logger;
  private readonly agent: Agent;
  private readonly policy: AddressPolicy;
  private readonly breakers: CircuitBreakerRegistry;
  private readonly breakerSettings: BreakerSettings;
  private readonly defaultHeaders: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly maxRetries: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(options: OutboundClientOptions, deps: OutboundDeps = {}) {
    this.connector = options.connector;
    this.logger = new Logger(`Outbound:${options.connector}`);
    const base = parseConnectorUrl(options.connector, options.baseUrl);
    this.defaultHeaders = { accept: 'application/json', ...lowerCaseKeys(options.headers ?? {}) };
    if ((base.username || base.password) && !this.defaultHeaders['authorization']) {
      // Credentials in the URL would otherwise end up in every logged URL; move them into a header.
      const user = decodeURIComponent(base.username);
      const pass = decodeURIComponent(base.password);
      this.defaultHeaders['authorization'] = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    }
    base.username = '';
    base.password = '';
    this.baseUrl = base;
    this.circuitKey = options.circuitKey ?? `${options.connector}|${base.origin}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.maxRetries = options.retry?.maxRetries ?? 2;
    this.initialDelayMs = options.retry?.initialDelayMs ?? 200;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 2_000;
    this.breakers = deps.breakers ?? defaultCircuitBreakers;
    this.breakerSettings = {
      failureThreshold: options.breaker?.failureThreshold ?? 5,
      halfOpenAfterMs: options.breaker?.halfOpenAfterMs ?? 30_000,
    };
    this.policy = new AddressPolicy(options.connector, options.allowLinkLocal ?? false, deps.resolveHost);

    const verifyTls = options.verifyTls !== false;
    if (!verifyTls) {
      // The operator's explicit per-connector choice (the API flags it too); say so every time it takes effect.
      this.logger.warn(
        `TLS certificate verification is DISABLED for ${options.connector} at ${base.origin} by its connector setting; ` +
          'traffic to it can be intercepted. Set a CA file instead.',
      );
    }
    this.agent = new Agent({
      connect: {
        // A custom CA is added to the public roots rather than replacing them, so a later move to a public
        // certificate keeps working.
        ...(options.caPem ? { ca: [...rootCertificates, options.caPem] } : {}),
        rejectUnauthorized: verifyTls,
        timeout: options.connectTimeoutMs ?? this.timeoutMs,
        lookup: this.policy.connectLookup(),
      },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  /** Sends one call (with retries when idempotent) and returns the complete answer, or throws a domain error. */
  async request(req: OutboundRequest): Promise<OutboundResponse> {
    const url = this.resolveUrl(req);
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(req.method);
    const run = () => this.withRetries(req, url, idempotent, timeoutMs);
    if (req.probe) {
      const response = await run();
      this.breakers.reset(this.circuitKey);
      return response;
    }
    try {
      return await this.breakers.get(this.circuitKey, this.breakerSettings).execute(run);
    } catch (err) {
      if (isBrokenCircuitError(err)) {
        const { failureThreshold, halfOpenAfterMs } = this.breakerSettings;
        throw new CircuitOpenError(
          this.connector,
          `not called: the circuit is open after ${failureThreshold} consecutive failures; ` +
            `a trial call is let through ${Math.round(halfOpenAfterMs / 1000)} s after it opened`,
        );
      }
      throw err;
    }
  }

  /** `request` followed by `json<T>()`. */
  async requestJson<T>(req: OutboundRequest): Promise<T> {
    return (await this.request(req)).json<T>();
  }

  /** Releases pooled connections; call when the connector row changes or the app shuts down. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  private resolveUrl(req: OutboundRequest): URL {
    const basePath = this.baseUrl.pathname.replace(/\/+$/, '');
    const url = new URL(this.baseUrl.toString());
    url.pathname = `${basePath}/${req.path.replace(/^\/+/, '')}`;
    for (const [name, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    return url;
  }

  private async withRetries(
    req: OutboundRequest,
    url: URL,
    idempotent: boolean,
    timeoutMs: number,
  ): Promise<OutboundResponse> {
    const deadline = AbortSignal.timeout(timeoutMs);
    const deadlineAt = Date.now() + timeoutMs;
    const attempt = () => this.attempt(req, url, deadline, timeoutMs);
    if (!idempotent || this.maxRetries === 0) return attempt();
    // A retry is only worth it if a full backoff still leaves time before the call's deadline.
    const policy = retry(
      handleWhen((err) => isRetryable(err) && Date.now() + this.maxDelayMs < deadlineAt),
      {
        maxAttempts: this.maxRetries,
        backoff: new ExponentialBackoff({ initialDelay: this.initialDelayMs, maxDelay: this.maxDelayMs }),
      },
    );
    policy.onRetry(({ delay, attempt: n }) =>
      this.logger.debug(`${req.method} ${redactUrl(url)}: retry ${n} of ${this.maxRetries} in ${Math.round(delay)} ms`),
    );
    return policy.execute(attempt);
  }

  private async attempt(
    req: OutboundRequest,
    url: URL,
    deadline: AbortSignal,
    timeoutMs: number,
  ): Promise<OutboundResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const shownUrl = redactUrl(url);
    const { body, contentType } = encodeBody(req.body);
    const headers: Record<string, string> = { ...this.defaultHeaders, ...lowerCaseKeys(req.headers ?? {}) };
    if (contentType && !headers['content-type']) headers['content-type'] = contentType;
    const bodyNote = body === undefined ? '' : ` body=${bodyExcerpt(body.toString(), 200)}`;

    let status: number;
    let responseHeaders: Dispatcher.ResponseData['headers'];
    let payload: Buffer;
    try {
      await raceDeadline(this.policy.assertAllowed(url), deadline);
      const response = await request(url, {
        method: req.method,
        headers,
        body,
        dispatcher: this.agent,
        signal: deadline,
        idempotent: req.idempotent ?? IDEMPOTENT_METHODS.has(req.method),
      });
      status = response.statusCode;
      responseHeaders = response.headers;
      payload = await this.readBody(response.body, shownUrl);
    } catch (err) {
      if (err instanceof DomainError) {
        this.logger.debug(`${req.method} ${shownUrl} -> refused (${err.message}) after ${elapsed()} ms`);
        throw err;
      }
      const failure = classifyNetworkError(err, {
        connector: this.connector,
        target: url.host,
        timeoutMs,
        deadlinePassed: deadline.aborted,
      });
      this.logger.debug(`${req.method} ${shownUrl}${bodyNote} -> failed (${failure.message}) after ${elapsed()} ms`);
      throw failure;
    }
    this.logger.debug(`${req.method} ${shownUrl}${bodyNote} -> ${status} in ${elapsed()} ms`);

    const accepted = (status >= 200 && status < 300) || (req.acceptStatuses ?? []).includes(status);
    if (!accepted) {
      throw statusError({
        connector: this.connector,
        method: req.method,
        path: url.pathname,
        status,
        headers: responseHeaders,
        text: payload.toString('utf8'),
      });
    }
    return new OutboundResponse(this.connector, status, responseHeaders, payload);
  }

  private async readBody(stream: AsyncIterable<Buffer | string>, shownUrl: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > this.maxResponseBytes) {
        throw new UpstreamFormatError(
          this.connector,
          `response from ${shownUrl} is larger than ${this.maxResponseBytes} bytes; narrow the request`,
        );
      }
      chunks.push(buffer);
    }
    return Buffer.concat(chunks);
  }
}
