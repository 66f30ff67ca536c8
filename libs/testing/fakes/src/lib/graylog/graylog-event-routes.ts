import type { RecordedRequest } from '../http/fake-http-server';
import {
  apiError,
  jsonBody,
  matchesQuery,
  ok,
  paginated,
  type FakeGraylogState,
  type GraylogRoute,
  type GraylogRouteHandler,
  type Json,
} from './graylog-state';

/**
 * Event routes of the fake Graylog: definitions, notifications and the events search, as in the Graylog 6.1
 * REST API reference (Graylog2/graylog2-server 6.1.10: EventDefinitionsResource, EventNotificationsResource,
 * EventsResource with EventsSearchParameters / EventsSearchResult).
 */

const byQuery = (items: Json[], req: RecordedRequest): Json[] => {
  const query = req.query['query'] ?? '';
  return items.filter((item) => matchesQuery(item, query));
};

/**
 * EventDefinitionContextService.SchedulerCtx per definition: enabled definitions are scheduled with a trigger,
 * disabled ones are not.
 */
function schedulerContext(state: FakeGraylogState, definitions: Json[]): Json {
  const next = new Date(Date.now() + 60_000).toISOString();
  return Object.fromEntries(
    definitions.map((def) => [
      String(def['id']),
      def['state'] === 'ENABLED'
        ? {
            is_scheduled: true,
            status: 'runnable',
            next_time: next,
            triggered_at: state.system.startedAt,
            queued_notifications: 0,
            data: null,
          }
        : { is_scheduled: false, queued_notifications: 0 },
    ]),
  );
}

/**
 * `GET /events/definitions?page&per_page&query` (deprecated but still served in 6.x): PaginatedResponse with
 * list key `event_definitions`, `query`, `grand_total` and `context.scheduler`.
 */
const definitions: GraylogRouteHandler = (state, req) => {
  const matching = byQuery(state.eventDefinitions, req);
  return paginated('event_definitions', matching, req, {
    query: req.query['query'] ?? '',
    grandTotal: state.eventDefinitions.length,
    context: { scheduler: schedulerContext(state, matching) },
  });
};

/** `GET /events/notifications?page&per_page&query`: PaginatedResponse with list key `notifications`. */
const notifications: GraylogRouteHandler = (state, req) =>
  paginated('notifications', byQuery(state.notifications, req), req, {
    query: req.query['query'] ?? '',
    grandTotal: state.notifications.length,
  });

/** A small subset of the Lucene syntax Graylog accepts: `field:value` terms and bare words, all ANDed. */
function matchesEventQuery(event: Json, query: string): boolean {
  const terms = query
    .trim()
    .split(/\s+/)
    .filter((term) => term !== '' && term !== '*');
  return terms.every((term) => {
    const colon = term.indexOf(':');
    if (colon < 0)
      return String(event['message'] ?? '')
        .toLowerCase()
        .includes(term.toLowerCase());
    const path = term.slice(0, colon).split('.');
    const wanted = term
      .slice(colon + 1)
      .replace(/^"|"$/g, '')
      .toLowerCase();
    let value: unknown = event;
    for (const key of path) value = value && typeof value === 'object' ? (value as Json)[key] : undefined;
    return Array.isArray(value)
      ? value.some((item) => String(item).toLowerCase() === wanted)
      : String(value ?? '').toLowerCase() === wanted;
  });
}

/**
 * EventsResource `POST /events/search`, body EventsSearchParameters (defaults page 1, per_page 10, relative
 * 3600 s, query "", filter {alerts: include}, sort_by timestamp desc) → EventsSearchResult.
 */
const search: GraylogRouteHandler = (state, req) => {
  const parsed = jsonBody(req);
  if ('error' in parsed) return parsed.error;
  const body = parsed.body;
  const page = body['page'] === undefined ? 1 : Number(body['page']);
  const perPage = body['per_page'] === undefined ? 10 : Number(body['per_page']);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1)
    return apiError(400, 'page and per_page must be positive integers');
  const timerange = (body['timerange'] as Json | undefined) ?? { type: 'relative', range: 3600 };
  if (timerange['type'] !== 'relative' || typeof timerange['range'] !== 'number' || timerange['range'] < 0)
    return apiError(
      400,
      `Unable to map property timerange. Known properties include: type, range (got ${JSON.stringify(timerange)})`,
    );
  const filter = (body['filter'] as Json | undefined) ?? {};
  const alerts = typeof filter['alerts'] === 'string' ? filter['alerts'] : 'include';
  const wantedDefinitions = Array.isArray(filter['event_definitions']) ? (filter['event_definitions'] as string[]) : [];
  const query = typeof body['query'] === 'string' ? body['query'] : '';
  const direction = body['sort_direction'] === 'asc' ? 'asc' : 'desc';
  // A relative range of 0 means "all time" in Graylog.
  const since = timerange['range'] === 0 ? 0 : Date.now() - timerange['range'] * 1000;

  const matching = state.events
    .filter((event) => Date.parse(String(event['timestamp'])) >= since)
    .filter((event) =>
      alerts === 'only' ? event['alert'] === true : alerts === 'exclude' ? event['alert'] !== true : true,
    )
    .filter(
      (event) => wantedDefinitions.length === 0 || wantedDefinitions.includes(String(event['event_definition_id'])),
    )
    .filter((event) => matchesEventQuery(event, query))
    .sort((a, b) => {
      const diff = Date.parse(String(a['timestamp'])) - Date.parse(String(b['timestamp']));
      return direction === 'asc' ? diff : -diff;
    });
  const pageEvents = matching.slice((page - 1) * perPage, page * perPage);
  const usedDefinitions = new Set(pageEvents.map((event) => String(event['event_definition_id'])));
  const usedStreams = new Set(pageEvents.flatMap((event) => (event['source_streams'] as string[]) ?? []));
  const context = (ids: Set<string>, items: Json[]) =>
    Object.fromEntries(
      items
        .filter((item) => ids.has(String(item['id'])))
        .map((item) => [
          String(item['id']),
          {
            id: item['id'],
            title: item['title'],
            description: item['description'] ?? '',
            remediation_steps: item['remediation_steps'] ?? '',
          },
        ]),
    );
  return ok({
    events: pageEvents.map((event) => ({ event, index_name: 'gl-events_0', index_type: 'message' })),
    used_indices: ['gl-events_0'],
    parameters: {
      page,
      per_page: perPage,
      timerange: { type: 'relative', range: timerange['range'] },
      query,
      filter: { alerts, event_definitions: wantedDefinitions },
      sort_by: typeof body['sort_by'] === 'string' ? body['sort_by'] : 'timestamp',
      sort_direction: direction,
    },
    total_events: matching.length,
    duration: 4,
    context: {
      event_definitions: context(usedDefinitions, state.eventDefinitions),
      streams: context(usedStreams, state.streams),
    },
  });
};

export const eventRoutes: GraylogRoute[] = [
  { method: 'GET', pattern: '/events/definitions', handler: definitions },
  { method: 'GET', pattern: '/events/notifications', handler: notifications },
  { method: 'POST', pattern: '/events/search', handler: search },
];
