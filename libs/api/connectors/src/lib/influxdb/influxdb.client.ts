import { Logger } from '@nestjs/common';
import {
  BadInputError,
  bodyExcerpt,
  defaultOutboundFactory,
  DomainError,
  redactText,
  ServiceUnavailableError,
  UpstreamAuthError,
  UpstreamFormatError,
  type OutboundClientFactory,
  type OutboundHttp,
  type OutboundResponse,
} from '@copilot/api-core';
import { parseVersion } from '../wazuh-indexer/wazuh-indexer.parse';
import { parseFluxCsv } from './flux-csv';
import { FluxFragment } from './flux';
import { influxError, parseCheck, parseChecks, parseOrganizations } from './influxdb.parse';
import {
  INFLUXDB,
  type FluxResult,
  type InfluxCheck,
  type InfluxDBConfig,
  type InfluxOrganization,
  type InfluxPing,
  type VerifyResult,
} from './influxdb.types';

/**
 * Query dialect asking for all three annotations. Only the JSON request body can carry a dialect: for a raw
 * `application/vnd.flux` body InfluxDB applies its defaults, which include no annotations, so every value would come
 * back as untyped text (influxdb http/query.go, QueryRequest.WithDefaults).
 */
const DIALECT = {
  header: true,
  delimiter: ',',
  commentPrefix: '#',
  dateTimeFormat: 'RFC3339',
  annotations: ['datatype', 'group', 'default'],
};

const INFLUX_ID = /^[0-9a-f]{16}$/;

export interface QueryOptions {
  /** Organization name or id; default the connector's INFLUXDB_ORG. */
  org?: string;
  /** Deadline of this query; default the client's. */
  timeoutMs?: number;
}

/**
 * Typed client of the InfluxDB 2.x HTTP API v2 (token auth) on the outbound helper: ping, organizations, Flux queries
 * read from annotated CSV, and checks. Build Flux from user input with the `flux` tag or `fluxString` (flux.ts).
 */
export class InfluxDBClient {
  readonly org: string | null;
  readonly bucket: string | null;
  private readonly http: OutboundHttp;
  private readonly logger = new Logger(`Connector:${INFLUXDB}`);
  private orgIdCache: { org: string; id: string } | null = null;

  constructor(config: InfluxDBConfig, outbound: OutboundClientFactory = defaultOutboundFactory) {
    // Tokens are often pasted from a file with a trailing newline; a control character inside one cannot be sent.
    const token = config.token.trim();
    if ([...token].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
      throw new BadInputError('API key must not contain control characters', [{ field: 'apiKey', message: 'invalid' }]);
    }
    this.org = config.org?.trim() || null;
    this.bucket = config.bucket?.trim() || null;
    this.http = outbound.create({
      connector: INFLUXDB,
      baseUrl: config.url,
      circuitKey: config.circuitKey,
      timeoutMs: config.timeoutMs,
      verifyTls: config.verifyTls,
      caPem: config.caPem,
      allowLinkLocal: config.allowLinkLocal,
      headers: { authorization: `Token ${token}` },
    });
  }

