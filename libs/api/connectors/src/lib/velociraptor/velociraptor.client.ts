import { Logger } from '@nestjs/common';
import { CircuitState, type CircuitBreakerPolicy } from 'cockatiel';
import { BadInputError, CircuitOpenError, defaultCircuitBreakers, DomainError, redactText } from '@copilot/api-core';
import { parseApiClientConfig } from './velociraptor.api-config';
import { noResultError, VqlError } from './velociraptor.errors';
import { isObject, parseEndpoint, parseFlow, parseOrg, parseServerInfo, rowsOf } from './velociraptor.parse';
import type { VqlCollectorArgs, VqlResponseMessage } from './velociraptor.proto';
import { VelociraptorTransport } from './velociraptor.transport';
import {
  assertArtifact,
  assertClientId,
  assertEnv,
  assertFlowId,
  assertOrgId,
  assertParameters,
  assertSource,
  assertText,
  FLOW_ID,
  VQL,
} from './velociraptor.vql';
import {
  VELOCIRAPTOR,
  type VelociraptorCollectRequest,
  type VelociraptorCollectResult,
  type VelociraptorFlowDownload,
  type VelociraptorDownloadRequest,
  type VelociraptorFlowResultsRequest,
  type VelociraptorClientsRequest,
  type VelociraptorApiConfig,
  type VelociraptorClientOptions,
  type VelociraptorEndpoint,
  type VelociraptorFlow,
  type VelociraptorOrg,
  type VelociraptorServerInfo,
  type VelociraptorVerifyResult,
  type VqlQueryOptions,
  type VqlRow,
} from './velociraptor.types';

const DEFAULT_TIMEOUT_MS = 30_000;
/** Rows per VQLResponse part asked of the server (its own default). */
const ROWS_PER_PART = 1000;
const MAX_VQL_LENGTH = 64 * 1024;

/**
 * Typed client of Velociraptor's gRPC API (`proto.API/Query`, mutual TLS from the api-client file). Everything is
 * VQL: `query()` streams rows as the server sends them, and the helpers are fixed queries whose inputs travel as
 * env variables. Failures surface as domain errors naming the connector (503 for a server that is down, slow,
 * misconfigured or answering nonsense; 400 for bad input).
 */
/** As the HTTP connectors: open after 5 consecutive failures, try again after 30 s. */
const BREAKER = { failureThreshold: 5, halfOpenAfterMs: 30_000 };

export class VelociraptorClient {
  private readonly transport: VelociraptorTransport;
  private readonly logger = new Logger(`Connector:${VELOCIRAPTOR}`);
  private readonly timeoutMs: number;
  private readonly breaker?: CircuitBreakerPolicy;

  constructor(
    readonly config: VelociraptorApiConfig,
    options: VelociraptorClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.transport = new VelociraptorTransport(config, options.allowLinkLocal ?? false, options.resolver);
    if (options.circuitKey) this.breaker = defaultCircuitBreakers.get(options.circuitKey, BREAKER);
  }

  /** Builds a client from the api-client YAML; throws VelociraptorConfigError (400) for an unusable file. */
  static fromApiClientFile(
    yaml: string,
    options: VelociraptorClientOptions & { url?: string | null } = {},
  ): VelociraptorClient {
    return new VelociraptorClient(parseApiClientConfig(yaml, options.url), options);
  }

  /** host:port of the API server. */
  get address(): string {
    return this.transport.display;
  }

