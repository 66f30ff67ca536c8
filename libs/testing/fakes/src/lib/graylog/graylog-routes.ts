import {
  apiError,
  isAdmin,
  jsonBody,
  noContent,
  ok,
  paginated,
  type FakeMetric,
  type GraylogRoute,
  type GraylogRouteHandler,
  type Json,
} from './graylog-state';

/**
 * System, user and configuration routes of the fake Graylog. Paths and shapes: Graylog 6.1 REST API reference
 * (Graylog2/graylog2-server 6.1.10 resources named beside each handler).
 */

/** SystemResource `GET /system` → SystemOverviewResponse. */
const system: GraylogRouteHandler = (state) =>
  ok({
    facility: 'graylog-server',
    codename: 'Noir',
    node_id: state.system.nodeId,
    cluster_id: state.system.clusterId,
    version: state.system.version,
    started_at: state.system.startedAt,
    is_processing: state.system.isProcessing,
    hostname: state.system.hostname,
    lifecycle: state.system.lifecycle,
    lb_status: state.system.lifecycle === 'running' ? 'alive' : 'dead',
    timezone: state.system.timezone,
    operating_system: 'Linux 6.1.0-21-amd64',
    is_leader: true,
  });

/** SessionsResource `GET /system/sessions` → SessionValidationResponse {is_valid, session_id, username}. */
const sessions: GraylogRouteHandler = (_state, _req, _params, caller) =>
  // Basic or token auth creates no session, which Graylog reports as "authenticated with no session".
  ok({ is_valid: false, session_id: null, username: caller.user.username });

/** UsersResource `GET /users/{username}` → UserSummary (users:edit on the user, which everyone has on self). */
const user: GraylogRouteHandler = (state, _req, params, caller) => {
  if (!isAdmin(caller) && caller.user.username !== params['username'])
    return apiError(403, `Not allowed to view user ${params['username']}`);
  const found = state.users.find((u) => u.username === params['username']);
  if (!found) return apiError(404, `Couldn't find user ${params['username']}`);
  return ok({
    id: found.id,
    username: found.username,
    email: found.email,
    first_name: null,
    last_name: null,
    full_name: found.fullName,
    permissions: isAdmin(caller) ? ['*'] : [],
    grn_permissions: [],
    preferences: { updateUnfocussed: false, enableSmartSearch: true },
    timezone: 'UTC',
    session_timeout_ms: 28_800_000,
    read_only: found.username === 'admin',
    external: false,
    startpage: null,
    roles: found.roles,
    session_active: false,
    last_activity: null,
    client_address: null,
    account_status: 'enabled',
    service_account: false,
    auth_service_enabled: false,
  });
};

/** AuthzRolesResource `GET /authz/roles/user/{username}` → PaginatedResponse with list key `roles`. */
const rolesOfUser: GraylogRouteHandler = (state, req, params, caller) => {
  if (!isAdmin(caller) && caller.user.username !== params['username'])
    return apiError(403, `Not authorized to access resource id <${params['username']}>`);
  const found = state.users.find((u) => u.username === params['username']);
  if (!found) return apiError(404, `Couldn't find user: ${params['username']}`);
  const roles = state.roles.filter((role) => found.roles.includes(role.name)).map((role) => ({ ...role }));
  return paginated('roles', roles, req, { query: req.query['query'] ?? '' });
};

/** InputsResource `GET /system/inputs` → InputsList {inputs, total}. */
const inputs: GraylogRouteHandler = (state) => ok({ inputs: state.inputs, total: state.inputs.length });

/** InputStatesResource `GET /system/inputstates` → InputStatesList {states}. */
const inputStates: GraylogRouteHandler = (state) => ok({ states: state.inputStates });

/** IndexSetsResource `GET /system/indices/index_sets?skip&limit&stats` → IndexSetResponse {total, index_sets, stats}. */
const indexSets: GraylogRouteHandler = (state, req) => {
  const skip = Math.max(0, Number(req.query['skip'] ?? '0') || 0);
  const limit = Math.max(0, Number(req.query['limit'] ?? '0') || 0);
  const page = limit > 0 ? state.indexSets.slice(skip, skip + limit) : state.indexSets.slice(skip);
  const withStats = req.query['stats'] === 'true';
  const stats = withStats
    ? Object.fromEntries(page.map((set) => [String(set['id']), state.indexSetStats[String(set['id'])]]))
    : {};
  return ok({ total: state.indexSets.length, index_sets: page, stats });
};

/** StreamResource `GET /streams` → StreamListResponse {total, streams}. */
const streams: GraylogRouteHandler = (state) => ok({ total: state.streams.length, streams: state.streams });

const streamById: GraylogRouteHandler = (state, _req, params) => {
  const found = state.streams.find((s) => s['id'] === params['streamId']);
  return found ? ok(found) : apiError(404, `Couldn't find stream ${params['streamId']}`);
};

/**
 * StreamResource `POST /streams/{id}/pause|resume`: 204 No Content; 400 for the default and system streams
 * ("The stream cannot be paused."), 403 without streams:changestate, 404 for an unknown id.
 */
function setStreamState(pause: boolean): GraylogRouteHandler {
  return (state, _req, params, caller) => {
    const id = params['streamId'];
    if (!isAdmin(caller)) return apiError(403, `Not authorized to access resource id <${id}>`);
    const found = state.streams.find((s) => s['id'] === id);
    if (found && found['is_editable'] === false)
      return apiError(400, `The stream cannot be ${pause ? 'paused' : 'resumed'}.`);
    if (!found) return apiError(404, `Couldn't find stream ${id}`);
    found['disabled'] = pause;
    return noContent();
  };
}

