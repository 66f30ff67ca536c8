import { catAllocation, catIndices, catResponse, catShards, indexHealth } from './cat';
import { flattenSettings, type IndexState } from './index-store';
import { jsonBody, ok, type Route, type RouteHandler } from './os-context';
import { badRequest, OpenSearchError } from './os-errors';

/** Cluster information (api-reference/cluster-api/info, 2.x): name, cluster_name, cluster_uuid, version{...}, tagline. */
const info: RouteHandler = (ctx) =>
  ok({
    name: ctx.cluster.nodeName,
    cluster_name: ctx.cluster.name,
    cluster_uuid: ctx.cluster.uuid,
    version: {
      distribution: 'opensearch',
      number: ctx.cluster.version,
      build_type: 'rpm',
      build_hash: '0000000000000000000000000000000000000000',
      build_date: '2025-01-01T00:00:00.000000000Z',
      build_snapshot: false,
      lucene_version: '9.12.1',
      minimum_wire_compatibility_version: '7.10.0',
      minimum_index_compatibility_version: '7.0.0',
    },
    tagline: 'The OpenSearch Project: https://opensearch.org/',
  });

/** Cluster health (api-reference/cluster-api/cluster-health, 2.x), computed from the fake's indices. */
const health: RouteHandler = (ctx, _req, params) => {
  const indices = params['index'] ? ctx.store.resolve(params['index']) : ctx.store.all();
  const primaries = indices.reduce((sum, i) => sum + Number(i.settings.get('index.number_of_shards') ?? '1'), 0);
  const unassigned = indices.reduce(
    (sum, i) =>
      sum +
      Number(i.settings.get('index.number_of_shards') ?? '1') *
        Number(i.settings.get('index.number_of_replicas') ?? '0'),
    0,
  );
  return ok({
    cluster_name: ctx.cluster.name,
    status: indices.some((i) => indexHealth(i) === 'yellow') ? 'yellow' : 'green',
    timed_out: false,
    number_of_nodes: 1,
    number_of_data_nodes: 1,
    discovered_master: true,
    discovered_cluster_manager: true,
    active_primary_shards: primaries,
    active_shards: primaries,
    relocating_shards: 0,
    initializing_shards: 0,
    unassigned_shards: unassigned,
    delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: primaries + unassigned === 0 ? 100 : (primaries / (primaries + unassigned)) * 100,
  });
};

/**
 * Get alias (api-reference/alias/get-alias, 2.x): `{<index>: {aliases: {<alias>: {}}}}`. Without an alias name
 * every matched index is listed, with an empty `aliases` object when it has none.
 */
const aliases: RouteHandler = (ctx, _req, params) => {
  const indices = params['index'] ? ctx.store.resolve(params['index']) : ctx.store.all();
  const wanted = params['name']?.split(',');
  const matches = (alias: string) =>
    !wanted ||
    wanted.some((w) => w === '*' || w === '_all' || new RegExp(`^${w.split('*').map(escape).join('.*')}$`).test(alias));
  const body: Record<string, { aliases: Record<string, object> }> = {};
  for (const index of indices) {
    const names = [...index.aliases].filter(matches).sort();
    if (wanted && names.length === 0) continue;
    body[index.name] = { aliases: Object.fromEntries(names.map((name) => [name, {}])) };
  }
  if (wanted && Object.keys(body).length === 0)
    return { status: 404, body: { error: `alias [${params['name']}] missing`, status: 404 } };
  return ok(body);
};

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Nests flat `index.blocks.write` keys back into objects, as GET _settings shows them without `flat_settings`. */
function nestSettings(flat: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of flat) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      node = (next && typeof next === 'object' ? next : (node[part] = {})) as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return out;
}

