import { Logger } from '@nestjs/common';
import {
  BadInputError,
  ConflictError,
  defaultOutboundFactory,
  DomainError,
  NotFoundError,
  redactText,
  UpstreamAuthError,
  type OutboundClientFactory,
  type OutboundHttp,
  type OutboundRequest,
  type OutboundResponse,
} from '@copilot/api-core';
import {
  assertId,
  assertStackName,
  normaliseEnv,
  parseEndpoint,
  parseEndpoints,
  parseStack,
  parseStacks,
  parseStatus,
  portainerReason,
} from './portainer.parse';
import { PortainerSession } from './portainer.session';
import {
  PORTAINER,
  type PortainerConfig,
  type PortainerCreateStackRequest,
  type PortainerEndpoint,
  type PortainerStack,
  type PortainerStatus,
  type VerifyResult,
} from './portainer.types';

/**
 * Typed client of the Portainer 2.x REST API, built on the outbound helper. Authenticates with an access token
 * (`X-API-Key`) when one is configured, else with a cached login session (JWT). Vendor answers map to domain
 * errors: 404 → NotFoundError, 409 / "already active" → ConflictError, other 400 → BadInputError, the rest 503.
 */
export class PortainerClient {
  private readonly http: OutboundHttp;
  private readonly session: PortainerSession | null;
  private readonly endpointId?: number;
  private readonly logger = new Logger(`Connector:${PORTAINER}`);

  constructor(config: PortainerConfig, outbound: OutboundClientFactory = defaultOutboundFactory) {
    this.http = outbound.create({
      connector: PORTAINER,
      baseUrl: config.url.replace(/\/+$/, '').replace(/\/api$/i, ''),
      circuitKey: config.circuitKey,
      timeoutMs: config.timeoutMs,
      verifyTls: config.verifyTls,
      caPem: config.caPem,
      allowLinkLocal: config.allowLinkLocal,
      headers: config.apiKey ? { 'x-api-key': config.apiKey } : {},
    });
    this.session = config.apiKey
      ? null
      : new PortainerSession(this.http, config.username ?? '', config.password ?? '', config.refreshSkewMs);
    this.endpointId = config.endpointId;
  }

  /** Login (or access token) + `GET /api/endpoints`, and the configured environment exists. Never throws. */
  async verify(): Promise<VerifyResult> {
    try {
      const endpoints = await this.endpoints(true);
      const version = await this.status().then(
        (s) => ` ${s.version.raw}`,
        () => '',
      );
      const who = this.session ? 'logged in' : 'access token accepted';
      const count = `${endpoints.length} environment${endpoints.length === 1 ? '' : 's'}`;
      if (this.endpointId === undefined)
        return { ok: true, message: `connected to Portainer${version}: ${who}, ${count}` };
      const target = endpoints.find((e) => e.id === this.endpointId);
      if (!target) {
        const known = endpoints.map((e) => `${e.id} "${e.name}"`).join(', ') || 'none';
        return {
          ok: false,
          message: `${PORTAINER}: environment ${this.endpointId} (PORTAINER_ENDPOINT_ID) does not exist or is not visible to this user; known: ${known}`,
        };
      }
      const note = target.status === 'down' ? '; stack calls to it fail until it is back up' : '';
      return {
        ok: true,
        message: `connected to Portainer${version}: ${who}, ${count}; environment ${target.id} "${target.name}" is ${target.status}${note}`,
      };
    } catch (err) {
      return { ok: false, message: this.describeFailure(err) };
    }
  }

  /** `GET /api/system/status` (public): version, which may be any string; it is parsed, never rejected. */
  async status(): Promise<PortainerStatus> {
    return parseStatus((await this.http.request({ method: 'GET', path: '/api/system/status' })).json<unknown>());
  }

  async endpoints(probe = false): Promise<PortainerEndpoint[]> {
    const response = await this.call({
      method: 'GET',
      path: '/api/endpoints',
      query: { excludeSnapshots: true },
      probe,
    });
    return parseEndpoints(response.json<unknown>());
  }

  /** The environment, or null when Portainer does not know it. */
  async endpoint(id: number): Promise<PortainerEndpoint | null> {
    const response = await this.call({
      method: 'GET',
      path: `/api/endpoints/${assertId('endpointId', id)}`,
      acceptStatuses: [404],
    });
    if (response.status === 404) return null;
    const body = response.json<unknown>();
    return body && typeof body === 'object' && !Array.isArray(body)
      ? parseEndpoint(body as Record<string, unknown>)
      : null;
  }

  /** `GET /api/stacks`, optionally only those of one environment. */
  async stacks(filter: { endpointId?: number } = {}): Promise<PortainerStack[]> {
    const filters =
      filter.endpointId === undefined
        ? undefined
        : JSON.stringify({ EndpointID: assertId('endpointId', filter.endpointId) });
    const response = await this.call({ method: 'GET', path: '/api/stacks', query: { filters } });
    return parseStacks(response.status === 204 || response.text().trim() === '' ? undefined : response.json<unknown>());
  }

  /** The stack, or null when it does not exist. */
  async stack(id: number): Promise<PortainerStack | null> {
    const path = `/api/stacks/${assertId('stackId', id)}`;
    const response = await this.call({ method: 'GET', path, acceptStatuses: [404] });
    return response.status === 404 ? null : parseStack(response.json<unknown>(), `GET ${path}`);
  }

