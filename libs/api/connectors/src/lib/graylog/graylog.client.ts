import {
  BadInputError,
  bodyExcerpt,
  defaultOutboundFactory,
  NotFoundError,
  type OutboundClientFactory,
  type OutboundHttp,
  type OutboundRequest,
} from '@copilot/api-core';
import { isObject } from './graylog.fields';
import {
  parseIndexSets,
  parseInputs,
  parseInputStates,
  parseJournal,
  parsePipelineRules,
  parsePipelines,
  parseRoles,
  parseSessionUser,
  parseStreams,
  parseSystem,
} from './graylog.parse';
import {
  parseEventDefinitions,
  parseEventSearch,
  parseMultipleMetrics,
  parseNotifications,
  parseSingleMetric,
} from './graylog.parse-events';
import { eventSearchBody, pageQuery, pathId } from './graylog.requests';
import { verifyGraylog } from './graylog.verify';
import {
  GRAYLOG,
  type GraylogConfig,
  type GraylogEventDefinition,
  type GraylogEventSearchRequest,
  type GraylogEventSearchResult,
  type GraylogIndexSetList,
  type GraylogInput,
  type GraylogInputState,
  type GraylogJournal,
  type GraylogMetric,
  type GraylogNotification,
  type GraylogPage,
  type GraylogPageRequest,
  type GraylogPipeline,
  type GraylogPipelineRule,
  type GraylogRole,
  type GraylogStream,
  type GraylogSystem,
  type GraylogVerifyResult,
} from './graylog.types';

/** How the client authenticates; a token is never used as a user name in a URL or a message. */
export type GraylogAuth = { kind: 'password'; username: string } | { kind: 'token' };

/**
 * Typed client of the Graylog 6.x REST API (HTTP Basic with a password or an access token), built on the
 * outbound helper. Every request carries `X-Requested-By: CoPilot`, without which Graylog refuses any
 * state-changing call. Failures surface as domain errors naming the connector: 503 for a Graylog that is down,
 * slow, misconfigured or answering nonsense; 400/404 for a request Graylog refuses for the caller's input.
 */
export class GraylogClient {
  readonly auth: GraylogAuth;
  private readonly http: OutboundHttp;

  constructor(config: GraylogConfig, outbound: OutboundClientFactory = defaultOutboundFactory) {
    const token = config.token ?? (config.password === 'token' ? config.username : undefined);
    this.auth = token !== undefined ? { kind: 'token' } : { kind: 'password', username: config.username ?? '' };
    const credentials = token !== undefined ? `${token}:token` : `${config.username ?? ''}:${config.password ?? ''}`;
    this.http = outbound.create({
      connector: GRAYLOG,
      // Operators paste either the node URL or its API URL; every path below starts with /api.
      baseUrl: config.url.replace(/\/api\/?$/, ''),
      circuitKey: config.circuitKey,
      timeoutMs: config.timeoutMs,
      verifyTls: config.verifyTls,
      caPem: config.caPem,
      allowLinkLocal: config.allowLinkLocal,
      headers: {
        authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
        'x-requested-by': 'CoPilot',
      },
    });
  }

  /** `GET /api/system`: version (odd strings kept, never rejected), cluster and node ids, lifecycle. */
  async system(options: { probe?: boolean } = {}): Promise<GraylogSystem> {
    return parseSystem(await this.json({ method: 'GET', path: '/api/system', probe: options.probe }));
  }

  /** The user the credentials belong to (for a token, as Graylog's session check reports it). */
  async currentUsername(): Promise<string | null> {
    if (this.auth.kind === 'password') return this.auth.username;
    return parseSessionUser(await this.json({ method: 'GET', path: '/api/system/sessions' }));
  }

  /** `GET /api/authz/roles/user/{username}`: the roles granted to a user. */
  async rolesOf(username: string): Promise<GraylogRole[]> {
    const path = `/api/authz/roles/user/${encodeURIComponent(username)}`;
    const body = await this.json({ method: 'GET', path, query: { page: 1, per_page: 100 } });
    return parseRoles(body, 'GET /api/authz/roles/user/{username}');
  }

  async inputs(): Promise<GraylogInput[]> {
    return parseInputs(await this.json({ method: 'GET', path: '/api/system/inputs' }));
  }

  /** Run state of each input on the node answering (`RUNNING`, `FAILED`, ...). */
  async inputStates(): Promise<GraylogInputState[]> {
    return parseInputStates(await this.json({ method: 'GET', path: '/api/system/inputstates' }));
  }