  /** `GET /ping`: 204 with `X-Influxdb-Version` (absent on InfluxDB Cloud); odd version strings are kept. */
  async ping(probe = false): Promise<InfluxPing> {
    const response = await this.http.request({ method: 'GET', path: '/ping', probe });
    if (response.contentType === 'text/html') {
      throw new UpstreamFormatError(
        INFLUXDB,
        `expected InfluxDB's answer to GET /ping, got an HTML page (a proxy or login page?): ${bodyExcerpt(response.text())}`,
      );
    }
    const header = (name: string) => {
      const value = response.headers[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    };
    const version = header('x-influxdb-version');
    return { version: version === null ? null : parseVersion(version), build: header('x-influxdb-build') };
  }

  /** Organizations the token can see, or the one named; [] when that one does not exist. */
  async organizations(name?: string, probe = false): Promise<InfluxOrganization[]> {
    const response = await this.http.request({
      method: 'GET',
      path: '/api/v2/orgs',
      query: { org: name },
      acceptStatuses: name === undefined ? [] : [404],
      probe,
    });
    return response.status === 404 ? [] : parseOrganizations(response.json<unknown>());
  }

  /** Health check for the connector screen: ping, then an authenticated read of the configured organization. */
  async verify(): Promise<VerifyResult> {
    let ping: InfluxPing;
    try {
      ping = await this.ping(true);
    } catch (err) {
      return { ok: false, message: this.describeFailure(err) };
    }
    const server = `InfluxDB ${ping.version?.raw ?? '(version not reported)'}`;
    try {
      if (!this.org) {
        await this.organizations(undefined, true);
        return {
          ok: false,
          message: `${server} is up and the token was accepted, but no organization is set: set INFLUXDB_ORG`,
        };
      }
      const [org] = await this.organizations(this.org, true);
      if (!org) {
        return {
          ok: false,
          message: `${server} is up and the token was accepted, but organization "${this.org}" does not exist or the token may not read it (check INFLUXDB_ORG)`,
        };
      }
      return { ok: true, message: `connected to ${server}; organization "${org.name}" (id ${org.id}) found` };
    } catch (err) {
      if (err instanceof UpstreamAuthError) {
        return {
          ok: false,
          message:
            err.upstreamStatus === 401
              ? `${server} is up but the API token was refused (HTTP 401): set a valid API key`
              : `${server} is up but the token may not read organizations (HTTP 403): grant it read access to orgs`,
        };
      }
      return { ok: false, message: this.describeFailure(err) };
    }
  }

  /**
   * Runs a Flux script (`POST /api/v2/query`) and reads the annotated CSV into typed tables. A script InfluxDB rejects
   * is bad input; a failure while running is a FluxQueryError. Pass a FluxFragment built with `flux` for user input.
   */
  async query(script: string | FluxFragment, options: QueryOptions = {}): Promise<FluxResult> {
    const text = script instanceof FluxFragment ? script.text : script;
    if (typeof text !== 'string' || text.trim() === '') {
      throw new BadInputError('the Flux query is empty', [{ field: 'query', message: 'required' }]);
    }
    const org = options.org ?? this.requireOrg();
    const response = await this.http.request({
      method: 'POST',
      path: '/api/v2/query',
      query: { org },
      headers: { accept: 'application/csv', 'content-type': 'application/json' },
      body: { query: text, type: 'flux', dialect: DIALECT },
      // Reads are safe to repeat; a script that writes with to() writes the same points again, which is harmless.
      idempotent: true,
      acceptStatuses: [400, 404],
      timeoutMs: options.timeoutMs,
    });
    if (response.status === 400 || response.status === 404) this.throwQueryRefusal(response, org);
    if (!['text/csv', 'application/csv'].includes(response.contentType)) {
      throw new UpstreamFormatError(
        INFLUXDB,
        `expected CSV from ${INFLUXDB}, got ${response.contentType || 'no content type'}: ${bodyExcerpt(response.text())}`,
      );
    }
    return parseFluxCsv(response.text());
  }

  /** Checks of an organization (`GET /api/v2/checks?orgID=`); default the configured one. */
  async listChecks(options: { orgID?: string; limit?: number; offset?: number } = {}): Promise<InfluxCheck[]> {
    const orgID = options.orgID ?? (await this.orgId());
    if (!INFLUX_ID.test(orgID))
      throw new BadInputError('orgID must be 16 hex characters', [{ field: 'orgID', message: 'invalid' }]);
    const body = await this.http.requestJson<unknown>({
      method: 'GET',
      path: '/api/v2/checks',
      query: { orgID, limit: options.limit ?? 100, offset: options.offset ?? 0 },
    });
    return parseChecks(body);
  }

  /** One check, or null when it does not exist. */
  async getCheck(id: string): Promise<InfluxCheck | null> {
    if (typeof id !== 'string' || !INFLUX_ID.test(id)) {
      throw new BadInputError('check id must be 16 hex characters', [{ field: 'id', message: 'invalid' }]);
    }
    const response = await this.http.request({ method: 'GET', path: `/api/v2/checks/${id}`, acceptStatuses: [404] });
    return response.status === 404 ? null : parseCheck(response.json<unknown>(), `GET /api/v2/checks/${id}`);
  }

  /** Id of the configured organization (looked up once by name). */
  async orgId(): Promise<string> {
    const org = this.requireOrg();
    if (INFLUX_ID.test(org)) return org;
    if (this.orgIdCache?.org === org) return this.orgIdCache.id;
    const [found] = await this.organizations(org);
    if (!found)
      throw new ServiceUnavailableError(INFLUXDB, `organization "${org}" does not exist (check INFLUXDB_ORG)`);
    this.orgIdCache = { org, id: found.id };
    return found.id;
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private requireOrg(): string {
    if (!this.org) throw new ServiceUnavailableError(INFLUXDB, 'no organization is set: set INFLUXDB_ORG');
    return this.org;
  }

  private throwQueryRefusal(response: OutboundResponse, org: string): never {
    const { code, message } = influxError(response.text());
    if (response.status === 404 && /^organization\b/.test(message)) {
      throw new ServiceUnavailableError(INFLUXDB, `organization "${org}" does not exist (check INFLUXDB_ORG)`);
    }
    throw new BadInputError(`${INFLUXDB} rejected the Flux query (${code}): ${message}`, [{ field: 'query', message }]);
  }

  private describeFailure(err: unknown): string {
    if (err instanceof UpstreamAuthError) {
      // /ping needs no token, so a refusal there comes from something in front of InfluxDB.
      return `${INFLUXDB} answered GET /ping with HTTP ${err.upstreamStatus}: a proxy in front of it may require other credentials`;
    }
    if (err instanceof DomainError) return err.message;
    this.logger.error(
      `verify failed unexpectedly: ${redactText(String(err))}`,
      err instanceof Error ? err.stack : undefined,
    );
    return `unexpected error while verifying ${INFLUXDB}: ${redactText(String(err))}`;
  }
}