  /** `POST /api/stacks/create/standalone/string` (Portainer 2.19+; the older `POST /api/stacks?type=2` is deprecated). */
  async createStack(request: PortainerCreateStackRequest): Promise<PortainerStack> {
    const name = assertStackName(request.name);
    if (typeof request.composeFile !== 'string' || request.composeFile.trim() === '') {
      throw new BadInputError('composeFile must not be empty', [{ field: 'composeFile', message: 'required' }]);
    }
    const path = '/api/stacks/create/standalone/string';
    const body = {
      name,
      stackFileContent: request.composeFile,
      env: normaliseEnv(request.env),
      fromAppTemplate: false,
    };
    const response = await this.stackCall(
      { method: 'POST', path, query: { endpointId: this.endpointFor(request.endpointId) }, body },
      name,
    );
    return parseStack(response.json<unknown>(), `POST ${path}`);
  }

  async startStack(id: number, endpointId?: number): Promise<PortainerStack> {
    return this.startStop(id, 'start', endpointId);
  }

  async stopStack(id: number, endpointId?: number): Promise<PortainerStack> {
    return this.startStop(id, 'stop', endpointId);
  }

  /** Removes the stack and its containers; false when Portainer did not know it. */
  async deleteStack(id: number, endpointId?: number): Promise<boolean> {
    const stackId = assertId('stackId', id);
    const request: OutboundRequest = {
      method: 'DELETE',
      path: `/api/stacks/${stackId}`,
      query: { endpointId: this.endpointFor(endpointId) },
    };
    try {
      await this.stackCall(request, `stack ${stackId}`);
      return true;
    } catch (err) {
      // stack_delete.go answers 404 for a missing stack and for a missing environment alike; only its message
      // tells them apart, and only the former means "already gone".
      if (err instanceof NotFoundError && err.message.includes('Unable to find a stack')) return false;
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async startStop(id: number, action: 'start' | 'stop', endpointId?: number): Promise<PortainerStack> {
    const stackId = assertId('stackId', id);
    const path = `/api/stacks/${stackId}/${action}`;
    // Starting or stopping twice ends in the same state, so a retry after a lost answer is harmless.
    const request: OutboundRequest = {
      method: 'POST',
      path,
      query: { endpointId: this.endpointFor(endpointId) },
      idempotent: true,
    };
    return parseStack((await this.stackCall(request, `stack ${stackId}`)).json<unknown>(), `POST ${path}`);
  }

  private endpointFor(endpointId?: number): number {
    const id = endpointId ?? this.endpointId;
    if (id === undefined) {
      throw new BadInputError('no environment given: pass endpointId or set PORTAINER_ENDPOINT_ID on the connector', [
        { field: 'endpointId', message: 'required' },
      ]);
    }
    return assertId('endpointId', id);
  }

  /** A stack call whose 400/404/409 answers are the caller's business, not an outage. */
  private async stackCall(request: OutboundRequest, subject: string): Promise<OutboundResponse> {
    const response = await this.call({ ...request, acceptStatuses: [400, 404, 409] });
    if (response.status < 400) return response;
    let body: unknown;
    try {
      body = JSON.parse(response.text()) as unknown;
    } catch {
      body = undefined;
    }
    const reason = portainerReason(body);
    if (response.status === 404) throw new NotFoundError(`${PORTAINER}: ${subject}: ${reason}`);
    if (response.status === 409 || /already (active|inactive)/i.test(reason)) {
      throw new ConflictError(`${PORTAINER}: ${subject}: ${reason}`);
    }
    throw new BadInputError(`${PORTAINER}: ${subject}: ${reason}`);
  }

  /**
   * Sends one authenticated call. With a session, a 401 means the cached token died early (revoked sessions, a
   * restarted server); it is replaced by one fresh login and the call sent once more. A 401 rejects the request
   * before Portainer acts on it, so even a create is safe to send again.
   */
  private async call(request: OutboundRequest): Promise<OutboundResponse> {
    if (!this.session) return this.http.request(request);
    const jwt = await this.session.token(request.probe);
    try {
      return await this.http.request({ ...request, headers: { ...request.headers, authorization: `Bearer ${jwt}` } });
    } catch (err) {
      if (!(err instanceof UpstreamAuthError) || err.upstreamStatus !== 401) throw err;
      this.session.invalidate(jwt);
      const fresh = await this.session.token(request.probe);
      return this.http.request({ ...request, headers: { ...request.headers, authorization: `Bearer ${fresh}` } });
    }
  }

  private describeFailure(err: unknown): string {
    if (err instanceof UpstreamAuthError) {
      if (err.upstreamStatus === 422)
        return `wrong credentials: ${PORTAINER} rejected the username or password (HTTP 422)`;
      if (err.upstreamStatus === 401) {
        return this.session
          ? `wrong credentials: ${PORTAINER} refused the session token right after login (HTTP 401)`
          : `wrong credentials: ${PORTAINER} rejected the access token (HTTP 401)`;
      }
      return `${PORTAINER} user may not list environments (HTTP 403); give it access to the environment`;
    }
    if (err instanceof DomainError) return err.message;
    this.logger.error(
      `verify failed unexpectedly: ${redactText(String(err))}`,
      err instanceof Error ? err.stack : undefined,
    );
    return `unexpected error while verifying ${PORTAINER}: ${redactText(String(err))}`;
  }
}
