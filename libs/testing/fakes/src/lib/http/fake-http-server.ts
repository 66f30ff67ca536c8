import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createTestPki, type TestPki } from '../tls/test-pki';

/** One request as the fake received it; `headers` are raw (a fake is allowed to see the credentials sent). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object or array is sent as JSON; a string or Buffer as is. */
  body?: unknown;
}

/** Misbehaviours a fake can be told to show, to test how clients cope with a vendor having a bad day. */
export type FakeFault =
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  | { kind: 'html' }
  | { kind: 'garbage' }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'unauthorized' };

export interface FaultOptions {
  /** How many matching requests show the fault. Default 1. */
  times?: number;
  /** Only requests whose path matches (exact string or RegExp). */
  path?: string | RegExp;
}

export interface FakeServerOptions {
  /** true: serve HTTPS with a freshly generated PKI; a TestPki: serve with that one; false/absent: plain HTTP. */
  tls?: boolean | TestPki;
}

interface PendingFault {
  fault: FakeFault;
  remaining: number;
  path?: string | RegExp;
}

/**
 * Base of every fake vendor: a real HTTP(S) server on 127.0.0.1 with a random port, which records requests and
 * can fail on demand. Subclasses implement `handle` with the vendor's documented protocol.
 */
export abstract class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  readonly pki?: TestPki;
  private server?: Server;
  private faults: PendingFault[] = [];
  private latencyMs = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(options: FakeServerOptions = {}) {
    if (options.tls === true) this.pki = createTestPki();
    else if (options.tls) this.pki = options.tls;
  }

  /** Base URL, e.g. `https://127.0.0.1:40123`. */
  get url(): string {
    return `${this.pki ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  get port(): number {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('fake server is not started');
    return address.port;
  }

  /** The CA that signed the server certificate (undefined for plain HTTP). */
  get caPem(): string | undefined {
    return this.pki?.caPem;
  }

  async start(): Promise<this> {
    const listener = (req: IncomingMessage, res: ServerResponse) => void this.dispatch(req, res);
    this.server = this.pki
      ? createHttpsServer({ cert: this.pki.certPem, key: this.pki.keyPem }, listener)
      : createHttpServer(listener);
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return this;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    this.server = undefined;
  }

  /** Makes the next matching request(s) misbehave. */
  injectFault(fault: FakeFault, options: FaultOptions = {}): void {
    this.faults.push({ fault, remaining: options.times ?? 1, path: options.path });
  }

  /** The next `count` requests answer `status` (default 503). */
  failNext(count: number, status = 503): void {
    this.injectFault({ kind: 'status', status }, { times: count });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Delay added to every answer from now on (0 to stop). */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  protected abstract handle(req: RecordedRequest): Promise<FakeResponse> | FakeResponse;

  /** What the vendor answers to missing or wrong credentials. */
  protected unauthorized(): FakeResponse {
    return {
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="fake"', 'content-type': 'text/plain' },
      body: 'Unauthorized',
    };
  }

  protected sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private takeFault(path: string): FakeFault | undefined {
    const index = this.faults.findIndex(
      (f) => f.path === undefined || (typeof f.path === 'string' ? f.path === path : f.path.test(path)),
    );
    if (index < 0) return undefined;
    const pending = this.faults[index];
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.faults.splice(index, 1);
    return pending.fault;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams.entries()),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
    };
    this.requests.push(recorded);
    try {
      if (this.latencyMs > 0) await this.sleep(this.latencyMs);
      const fault = this.takeFault(recorded.path);
      if (fault?.kind === 'delay') await this.sleep(fault.ms);
      if (fault?.kind === 'hang') return; // never answered; stop() closes the socket
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      const response =
        fault && fault.kind !== 'delay' ? faultResponse(fault, this.unauthorized()) : await this.handle(recorded);
      send(res, recorded.method, response);
    } catch (err) {
      send(res, recorded.method, { status: 500, body: { error: `fake server bug: ${String(err)}` } });
    }
  }
}

function faultResponse(
  fault: Exclude<FakeFault, { kind: 'delay' | 'hang' | 'reset' }>,
  unauthorized: FakeResponse,
): FakeResponse {
  switch (fault.kind) {
    case 'status':
      return {
        status: fault.status,
        headers: { 'content-type': fault.contentType ?? 'text/plain' },
        body: fault.body ?? `fake failure ${fault.status}`,
      };
    case 'html':
      // What a reverse proxy's login or error page looks like to an API client.
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form method="post"></form></body></html>',
      };
    case 'garbage':
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"cluster_name":"x","status":gre\u0000\u0013',
      };
    case 'unauthorized':
      return unauthorized;
  }
}

function send(res: ServerResponse, method: string, response: FakeResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  let payload: Buffer;
  if (response.body === undefined) payload = Buffer.alloc(0);
  else if (Buffer.isBuffer(response.body)) payload = response.body;
  else if (typeof response.body === 'string') payload = Buffer.from(response.body);
  else {
    payload = Buffer.from(JSON.stringify(response.body));
    headers['content-type'] ??= 'application/json; charset=UTF-8';
  }
  headers['content-length'] = String(payload.length);
  res.writeHead(response.status, headers);
  res.end(method === 'HEAD' ? undefined : payload);
}
