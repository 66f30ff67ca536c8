import { Server, ServerCredentials, status, type ServerWritableStream } from '@grpc/grpc-js';
import {
  issueVelociraptorClientCert,
  createVelociraptorPki,
  type VelociraptorPemPair,
  type VelociraptorTestPki,
} from './velociraptor-pki';
import { fakeVelociraptorService, type CollectorArgsMessage, type ResponseMessage } from './velociraptor-proto';
import { defaultVelociraptorSeed, type Row, type VelociraptorSeed } from './velociraptor-seed';
import { velociraptorApiClientYaml, type ApiClientYamlOptions } from './api-client-yaml';
import { parseVql, VqlSyntaxError } from './vql-parser';
import { runSelect, type FakeVelociraptorRole, type VelociraptorRecordedDownload, type VqlScope } from './vql-runtime';

/** Misbehaviours on demand, each for the next `times` Query calls. */
export type VelociraptorFault =
  | { kind: 'unavailable' }
  | { kind: 'unauthenticated' }
  | { kind: 'permission-denied' }
  /** Waits before the first response (a slow server). */
  | { kind: 'delay'; ms: number }
  /** Never answers; the caller's deadline has to end it. */
  | { kind: 'hang' }
  /** `Response` carries text that is not JSON. */
  | { kind: 'garbage' }
  /** Sends the first part, then fails with UNAVAILABLE (needs an answer of several parts: see `partSize`). */
  | { kind: 'fail-mid-stream' }
  /** Waits `ms` between response parts, to observe streaming. */
  | { kind: 'slow-parts'; ms: number };

/** One Query call as the fake received it (a fake may see everything, env values included). */
export interface VelociraptorRecordedQuery {
  vql: string[];
  names: string[];
  env: Record<string, string>;
  orgId: string;
  maxRow: number;
  maxWait: number;
  timeout: number;
  /** Common name of the client certificate, i.e. the API user. */
  principal: string;
  at: number;
  /** Set when the caller cancelled the call (or its deadline passed) before the fake finished. */
  cancelled: boolean;
}

export interface FakeVelociraptorOptions {
  pki?: VelociraptorTestPki;
  /** API users by certificate common name. Default: the PKI's client is `admin`. */
  users?: Record<string, FakeVelociraptorRole>;
  seed?: VelociraptorSeed;
  /** `Hostname` reported by `info()`. */
  hostname?: string;
}

type QueryCall = ServerWritableStream<CollectorArgsMessage, ResponseMessage>;

const DEFAULT_MAX_ROW = 1000;

/**
 * A fake Velociraptor API server: a real grpc-js server on 127.0.0.1 serving `proto.API/Query` (api/proto/api.proto,
 * v0.77.2) over mutual TLS. Like the real one it requires a client certificate signed by its CA and takes the API
 * user from the certificate's common name; unknown users answer UNKNOWN "User not found", users without query
 * permission PERMISSION_DENIED (api/api.go `Query`). Queries are answered the way api/query.go `streamQuery` does:
 * a "Starting query execution." log message, then each result part as a VQLResponse whose `Response` is a JSON array
 * of at most `max_row` rows, each followed by a log message.
 */
export class FakeVelociraptor {
  readonly pki: VelociraptorTestPki;
  readonly queries: VelociraptorRecordedQuery[] = [];
  readonly downloads: VelociraptorRecordedDownload[] = [];
  readonly store: VelociraptorSeed;
  readonly users: Record<string, FakeVelociraptorRole>;
  /**
   * Largest part the fake sends regardless of the request's `max_row`, standing in for the server's other reasons
   * to cut a part (`max_wait` elapsed, the row buffer full). Default: unlimited.
   */
  partSize = Number.POSITIVE_INFINITY;
  private readonly hostname: string;
  private server?: Server;
  private boundPort = 0;
  private faults: { fault: VelociraptorFault; remaining: number }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(options: FakeVelociraptorOptions = {}) {
    this.pki = options.pki ?? createVelociraptorPki();
    this.users = { ...(options.users ?? { [this.pki.clientName]: 'admin' }) };
    this.store = options.seed ?? defaultVelociraptorSeed();
    this.hostname = options.hostname ?? 'velociraptor-fake';
  }

  static async start(options: FakeVelociraptorOptions = {}): Promise<FakeVelociraptor> {
    return new FakeVelociraptor(options).start();
  }

