import type { FakeResponse, RecordedRequest } from '../http/fake-http-server';
import type { IndexStore, Source, StoredDoc } from './index-store';
import { jsonBody, ok, type OsContext, type Route, type RouteHandler } from './os-context';
import { badRequest, OpenSearchError, parsingError } from './os-errors';

/** Write result (api-reference/document-apis/index-document and update-document, 2.x). */
function writeResult(
  index: string,
  doc: StoredDoc,
  result: 'created' | 'updated' | 'noop' | 'deleted',
): Record<string, unknown> {
  const touched = result === 'noop' ? 0 : 1;
  return {
    _index: index,
    _id: doc.id,
    _version: doc.version,
    result,
    _shards: { total: touched, successful: touched, failed: 0 },
    _seq_no: doc.seqNo,
    _primary_term: 1,
  };
}

/** Get document (api-reference/document-apis/get-documents, 2.x): `{_index, _id, _version, _seq_no, _primary_term, found, _source}`. */
const getDoc: RouteHandler = (ctx, _req, { index, id }) => {
  const state = ctx.store.single(index);
  const doc = state.docs.get(id);
  if (!doc) return { status: 404, body: { _index: state.name, _id: id, found: false } };
  return ok({
    _index: state.name,
    _id: doc.id,
    _version: doc.version,
    _seq_no: doc.seqNo,
    _primary_term: 1,
    found: true,
    _source: doc.source,
  });
};

function indexDoc(
  store: IndexStore,
  indexName: string,
  id: string | undefined,
  source: Source,
  createOnly: boolean,
): FakeResponse {
  const index = store.ensureIndex(indexName);
  if (createOnly && id !== undefined && index.docs.has(id)) {
    throw new OpenSearchError(
      409,
      'version_conflict_engine_exception',
      `[${id}]: version conflict, document already exists`,
      { index: index.name },
    );
  }
  const { doc, created } = store.put(index, id, source);
  return ok(writeResult(index.name, doc, created ? 'created' : 'updated'), created ? 201 : 200);
}

const putDoc: RouteHandler = (ctx, req, { index, id }) =>
  indexDoc(ctx.store, index, id, jsonBody(req), req.query['op_type'] === 'create');

const postDoc: RouteHandler = (ctx, req, { index }) => indexDoc(ctx.store, index, undefined, jsonBody(req), false);

function applyUpdate(
  ctx: OsContext,
  indexName: string,
  id: string,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const doc = body['doc'];
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw badRequest('Validation Failed: 1: script or doc is missing;', 'action_request_validation_exception');
  }
  const index = ctx.store.single(indexName);
  if (!index.docs.has(id) && body['doc_as_upsert'] === true) {
    return writeResult(index.name, ctx.store.put(index, id, doc as Source).doc, 'created');
  }
  const { doc: updated, result } = ctx.store.update(index, id, doc as Source);
  return writeResult(index.name, updated, result);
}

/** Update document (api-reference/document-apis/update-document, 2.x); honours `index.blocks.write` with a 403. */
const update: RouteHandler = (ctx, req, { index, id }) => ok(applyUpdate(ctx, index, id, jsonBody(req)));

const deleteDoc: RouteHandler = (ctx, _req, { index, id }) => {
  const state = ctx.store.single(index);
  const removed = ctx.store.delete(state, id);
  if (!removed) return { status: 404, body: { _index: state.name, _id: id, result: 'not_found' } };
  return ok(writeResult(state.name, { ...removed, version: removed.version + 1 }, 'deleted'));
};

function parseLine(line: string, lineNo: number): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below with the line number, as OpenSearch does
  }
  throw parsingError(`Malformed action/metadata line [${lineNo}], expected START_OBJECT`);
}

/**
 * Bulk (api-reference/document-apis/bulk, 2.x): newline-delimited action/source pairs; answers 200 with
 * `{took, errors, items: [{<action>: {_index, _id, status, ...result | error}}]}` even when items fail.
 */
function bulk(ctx: OsContext, req: RecordedRequest, defaultIndex?: string): FakeResponse {
  const lines = req.body.split('\n').filter((line) => line.trim() !== '');
  const items: Array<Record<string, unknown>> = [];
  for (let i = 0; i < lines.length; i++) {
    const action = parseLine(lines[i], i + 1);
    const [kind] = Object.keys(action);
    const meta = (action[kind] ?? {}) as Record<string, unknown>;
    const index = String(meta['_index'] ?? defaultIndex ?? '');
    const id = meta['_id'] === undefined ? undefined : String(meta['_id']);
    const needsSource = kind !== 'delete';
    const source = needsSource ? parseLine(lines[++i] ?? '', i + 1) : {};
    try {
      if (!index) throw badRequest('index is missing', 'action_request_validation_exception');
      let result: Record<string, unknown>;
      let status = 200;
      if (kind === 'index' || kind === 'create') {
        const response = indexDoc(ctx.store, index, id, source, kind === 'create');
        result = response.body as Record<string, unknown>;
        status = response.status;
      } else if (kind === 'update') {
        if (id === undefined) throw badRequest('id is missing', 'action_request_validation_exception');
        result = applyUpdate(ctx, index, id, source);
      } else if (kind === 'delete') {
        if (id === undefined) throw badRequest('id is missing', 'action_request_validation_exception');
        const response = deleteDoc(ctx, req, { index, id });
        result = response.body as Record<string, unknown>;
        status = response.status;
      } else {
        throw parsingError(`Unknown action [${kind}]`);
      }
      items.push({ [kind]: { ...result, status } });
    } catch (err) {
      if (!(err instanceof OpenSearchError)) throw err;
      items.push({
        [kind]: {
          _index: index,
          _id: id ?? null,
          status: err.status,
          error: { type: err.type, reason: err.reason, ...err.extra },
        },
      });
    }
  }
  return ok({
    took: 1,
    errors: items.some((item) => Number((Object.values(item)[0] as Record<string, unknown>)['status']) >= 300),
    items,
  });
}

export const documentRoutes: Route[] = [
  { methods: ['POST', 'PUT'], pattern: '/_bulk', handler: (ctx, req) => bulk(ctx, req) },
  { methods: ['POST', 'PUT'], pattern: '/{index}/_bulk', handler: (ctx, req, { index }) => bulk(ctx, req, index) },
  { methods: ['GET', 'HEAD'], pattern: '/{index}/_doc/{id}', handler: getDoc },
  { methods: ['PUT', 'POST'], pattern: '/{index}/_doc/{id}', handler: putDoc },
  {
    methods: ['PUT', 'POST'],
    pattern: '/{index}/_create/{id}',
    handler: (ctx, req, { index, id }) => indexDoc(ctx.store, index, id, jsonBody(req), true),
  },
  { methods: ['POST'], pattern: '/{index}/_doc', handler: postDoc },
  { methods: ['DELETE'], pattern: '/{index}/_doc/{id}', handler: deleteDoc },
  { methods: ['POST'], pattern: '/{index}/_update/{id}', handler: update },
];