  async indexSets(options: { skip?: number; limit?: number; stats?: boolean } = {}): Promise<GraylogIndexSetList> {
    const query = { skip: options.skip ?? 0, limit: options.limit ?? 0, stats: options.stats ?? false };
    return parseIndexSets(await this.json({ method: 'GET', path: '/api/system/indices/index_sets', query }));
  }

  async streams(): Promise<GraylogStream[]> {
    return parseStreams(await this.json({ method: 'GET', path: '/api/streams' }));
  }

  /** Stops routing messages into a stream. NotFoundError for an unknown id, BadInputError for a system stream. */
  async pauseStream(streamId: string): Promise<void> {
    await this.changeStreamState(streamId, 'pause');
  }

  async resumeStream(streamId: string): Promise<void> {
    await this.changeStreamState(streamId, 'resume');
  }

  async pipelines(): Promise<GraylogPipeline[]> {
    return parsePipelines(await this.json({ method: 'GET', path: '/api/system/pipelines/pipeline' }));
  }

  async pipelineRules(): Promise<GraylogPipelineRule[]> {
    return parsePipelineRules(await this.json({ method: 'GET', path: '/api/system/pipelines/rule' }));
  }

  async eventDefinitions(request: GraylogPageRequest = {}): Promise<GraylogPage<GraylogEventDefinition>> {
    const query = pageQuery(request);
    return parseEventDefinitions(await this.json({ method: 'GET', path: '/api/events/definitions', query }));
  }

  async notifications(request: GraylogPageRequest = {}): Promise<GraylogPage<GraylogNotification>> {
    const query = pageQuery(request);
    return parseNotifications(await this.json({ method: 'GET', path: '/api/events/notifications', query }));
  }

  /** `POST /api/events/search` over a relative time range; a search only reads, so it is retried like a GET. */
  async searchEvents(request: GraylogEventSearchRequest = {}): Promise<GraylogEventSearchResult> {
    const body = eventSearchBody(request);
    return parseEventSearch(await this.json({ method: 'POST', path: '/api/events/search', body, idempotent: true }));
  }

  /** One metric by its full name, e.g. `org.graylog2.throughput.input.1-sec-interval`; null when unknown. */
  async metric(name: string): Promise<GraylogMetric | null> {
    if (name.trim() === '' || name.includes('/'))
      throw new BadInputError('invalid Graylog metric name', [
        { field: 'metricName', message: 'must be a dotted metric name' },
      ]);
    const response = await this.http.request({
      method: 'GET',
      path: `/api/system/metrics/${encodeURIComponent(name)}`,
      acceptStatuses: [404],
    });
    return response.status === 404 ? null : parseSingleMetric(name, response.json<unknown>());
  }

  /** Several metrics in one call; names Graylog does not know are simply absent from the answer. */
  async metrics(names: string[]): Promise<GraylogMetric[]> {
    if (names.length === 0) return [];
    const body = await this.json({
      method: 'POST',
      path: '/api/system/metrics/multiple',
      body: { metrics: names },
      idempotent: true,
    });
    return parseMultipleMetrics(body);
  }

  /** The disk journal of the node answering: backlog of unprocessed messages and its limits. */
  async journal(): Promise<GraylogJournal> {
    return parseJournal(await this.json({ method: 'GET', path: '/api/system/journal' }));
  }

  /** Health check for the connector screen; never throws, always explains. */
  verify(): Promise<GraylogVerifyResult> {
    return verifyGraylog(this);
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async json(request: OutboundRequest): Promise<unknown> {
    return (await this.http.request(request)).json<unknown>();
  }

  private async changeStreamState(streamId: string, action: 'pause' | 'resume'): Promise<void> {
    const path = `/api/streams/${pathId('streamId', streamId)}/${action}`;
    // Pausing twice leaves the stream paused, so a retry after a lost answer is harmless.
    const response = await this.http.request({ method: 'POST', path, idempotent: true, acceptStatuses: [400, 404] });
    if (response.status === 404) throw new NotFoundError(`${GRAYLOG} has no stream ${streamId}`);
    if (response.status === 400) {
      throw new BadInputError(
        `${GRAYLOG} refused to ${action} stream ${streamId}: ${graylogMessage(response.text())}`,
        [{ field: 'streamId', message: graylogMessage(response.text()) }],
      );
    }
  }
}

/** The `message` of Graylog's ApiError body, else the start of the raw text; redacted, on one line. */
function graylogMessage(text: string): string {
  let message = text;
  try {
    const body: unknown = JSON.parse(text);
    if (isObject(body) && typeof body['message'] === 'string') message = body['message'];
  } catch {
    // not JSON: fall back to the text itself
  }
  return bodyExcerpt(message, 200) || '(empty answer)';
}
