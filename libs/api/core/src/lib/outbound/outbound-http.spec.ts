import { Logger } from '@nestjs/common';
import { captureNestLogs, ScriptedHttpServer, type LogCapture } from '@copilot/testing-fakes';
import { BadInputError, ServiceUnavailableError } from '../errors/domain-errors';
import { CircuitBreakerRegistry } from './circuit-breakers';
import { OutboundHttp } from './outbound-http';
import {
  CircuitOpenError,
  OutboundUrlRefusedError,
  UpstreamAuthError,
  UpstreamFormatError,
  UpstreamHttpError,
  UpstreamUnreachableError,
} from './outbound.errors';
import type { OutboundClientOptions } from './outbound.types';

describe('OutboundHttp', () => {
  let server: ScriptedHttpServer;
  let clients: OutboundHttp[];
  let breakers: CircuitBreakerRegistry;

  const client = (overrides: Partial<OutboundClientOptions> = {}) => {
    const built = new OutboundHttp(
      {
        connector: 'Test',
        baseUrl: server.url,
        timeoutMs: 2_000,
        retry: { initialDelayMs: 10, maxDelayMs: 20 },
        ...overrides,
      },
      { breakers },
    );
    clients.push(built);
    return built;
  };

  // Keep the run's output readable; the logging tests capture every level themselves.
  beforeAll(() => Logger.overrideLogger(['error']));

  beforeEach(async () => {
    server = await new ScriptedHttpServer(() => ({ status: 200, body: { ok: true } })).start();
    clients = [];
    breakers = new CircuitBreakerRegistry();
  });

  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
  });

  it('returns status, headers and JSON of a successful call, resolving paths against the base URL', async () => {
    const http = client({ baseUrl: `${server.url}/api/` });
    const response = await http.request({ method: 'GET', path: '/status', query: { pretty: true, skip: undefined } });
    expect(response.status).toBe(200);
    expect(response.json<{ ok: boolean }>()).toEqual({ ok: true });
    expect(server.requests[0].path).toBe('/api/status');
    expect(server.requests[0].query).toEqual({ pretty: 'true' });
  });

  it('reaches a host name through the guarded socket lookup', async () => {
    const response = await client({ baseUrl: server.url.replace('127.0.0.1', 'localhost') }).request({
      method: 'GET',
      path: '/',
    });
    expect(response.status).toBe(200);
  });

  it('gives up after the timeout with a clear message instead of hanging', async () => {
    server.injectFault({ kind: 'hang' });
    const started = Date.now();
    const call = client({ timeoutMs: 300 }).request({ method: 'GET', path: '/slow' });
    await expect(call).rejects.toThrow(UpstreamUnreachableError);
    await expect(call).rejects.toThrow('Test: timed out after 300 ms');
    // The server never answers; the bound is wide because this machine may be busy.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('retries idempotent calls on 5xx and 429 with backoff', async () => {
    server.injectFault({ kind: 'status', status: 503 });
    server.injectFault({ kind: 'status', status: 429 });
    const response = await client().request({ method: 'GET', path: '/x' });
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(3);
  });

  it('never retries a non-idempotent call, unless the caller marks it idempotent', async () => {
    server.failNext(1, 502);
    await expect(client().request({ method: 'POST', path: '/create', body: { a: 1 } })).rejects.toThrow(
      UpstreamHttpError,
    );
    expect(server.requests).toHaveLength(1);

    server.clearRequests();
    server.failNext(1, 502);
    const response = await client().request({ method: 'POST', path: '/search', body: {}, idempotent: true });
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry wrong credentials and says so', async () => {
    server.setHandler(() => ({ status: 401, body: 'Unauthorized' }));
    const call = client().request({ method: 'GET', path: '/secure' });
    await expect(call).rejects.toBeInstanceOf(UpstreamAuthError);
    await expect(call).rejects.toMatchObject({ upstreamStatus: 401, status: 503, dependency: 'Test' });
    await expect(call).rejects.toThrow('wrong credentials (HTTP 401 from GET /secure)');
    expect(server.requests).toHaveLength(1);
  });

  it('opens the circuit after consecutive failures, fails fast naming the connector, and recovers half-open', async () => {
    server.setHandler(() => ({ status: 503, body: 'down' }));
    const http = client({ retry: { maxRetries: 0 }, breaker: { failureThreshold: 5, halfOpenAfterMs: 300 } });
    for (let i = 0; i < 5; i++)
      await expect(http.request({ method: 'GET', path: '/h' })).rejects.toThrow(UpstreamHttpError);
    expect(server.requests).toHaveLength(5);

    const fast = http.request({ method: 'GET', path: '/h' });
    await expect(fast).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(fast).rejects.toThrow(/^Test: not called: the circuit is open after 5 consecutive failures/);
    expect(server.requests).toHaveLength(5);

    // Another client for the same connector shares the circuit.
    await expect(
      client({ breaker: { failureThreshold: 5, halfOpenAfterMs: 300 } }).request({ method: 'GET', path: '/h' }),
    ).rejects.toThrow(CircuitOpenError);

    server.setHandler(() => ({ status: 200, body: { ok: true } }));
    await new Promise((resolve) => setTimeout(resolve, 350));
    await expect(http.request({ method: 'GET', path: '/h' })).resolves.toMatchObject({ status: 200 });
    await expect(http.request({ method: 'GET', path: '/h' })).resolves.toMatchObject({ status: 200 });
  });

  it('lets a probe through an open circuit and closes it when the target answers', async () => {
    server.setHandler(() => ({ status: 500, body: 'boom' }));
    const http = client({ retry: { maxRetries: 0 }, breaker: { failureThreshold: 2, halfOpenAfterMs: 60_000 } });
    for (let i = 0; i < 2; i++)
      await expect(http.request({ method: 'GET', path: '/' })).rejects.toThrow(UpstreamHttpError);
    await expect(http.request({ method: 'GET', path: '/' })).rejects.toThrow(CircuitOpenError);
    server.setHandler(() => ({ status: 200, body: { ok: true } }));
    await expect(http.request({ method: 'GET', path: '/', probe: true })).resolves.toMatchObject({ status: 200 });
    await expect(http.request({ method: 'GET', path: '/' })).resolves.toMatchObject({ status: 200 });
  });

  it('does not count wrong credentials against the circuit', async () => {
    server.setHandler(() => ({ status: 401, body: 'no' }));
    const http = client({ breaker: { failureThreshold: 2, halfOpenAfterMs: 60_000 } });
    for (let i = 0; i < 4; i++)
      await expect(http.request({ method: 'GET', path: '/' })).rejects.toThrow(UpstreamAuthError);
  });

  it('reports a refused connection', async () => {
    const closed = await new ScriptedHttpServer(() => ({ status: 200 })).start();
    const url = closed.url;
    await closed.stop();
    const call = client({ baseUrl: url, retry: { maxRetries: 0 } }).request({ method: 'GET', path: '/' });
    await expect(call).rejects.toMatchObject({ reason: 'refused' });
    await expect(call).rejects.toThrow(/connection refused by 127\.0\.0\.1:\d+/);
  });

  it('explains an HTML page where JSON was expected', async () => {
    server.injectFault({ kind: 'html' });
    const response = await client().request({ method: 'GET', path: '/' });
    expect(() => response.json()).toThrow(UpstreamFormatError);
    expect(() => response.json()).toThrow(
      /^Test: expected JSON from Test, got text\/html: <!DOCTYPE html><html><head><title>Sign in/,
    );
  });

  it('explains a garbage JSON body', async () => {
    server.injectFault({ kind: 'garbage' });
    const response = await client().request({ method: 'GET', path: '/' });
    expect(() => response.json()).toThrow(
      /invalid JSON from Test \(application\/json\): \{"cluster_name":"x","status":gre/,
    );
  });

  it('refuses non-http URLs as bad input', () => {
    expect(() => client({ baseUrl: 'ftp://127.0.0.1/' })).toThrow(BadInputError);
  });

  it('refuses link-local and metadata targets without connecting', async () => {
    await expect(
      client({ baseUrl: 'http://169.254.169.254' }).request({ method: 'GET', path: '/latest/meta-data' }),
    ).rejects.toThrow(OutboundUrlRefusedError);
    await expect(client({ baseUrl: 'http://[fe80::1]:9200' }).request({ method: 'GET', path: '/' })).rejects.toThrow(
      /link-local/,
    );
  });

  describe('logging', () => {
    let logs: LogCapture;
    beforeEach(() => (logs = captureNestLogs()));
    afterEach(() => logs.restore());

    it('logs every call at debug level with the secrets redacted, failures included', async () => {
      const http = client({
        baseUrl: server.url.replace('://', '://urluser:urlpass1@'),
        headers: { 'X-Api-Key': 'header-key-42' },
        retry: { maxRetries: 1, initialDelayMs: 5, maxDelayMs: 10 },
      });
      server.injectFault({
        kind: 'status',
        status: 500,
        body: '{"error":"bad","password":"echoed-pass"}',
        contentType: 'application/json',
      });
      await http.request({
        method: 'PUT',
        path: '/users/1',
        query: { token: 'query-token-7', page: 2 },
        body: { name: 'x', password: 'body-pass-9', nested: { client_secret: 'nested-sec' } },
      });
      const text = logs.text();
      expect(logs.entries.filter((e) => e.level === 'debug').length).toBeGreaterThanOrEqual(2);
      expect(text).toMatch(/PUT http:\/\/127\.0\.0\.1:\d+\/users\/1\?token=\[redacted\]&page=2 .* -> 500/);
      expect(text).toMatch(/-> 200 in \d+ ms/);
      for (const secret of [
        'urlpass1',
        'urluser',
        'header-key-42',
        'query-token-7',
        'body-pass-9',
        'nested-sec',
        'echoed-pass',
      ]) {
        expect(text).not.toContain(secret);
      }
      // The credentials from the URL went out as a Basic header, never in the URL.
      expect(server.requests[0].headers['authorization']).toBe(
        `Basic ${Buffer.from('urluser:urlpass1').toString('base64')}`,
      );
    });

    it('keeps secrets out of error messages', async () => {
      server.setHandler(() => ({ status: 400, body: { error: { type: 'x', reason: 'bad api_key=leaked-key-1' } } }));
      const error = await client()
        .request({ method: 'GET', path: '/q', query: { password: 'p-in-query' } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(String((error as Error).message)).not.toMatch(/leaked-key-1|p-in-query/);
      expect(logs.text()).not.toMatch(/leaked-key-1|p-in-query/);
    });

    it('warns every time a client is built with TLS verification off', () => {
      client({ verifyTls: false });
      client({ verifyTls: false });
      const warnings = logs.entries.filter(
        (e) => e.level === 'warn' && e.message.includes('TLS certificate verification is DISABLED for Test'),
      );
      expect(warnings).toHaveLength(2);
    });
  });
});