/** PipelineResource `GET /system/pipelines/pipeline` → a bare JSON array of PipelineSource. */
const pipelines: GraylogRouteHandler = (state) => ok(state.pipelines);

/** RuleResource `GET /system/pipelines/rule` → a bare JSON array of RuleSource. */
const rules: GraylogRouteHandler = (state) => ok(state.rules);

/** JournalResource `GET /system/journal` → JournalSummaryResponse. */
const journal: GraylogRouteHandler = (state) => ok(state.journal);

/** The single-metric shape: Dropwizard's Jackson MetricsModule (rates and durations in seconds). */
function metricsModuleShape(metric: FakeMetric): Json {
  switch (metric.type) {
    case 'gauge':
      return { value: metric.value };
    case 'counter':
      return { count: metric.count };
    case 'meter':
      return {
        count: metric.count,
        m15_rate: metric.m15,
        m1_rate: metric.m1,
        m5_rate: metric.m5,
        mean_rate: metric.mean,
        units: 'events/second',
      };
    case 'timer':
      return {
        count: metric.count,
        max: metric.max,
        mean: metric.mean,
        min: metric.min,
        p50: metric.mean,
        p75: metric.mean,
        p95: metric.p95,
        p98: metric.p95,
        p99: metric.p99,
        p999: metric.max,
        stddev: metric.stddev,
        m15_rate: metric.m15,
        m1_rate: metric.m1,
        m5_rate: metric.m5,
        mean_rate: metric.meanRate,
        duration_units: 'seconds',
        rate_units: 'calls/second',
      };
  }
}

/** The `/multiple` shape: org.graylog2.shared.metrics.MetricUtils.map (timers in microseconds). */
function metricUtilsShape(name: string, metric: FakeMetric): Json {
  const base = { full_name: name, name: name.slice(name.lastIndexOf('.') + 1), type: metric.type };
  switch (metric.type) {
    case 'gauge':
      return { ...base, metric: { value: metric.value } };
    case 'counter':
      return { ...base, metric: { count: metric.count } };
    case 'meter': {
      const rate = {
        one_minute: metric.m1,
        five_minute: metric.m5,
        fifteen_minute: metric.m15,
        total: metric.count,
        mean: metric.mean,
      };
      return { ...base, metric: { rate_unit: 'events/second', rate } };
    }
    case 'timer': {
      const us = (seconds: number) => Math.round(seconds * 1_000_000);
      const time = {
        min: us(metric.min),
        max: us(metric.max),
        mean: us(metric.mean),
        std_dev: us(metric.stddev),
        '95th_percentile': us(metric.p95),
        '98th_percentile': us(metric.p95),
        '99th_percentile': us(metric.p99),
      };
      const rate = {
        one_minute: metric.m1,
        five_minute: metric.m5,
        fifteen_minute: metric.m15,
        total: metric.count,
        mean: metric.meanRate,
      };
      return { ...base, metric: { time, rate, duration_unit: 'microseconds', rate_unit: 'events/second' } };
    }
  }
}

/** MetricsResource `GET /system/metrics/{metricName}`; 404 `I do not have a metric called [name].` */
const singleMetric: GraylogRouteHandler = (state, _req, params) => {
  const metric = state.metrics.get(params['metricName']);
  return metric
    ? ok(metricsModuleShape(metric))
    : apiError(404, `I do not have a metric called [${params['metricName']}].`);
};

/** MetricsResource `POST /system/metrics/multiple` {metrics: [names]} → MetricsSummaryResponse {total, metrics}. */
const multipleMetrics: GraylogRouteHandler = (state, req) => {
  const parsed = jsonBody(req);
  if ('error' in parsed) return parsed.error;
  const names = parsed.body['metrics'];
  if (!Array.isArray(names)) return apiError(400, 'metrics may not be null');
  const found = names
    .filter((name): name is string => typeof name === 'string' && state.metrics.has(name))
    .map((name) => metricUtilsShape(name, state.metrics.get(name) as FakeMetric));
  return ok({ total: found.length, metrics: found });
};

export const systemRoutes: GraylogRoute[] = [
  { method: 'GET', pattern: '/system', handler: system },
  { method: 'GET', pattern: '/system/sessions', handler: sessions },
  { method: 'GET', pattern: '/users/{username}', handler: user },
  { method: 'GET', pattern: '/authz/roles/user/{username}', handler: rolesOfUser },
  { method: 'GET', pattern: '/system/inputs', handler: inputs },
  { method: 'GET', pattern: '/system/inputstates', handler: inputStates },
  { method: 'GET', pattern: '/system/indices/index_sets', handler: indexSets },
  { method: 'GET', pattern: '/streams', handler: streams },
  { method: 'GET', pattern: '/streams/{streamId}', handler: streamById },
  { method: 'POST', pattern: '/streams/{streamId}/pause', handler: setStreamState(true) },
  { method: 'POST', pattern: '/streams/{streamId}/resume', handler: setStreamState(false) },
  { method: 'GET', pattern: '/system/pipelines/pipeline', handler: pipelines },
  { method: 'GET', pattern: '/system/pipelines/rule', handler: rules },
  { method: 'GET', pattern: '/system/journal', handler: journal },
  { method: 'POST', pattern: '/system/metrics/multiple', handler: multipleMetrics },
  { method: 'GET', pattern: '/system/metrics/{metricName}', handler: singleMetric },
];