  /**
   * Runs VQL and yields its rows as each response part arrives (nothing is buffered beyond the part being read).
   * Breaking out of the loop cancels the call. The deadline covers the whole stream.
   */
  async *query(vql: string, options: VqlQueryOptions = {}): AsyncGenerator<VqlRow, void, undefined> {
    if (typeof vql !== 'string' || vql.trim() === '' || vql.length > MAX_VQL_LENGTH) {
      throw new BadInputError('vql: must be a non-empty VQL query', [
        { field: 'vql', message: `1 to ${MAX_VQL_LENGTH} characters` },
      ]);
    }
    const env = assertEnv(options.env);
    const orgId = options.orgId === undefined ? '' : assertOrgId(options.orgId);
    const maxRows = options.maxRows;
    if (maxRows !== undefined && (!Number.isSafeInteger(maxRows) || maxRows < 1)) {
      throw new BadInputError('maxRows: must be a positive integer', [
        { field: 'maxRows', message: 'positive integer' },
      ]);
    }
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const deadline = Date.now() + timeoutMs;
    const name = options.name ?? 'copilot';
    const args: VqlCollectorArgs = {
      Query: [{ VQL: vql, Name: name }],
      env,
      max_row: Math.min(maxRows ?? ROWS_PER_PART, ROWS_PER_PART),
      max_wait: 0,
      // The server stops its own work at our deadline too (seconds, rounded up).
      timeout: Math.ceil(timeoutMs / 1000),
      org_id: orgId,
    };
    // Values stay out of the log: only the variable names are shown.
    this.logger.debug(
      `Query "${name}" on ${this.address}${orgId ? ` (org ${orgId})` : ''}: ${redactText(vql.slice(0, 200))}` +
        (env.length ? ` [env: ${env.map((e) => e.key).join(', ')}]` : ''),
    );
    if (this.breaker?.state === CircuitState.Open && !options.probe) {
      throw new CircuitOpenError(VELOCIRAPTOR, `${this.address} failed repeatedly; calls fail fast until it answers again (verify the connector to retry now)`);
    }
    const ctx = { timeoutMs, deadline };
    const call = await this.transport.open(args, deadline).catch(async (err: unknown) => {
      throw this.record(await this.transport.explain(err, ctx));
    });
    const stream = call.stream;
    let yielded = 0;
    let failed = false;
    try {
      for await (const message of stream as AsyncIterable<VqlResponseMessage>) {
        if (message.log) this.serverLog(message.log, options);
        for (const row of rowsOf(message)) {
          yield row;
          yielded += 1;
          if (maxRows !== undefined && yielded >= maxRows) return;
        }
      }
    } catch (err) {
      failed = true;
      throw this.record(await this.transport.explain(err, { ...ctx, foreignContentType: call.foreignContentType() }));
    } finally {
      // Reaching maxRows or the consumer stopping early is a success too.
      if (!failed) this.record();
      // Cancelling a finished call is a no-op; cancelling a running one reports CANCELLED, which nobody awaits.
      stream.on('error', () => undefined);
      stream.cancel();
    }
  }

  /** Collects every row; for small, bounded answers only. */
  async rows(vql: string, options: VqlQueryOptions = {}): Promise<VqlRow[]> {
    const out: VqlRow[] = [];
    for await (const row of this.query(vql, options)) out.push(row);
    return out;
  }

  /**
   * Feeds the outcome of a call to the circuit breaker (a failure only counts when it means the server is
   * unreachable or failing, never bad input or a refused certificate). Returns the error to rethrow.
   */
  private record(): void;
  private record(err: Error): Error;
  private record(err?: Error): Error | void {
    if (!this.breaker) return err;
    void this.breaker.execute(() => (err ? Promise.reject(err) : Promise.resolve())).catch(() => undefined);
    return err;
  }

  /** `SELECT * FROM info()`: the server host. */
  async info(options: Pick<VqlQueryOptions, 'timeoutMs' | 'probe'> = {}): Promise<VelociraptorServerInfo> {
    const logs: string[] = [];
    const [row] = await this.rows(VQL.info, {
      ...options,
      name: 'copilot-info',
      maxRows: 1,
      onLog: (line) => logs.push(line),
    });
    if (!row) throw noResultError('info()', logs);
    return parseServerInfo(row);
  }

  /** Health check for the connector screen; never throws, always explains. */
  async verify(): Promise<VelociraptorVerifyResult> {
    try {
      const info = await this.info({ probe: true });
      const os = [info.platform ?? info.os, info.platformVersion].filter(Boolean).join(' ');
      return {
        ok: true,
        message: `connected to Velociraptor server "${info.hostname}" at ${this.address} as API user "${this.config.name}"${os ? ` (${os})` : ''}`,
      };
    } catch (err) {
      return { ok: false, message: this.describeFailure(err) };
    }
  }

  async orgs(): Promise<VelociraptorOrg[]> {
    return (await this.rows(VQL.orgs, { name: 'copilot-orgs' })).map(parseOrg);
  }

  /** Streams the clients (endpoints) matching a Velociraptor search (default: all). */
  async *clients(request: VelociraptorClientsRequest = {}): AsyncGenerator<VelociraptorEndpoint, void, undefined> {
    const search = request.search === undefined ? 'all' : assertText(request.search, 'search');
    const rows = this.query(VQL.clients, {
      env: { Search: search || 'all' },
      orgId: request.orgId,
      maxRows: request.maxRows,
      name: 'copilot-clients',
    });
    for await (const row of rows) yield parseEndpoint(row);
  }

  /** One client by id, or null when the server does not know it. */
  async client(clientId: string, orgId?: string): Promise<VelociraptorEndpoint | null> {
    const [row] = await this.rows(VQL.client, {
      env: { ClientId: assertClientId(clientId) },
      orgId,
      maxRows: 1,
      name: 'copilot-client',
    });
    return row ? parseEndpoint(row) : null;
  }