  async start(): Promise<this> {
    const server = new Server();
    server.addService(fakeVelociraptorService(), { Query: (call: QueryCall) => void this.query(call) });
    const credentials = ServerCredentials.createSsl(
      Buffer.from(this.pki.caPem),
      [{ cert_chain: Buffer.from(this.pki.server.certPem), private_key: Buffer.from(this.pki.server.keyPem) }],
      true,
    );
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', credentials, (err, port) => (err ? reject(err) : resolve(port))),
    );
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server?.forceShutdown();
    this.server = undefined;
  }

  get port(): number {
    if (!this.server) throw new Error('fake Velociraptor is not started');
    return this.boundPort;
  }

  /** `host:port`, the form of `api_connection_string`. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  injectFault(fault: VelociraptorFault, options: { times?: number } = {}): void {
    this.faults.push({ fault, remaining: options.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** A client certificate for another API user (add it to `users` to make it known). */
  issueClientCertificate(name: string): VelociraptorPemPair {
    return issueVelociraptorClientCert(this.pki, name);
  }

  /** An api-client YAML (as `velociraptor config api_client` writes it) for this fake. */
  apiClientYaml(options: ApiClientYamlOptions = {}): string {
    return velociraptorApiClientYaml(this, options);
  }

  private takeFault(): VelociraptorFault | undefined {
    const pending = this.faults[0];
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.faults.shift();
    return pending.fault;
  }

  private sleep(ms: number, call: QueryCall): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
      call.once('cancelled', () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        resolve();
      });
    });
  }

  private fail(call: QueryCall, code: status, details: string): void {
    call.emit('error', Object.assign(new Error(details), { code, details }));
  }

  private async query(call: QueryCall): Promise<void> {
    const args = call.request;
    const principal = String(call.getAuthContext().sslPeerCertificate?.subject?.CN ?? '');
    const record: VelociraptorRecordedQuery = {
      vql: args.Query.map((q) => q.VQL),
      names: args.Query.map((q) => q.Name),
      env: Object.fromEntries(args.env.map((e) => [e.key, e.value])),
      orgId: args.org_id,
      maxRow: args.max_row,
      maxWait: args.max_wait,
      timeout: args.timeout,
      principal,
      at: Date.now(),
      cancelled: false,
    };
    this.queries.push(record);
    call.on('cancelled', () => {
      record.cancelled = true;
    });
    const fault = this.takeFault();
    if (fault?.kind === 'unauthenticated')
      return this.fail(call, status.UNAUTHENTICATED, 'fake: authentication required');
    if (fault?.kind === 'unavailable') return this.fail(call, status.UNAVAILABLE, 'fake: frontend is not ready');
    const role = this.users[principal];
    // services/users/grpc.go GetUserFromContext: a certificate name with no user record is "User not found".
    if (!role) return this.fail(call, status.UNKNOWN, `User not found: ${principal}`);
    if (role === 'none' || fault?.kind === 'permission-denied') {
      return this.fail(
        call,
        status.PERMISSION_DENIED,
        `Permission denied: User ${principal} requires permission ANY_QUERY to run queries`,
      );
    }
    const orgId = args.org_id || 'root';
    if (!this.store.orgs.some((org) => org.OrgId === orgId)) return this.fail(call, status.UNKNOWN, 'Org not found');
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'delay') await this.sleep(fault.ms, call);
    await this.stream(call, { orgId, principal, role, fault });
  }

  private async stream(
    call: QueryCall,
    ctx: { orgId: string; principal: string; role: FakeVelociraptorRole; fault?: VelociraptorFault },
  ): Promise<void> {
    const args = call.request;
    const send = (message: ResponseMessage) => {
      if (!call.cancelled) call.write({ timestamp: Date.now() * 1000, ...message });
    };
    // api/query.go MakeLogger: a log.Logger without prefix or flags, one line per message.
    const log = (line: string) => send({ log: `${line}\n` });
    const maxRow = Math.min(args.max_row > 0 ? args.max_row : DEFAULT_MAX_ROW, this.partSize);
    const scope: VqlScope = {
      env: Object.fromEntries(args.env.map((e) => [e.key, e.value])),
      orgId: ctx.orgId,
      principal: ctx.principal,
      role: ctx.role,
      store: this.store,
      hostname: this.hostname,
      downloads: this.downloads,
      log,
    };
    log('Starting query execution.');
    for (const [queryIndex, query] of args.Query.entries()) {
      let result: { rows: Row[]; columns: string[] };
      try {
        result = runSelect(parseVql(query.VQL), scope);
      } catch (err) {
        if (!(err instanceof VqlSyntaxError)) throw err;
        log(`VQL Error: ${err.message}.`);
        break;
      }
      for (let part = 0, offset = 0; offset < result.rows.length; part += 1, offset += maxRow) {
        if (part > 0 && ctx.fault?.kind === 'fail-mid-stream') {
          return this.fail(call, status.UNAVAILABLE, 'fake: connection to the datastore lost');
        }
        if (part > 0 && ctx.fault?.kind === 'slow-parts') await this.sleep(ctx.fault.ms, call);
        if (call.cancelled) return;
        const rows = result.rows.slice(offset, offset + maxRow);
        send({
          Response: ctx.fault?.kind === 'garbage' ? '[{"Hostname": "velo' + '\u0000<<garbage' : JSON.stringify(rows),
          Columns: result.columns,
          Query: query,
          query_id: queryIndex,
          part,
        });
        log(
          `Time 0: ${query.Name}: Sending response part ${part} ${JSON.stringify(rows).length} B (${rows.length} rows).`,
        );
      }
    }
    if (!call.cancelled) call.end();
  }
}