/** Get settings (api-reference/index-apis/get-settings, 2.x): `{<index>: {settings: {index: {...}}}}`; values are strings. */
const getSettings: RouteHandler = (ctx, req, { index }) => {
  const flat = req.query['flat_settings'] === 'true';
  const body: Record<string, unknown> = {};
  for (const state of ctx.store.resolve(index)) {
    body[state.name] = { settings: flat ? Object.fromEntries(state.settings) : nestSettings(state.settings) };
  }
  return ok(body);
};

const STATIC_SETTINGS = new Set(['index.number_of_shards', 'index.uuid', 'index.creation_date', 'index.provided_name']);

/** Update settings (api-reference/index-apis/update-settings, 2.x): `{acknowledged: true}`; null resets a setting. */
const putSettings: RouteHandler = (ctx, req, { index }) => {
  const updates = flattenSettings(jsonBody(req));
  const targets: IndexState[] = ctx.store.resolve(index);
  for (const key of updates.keys()) {
    if (STATIC_SETTINGS.has(key)) throw badRequest(`Can't update non dynamic settings [[${key}]] for open indices`);
  }
  for (const state of targets) {
    for (const [key, value] of updates) {
      if (value === null) state.settings.delete(key);
      else state.settings.set(key, value);
    }
  }
  return ok({ acknowledged: true });
};

/** Create index (api-reference/index-apis/create-index, 2.x): `{acknowledged, shards_acknowledged, index}`. */
const createIndex: RouteHandler = (ctx, req, { index }) => {
  const body = jsonBody(req);
  const aliasNames = Object.keys((body['aliases'] ?? {}) as Record<string, unknown>);
  ctx.store.createIndex(index, { settings: (body['settings'] ?? {}) as Record<string, unknown>, aliases: aliasNames });
  return ok({ acknowledged: true, shards_acknowledged: true, index });
};

const cat =
  (kind: 'indices' | 'shards'): RouteHandler =>
  (ctx, req, params) => {
    const indices = params['index'] ? ctx.store.resolve(params['index']) : ctx.store.all();
    const unit = req.query['bytes'];
    return catResponse(
      req,
      kind === 'indices' ? catIndices(indices, unit) : catShards(indices, ctx.cluster.nodeName, unit),
    );
  };

const notHere =
  (what: string): RouteHandler =>
  () => {
    throw new OpenSearchError(400, 'illegal_argument_exception', `FakeOpenSearch does not implement ${what}`);
  };

export const adminRoutes: Route[] = [
  { methods: ['GET', 'HEAD'], pattern: '/', handler: info },
  { methods: ['GET'], pattern: '/_cluster/health', handler: health },
  { methods: ['GET'], pattern: '/_cluster/health/{index}', handler: health },
  { methods: ['GET'], pattern: '/_cat/indices', handler: cat('indices') },
  { methods: ['GET'], pattern: '/_cat/indices/{index}', handler: cat('indices') },
  { methods: ['GET'], pattern: '/_cat/shards', handler: cat('shards') },
  { methods: ['GET'], pattern: '/_cat/shards/{index}', handler: cat('shards') },
  {
    methods: ['GET'],
    pattern: '/_cat/allocation',
    handler: (ctx, req) => catResponse(req, catAllocation(ctx.store, ctx.cluster.nodeName, req.query['bytes'])),
  },
  { methods: ['GET'], pattern: '/_alias', handler: aliases },
  { methods: ['GET'], pattern: '/_alias/{name}', handler: aliases },
  { methods: ['GET'], pattern: '/{index}/_alias', handler: aliases },
  { methods: ['GET'], pattern: '/{index}/_alias/{name}', handler: aliases },
  { methods: ['GET'], pattern: '/{index}/_settings', handler: getSettings },
  { methods: ['PUT'], pattern: '/{index}/_settings', handler: putSettings },
  { methods: ['PUT'], pattern: '/{index}', handler: createIndex },
  { methods: ['GET', 'POST'], pattern: '/_search/scroll', handler: notHere('scroll (use point in time)') },
];