  /** Schedules a collection of `artifacts` on a client (`collect_client()`); answers the new flow id. */
  async collect(request: VelociraptorCollectRequest): Promise<VelociraptorCollectResult> {
    const clientId = assertClientId(request.clientId);
    if (!Array.isArray(request.artifacts) || request.artifacts.length === 0 || request.artifacts.length > 100) {
      throw new BadInputError('artifacts: name 1 to 100 artifacts', [
        { field: 'artifacts', message: '1 to 100 artifact names' },
      ]);
    }
    const artifacts = request.artifacts.map((artifact, i) => assertArtifact(artifact, `artifacts[${i}]`));
    const parameters = assertParameters(request.parameters);
    const logs: string[] = [];
    const [row] = await this.rows(VQL.collect, {
      env: { ClientId: clientId, Artifacts: JSON.stringify(artifacts), Parameters: JSON.stringify(parameters) },
      orgId: request.orgId,
      maxRows: 1,
      name: 'copilot-collect',
      onLog: (line) => logs.push(line),
    });
    const flow = row?.['Flow'];
    const flowId = isObject(flow) ? flow['flow_id'] : undefined;
    if (typeof flowId !== 'string' || !FLOW_ID.test(flowId)) throw noResultError('collect_client()', logs);
    this.logger.log(`scheduled ${artifacts.join(', ')} on ${clientId} as flow ${flowId}`);
    return { clientId, flowId, artifacts };
  }

  /** The flows (collections) of a client, newest data as the server orders it. */
  async flows(clientId: string, options: { orgId?: string; maxRows?: number } = {}): Promise<VelociraptorFlow[]> {
    const rows = await this.rows(VQL.flows, {
      env: { ClientId: assertClientId(clientId) },
      orgId: options.orgId,
      maxRows: options.maxRows ?? 1000,
      name: 'copilot-flows',
    });
    return rows.map(parseFlow);
  }

  async flow(clientId: string, flowId: string, orgId?: string): Promise<VelociraptorFlow | null> {
    const env = { ClientId: assertClientId(clientId), FlowId: assertFlowId(flowId) };
    const [row] = await this.rows(VQL.flow, { env, orgId, maxRows: 1, name: 'copilot-flow' });
    return row ? parseFlow(row) : null;
  }

  /** Streams the result rows of one artifact (or artifact source) of a flow (`source()`). */
  flowResults(request: VelociraptorFlowResultsRequest): AsyncGenerator<VqlRow, void, undefined> {
    const env: Record<string, string> = {
      ClientId: assertClientId(request.clientId),
      FlowId: assertFlowId(request.flowId),
      Artifact: assertArtifact(request.artifact),
    };
    if (request.source !== undefined) env['Source'] = assertSource(request.source);
    const vql = request.source === undefined ? VQL.source : VQL.sourceNamed;
    return this.query(vql, { env, orgId: request.orgId, maxRows: request.maxRows, name: 'copilot-flow-results' });
  }

  /** Prepares the flow's export zip on the server (`create_flow_download()`); answers its file store path. */
  async createFlowDownload(request: VelociraptorDownloadRequest): Promise<VelociraptorFlowDownload> {
    const clientId = assertClientId(request.clientId);
    const flowId = assertFlowId(request.flowId);
    const logs: string[] = [];
    const [row] = await this.rows(request.wait === false ? VQL.downloadNoWait : VQL.download, {
      env: { ClientId: clientId, FlowId: flowId },
      orgId: request.orgId,
      maxRows: 1,
      name: 'copilot-flow-download',
      onLog: (line) => logs.push(line),
    });
    const path = row?.['Path'];
    if (typeof path !== 'string' || path === '') throw noResultError('create_flow_download()', logs);
    return { clientId, flowId, path };
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  private serverLog(text: string, options: VqlQueryOptions): void {
    for (const line of text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      this.logger.debug(`server: ${redactText(line.slice(0, 300))}`);
      options.onLog?.(line);
      // api/query.go reports a query it cannot parse as a "VQL Error:" log line and ends the stream.
      const syntax = /VQL Error:\s*(.*)$/.exec(line);
      if (syntax) throw new VqlError(`the server could not parse the query: ${syntax[1]}`);
    }
  }

  private describeFailure(err: unknown): string {
    if (err instanceof DomainError) return err.message;
    // A bug, not a state of the server: keep the stack in the log, give the operator the gist.
    this.logger.error(
      `verify failed unexpectedly: ${redactText(String(err))}`,
      err instanceof Error ? err.stack : undefined,
    );
    return `unexpected error while verifying ${VELOCIRAPTOR}: ${redactText(String(err))}`;
  }
}
