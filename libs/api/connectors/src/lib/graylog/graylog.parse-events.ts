import { Fields, isObject, unexpected, type Json } from './graylog.fields';
import type {
  GraylogEvent,
  GraylogEventDefinition,
  GraylogEventSearchResult,
  GraylogMetric,
  GraylogMetricType,
  GraylogNotification,
  GraylogPage,
  GraylogSchedulerState,
} from './graylog.types';

/** Parsers of Graylog 6.x event and metric answers (shapes: Graylog REST API reference, 6.1). */

/** A PaginatedResponse: pagination fields at the top level beside the list under `listKey`. */
function page<T>(body: unknown, listKey: string, call: string, map: (f: Fields, root: Fields) => T): GraylogPage<T> {
  const root = Fields.root(body, call);
  const items = Fields.list(body, listKey, call).map((f) => map(f, root));
  return {
    items,
    total: root.num('total') ?? items.length,
    page: root.num('page') ?? 1,
    perPage: root.num('per_page') ?? items.length,
    grandTotal: root.num('grand_total'),
  };
}

function scheduler(f: Fields | null): GraylogSchedulerState | null {
  if (!f) return null;
  const scheduled = f.bool('is_scheduled');
  if (scheduled === null) return null;
  return {
    isScheduled: scheduled,
    status: f.str('status'),
    nextTime: f.str('next_time'),
    triggeredAt: f.str('triggered_at'),
    queuedNotifications: f.num('queued_notifications'),
  };
}

export function parseEventDefinitions(body: unknown): GraylogPage<GraylogEventDefinition> {
  return page(body, 'event_definitions', 'GET /api/events/definitions', (f, root): GraylogEventDefinition => {
    const id = f.reqStr('id');
    // The scheduler state sits in `context.scheduler[id]`; some versions also inline it as `scheduler`.
    const fromContext = root.child('context').child('scheduler');
    const settings = f.child('notification_settings');
    return {
      id,
      title: f.reqStr('title'),
      description: f.str('description'),
      remediationSteps: f.str('remediation_steps'),
      priority: f.num('priority'),
      alert: f.bool('alert'),
      state: f.str('state'),
      type: f.child('config').str('type'),
      config: f.obj('config') ?? {},
      notificationIds: f.objects('notifications').flatMap((n) => n.str('notification_id') ?? []),
      gracePeriodMs: settings.num('grace_period_ms'),
      backlogSize: settings.num('backlog_size'),
      updatedAt: f.str('updated_at'),
      matchedAt: f.str('matched_at'),
      scope: f.str('_scope'),
      scheduler: scheduler(
        fromContext.obj(id) ? fromContext.child(id) : f.obj('scheduler') ? f.child('scheduler') : null,
      ),
    };
  });
}

export function parseNotifications(body: unknown): GraylogPage<GraylogNotification> {
  return page(body, 'notifications', 'GET /api/events/notifications', (f) => ({
    id: f.reqStr('id'),
    title: f.reqStr('title'),
    description: f.str('description'),
    type: f.child('config').str('type'),
    config: f.obj('config') ?? {},
  }));
}

export function parseEventSearch(body: unknown): GraylogEventSearchResult {
  const call = 'POST /api/events/search';
  const root = Fields.root(body, call);
  const events = Fields.list(body, 'events', call).map((wrapper, i): GraylogEvent => {
    if (!wrapper.obj('event')) throw unexpected(call, `events[${i}] has no "event"`);
    const f = wrapper.child('event');
    return {
      id: f.reqStr('id'),
      eventDefinitionId: f.reqStr('event_definition_id'),
      eventDefinitionType: f.str('event_definition_type'),
      timestamp: f.reqStr('timestamp'),
      timestampProcessing: f.str('timestamp_processing'),
      timerangeStart: f.str('timerange_start'),
      timerangeEnd: f.str('timerange_end'),
      message: f.str('message'),
      source: f.str('source'),
      priority: f.num('priority'),
      alert: f.bool('alert'),
      key: f.str('key'),
      originContext: f.str('origin_context'),
      streams: f.strings('streams'),
      sourceStreams: f.strings('source_streams'),
      fields: f.stringMap('fields'),
      groupByFields: f.stringMap('group_by_fields'),
      indexName: wrapper.str('index_name'),
    };
  });
  const definitions = root.child('context').obj('event_definitions') ?? {};
  const titles = Object.fromEntries(
    Object.entries(definitions).flatMap(([id, entry]) =>
      isObject(entry) && typeof entry['title'] === 'string' ? [[id, entry['title']]] : [],
    ),
  );
  return {
    events,
    totalEvents: root.num('total_events') ?? events.length,
    durationMs: root.num('duration'),
    usedIndices: root.strings('used_indices'),
    eventDefinitionTitles: titles,
  };
}

const TYPES: readonly GraylogMetricType[] = ['gauge', 'counter', 'meter', 'timer', 'histogram'];

function gaugeValue(value: unknown): number | string | boolean | null {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null;
}

/**
 * `GET /api/system/metrics/{name}` answers the metric as Dropwizard's Jackson MetricsModule writes it, without
 * its type: a gauge is `{value}`, a counter `{count}`, a meter adds `m1_rate`..., a timer also `duration_units`,
 * a histogram has percentiles but no rates. The type is inferred from those keys.
 */
export function parseSingleMetric(name: string, body: unknown): GraylogMetric {
  const f = Fields.root(body, `GET /api/system/metrics/${name}`);
  const has = (key: string) => key in f.raw;
  const type: GraylogMetricType = has('value')
    ? 'gauge'
    : has('duration_units')
      ? 'timer'
      : has('m1_rate')
        ? 'meter'
        : has('p50')
          ? 'histogram'
          : has('count')
            ? 'counter'
            : 'unknown';
  const rated = type === 'meter' || type === 'timer';
  return {
    fullName: name,
    type,
    value: type === 'gauge' ? gaugeValue(f.raw['value']) : null,
    count: f.num('count'),
    rate: rated
      ? {
          mean: f.num('mean_rate'),
          oneMinute: f.num('m1_rate'),
          fiveMinute: f.num('m5_rate'),
          fifteenMinute: f.num('m15_rate'),
        }
      : null,
  };
}

/** `POST /api/system/metrics/multiple`: MetricsSummaryResponse, each entry as MetricUtils.map writes it. */
export function parseMultipleMetrics(body: unknown): GraylogMetric[] {
  return Fields.list(body, 'metrics', 'POST /api/system/metrics/multiple').map((f) => {
    const rawType = f.str('type');
    const type = TYPES.find((t) => t === rawType) ?? 'unknown';
    const metric: Fields = f.child('metric');
    const rate: Fields | null = metric.obj('rate') ? metric.child('rate') : null;
    return {
      fullName: f.reqStr('full_name'),
      type,
      value: type === 'gauge' ? gaugeValue((metric.raw as Json)['value']) : null,
      count: metric.num('count') ?? rate?.num('total') ?? null,
      rate: rate
        ? {
            mean: rate.num('mean'),
            oneMinute: rate.num('one_minute'),
            fiveMinute: rate.num('five_minute'),
            fifteenMinute: rate.num('fifteen_minute'),
          }
        : null,
    };
  });
}
