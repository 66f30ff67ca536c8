import type { DocView } from './field-values';
import type { IndexState } from './index-store';
import { jsonBody, ok, shardsHeader, type Route, type RouteHandler } from './os-context';
import { badRequest } from './os-errors';
import { parseKeepAlive } from './pit-registry';
import { runSearch } from './search';

const viewsOf = (indices: IndexState[]): DocView[] =>
  indices.flatMap((index) => [...index.docs.values()].map((doc) => ({ index: index.name, doc })));

const shardCount = (indices: IndexState[]) =>
  indices.reduce((sum, index) => sum + Number(index.settings.get('index.number_of_shards') ?? '1'), 0);

/**
 * Search API (OpenSearch 2.x api-reference/search-apis/search): response
 * `{took, timed_out, _shards, hits: {total: {value, relation}, max_score, hits: [{_index, _id, _score, _source, sort}]}}`,
 * plus `pit_id` when searching a point in time (search-plugins/searching-data/point-in-time-api).
 */
const search: RouteHandler = (ctx, req, params) => {
  const body = jsonBody(req);
  for (const key of ['size', 'from'] as const) {
    if (body[key] === undefined && req.query[key] !== undefined) body[key] = Number(req.query[key]);
  }
  if (body['track_total_hits'] === undefined && req.query['track_total_hits'] !== undefined) {
    const raw = req.query['track_total_hits'];
    body['track_total_hits'] = raw === 'true' ? true : raw === 'false' ? false : Number(raw);
  }
  let views: DocView[];
  let shards: number;
  let pitId: string | undefined;
  const pit = body['pit'];
  if (pit !== undefined) {
    if (params['index'] !== undefined) {
      throw badRequest('[indices] cannot be used with point in time. Do not specify any index with point in time.');
    }
    const { id, keep_alive: keepAlive } = (pit ?? {}) as { id?: unknown; keep_alive?: unknown };
    const context = ctx.pits.use(String(id), keepAlive === undefined ? undefined : parseKeepAlive(keepAlive));
    views = context.views;
    shards = context.indices.length;
    pitId = context.id;
    delete body['pit'];
  } else {
    const indices = ctx.store.resolve(params['index'] ?? '_all');
    views = viewsOf(indices);
    shards = shardCount(indices);
  }
  const outcome = runSearch(views, body);
  const hitsTotal =
    outcome.total && req.query['rest_total_hits_as_int'] === 'true' ? outcome.total.value : outcome.total;
  return ok({
    ...(pitId ? { pit_id: pitId } : {}),
    took: 1,
    timed_out: false,
    _shards: shardsHeader(shards),
    hits: {
      ...(hitsTotal !== undefined ? { total: hitsTotal } : {}),
      max_score: outcome.sorted || outcome.hits.length === 0 ? null : 1,
      hits: outcome.hits,
    },
  });
};

/** Count API (api-reference/search-apis/count, 2.x): `{count, _shards}`. */
const count: RouteHandler = (ctx, req, params) => {
  const body = jsonBody(req);
  const indices = ctx.store.resolve(params['index'] ?? '_all');
  const outcome = runSearch(viewsOf(indices), { query: body['query'], size: 0, track_total_hits: true });
  return ok({ count: outcome.total?.value ?? 0, _shards: shardsHeader(shardCount(indices)) });
};

/** Create PIT (point-in-time-api, 2.4+): `{pit_id, _shards, creation_time}`. */
const openPit: RouteHandler = (ctx, req, params) => {
  const indices = ctx.store.resolve(params['index']);
  const pit = ctx.pits.open(indices, parseKeepAlive(req.query['keep_alive']));
  return ok({ pit_id: pit.id, _shards: shardsHeader(shardCount(indices)), creation_time: pit.createdAt });
};

/** Delete PITs (point-in-time-api, 2.4+): `{pits: [{successful, pit_id}]}`. */
const deletePits: RouteHandler = (ctx, req) => {
  const raw = jsonBody(req)['pit_id'];
  const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
  if (ids.length === 0) throw badRequest('[pit_id] is required');
  return ok({ pits: ids.map((id) => ({ successful: ctx.pits.close(id), pit_id: id })) });
};

const deleteAllPits: RouteHandler = (ctx) =>
  ok({ pits: ctx.pits.closeAll().map((id) => ({ successful: true, pit_id: id })) });

/** List all PITs (point-in-time-api, 2.4+): `{pits: [{pit_id, creation_time, keep_alive}]}`. */
const listPits: RouteHandler = (ctx) =>
  ok({
    pits: ctx.pits.list().map((pit) => ({ pit_id: pit.id, creation_time: pit.createdAt, keep_alive: pit.keepAliveMs })),
  });

export const searchRoutes: Route[] = [
  { methods: ['POST'], pattern: '/{index}/_search/point_in_time', handler: openPit },
  { methods: ['DELETE'], pattern: '/_search/point_in_time/_all', handler: deleteAllPits },
  { methods: ['GET'], pattern: '/_search/point_in_time/_all', handler: listPits },
  { methods: ['DELETE'], pattern: '/_search/point_in_time', handler: deletePits },
  { methods: ['GET', 'POST'], pattern: '/_search', handler: search },
  { methods: ['GET', 'POST'], pattern: '/{index}/_search', handler: search },
  { methods: ['GET', 'POST'], pattern: '/_count', handler: count },
  { methods: ['GET', 'POST'], pattern: '/{index}/_count', handler: count },
];
