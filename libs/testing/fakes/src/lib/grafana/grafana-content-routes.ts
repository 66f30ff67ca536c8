import type { FakeResponse } from '../http/fake-http-server';
import {
  accessDenied,
  grafanaError,
  hasRole,
  jsonBody,
  validUid,
  type GrafanaContext,
  type GrafanaRoute,
} from './grafana-context';
import { newUid, slugify, type GrafanaDatasource, type GrafanaFolder } from './grafana-store';

/** Folder, data source and dashboard HTTP APIs (Grafana docs developers/http_api/{folder,data_source,dashboard}.md). */

export const inOrg = <T extends { orgId: number }>(ctx: GrafanaContext, items: T[]) =>
  items.filter((i) => i.orgId === ctx.identity.orgId);
export const folderUrl = (f: GrafanaFolder) => `/dashboards/f/${f.uid}/${slugify(f.title)}`;

/** Folder as `GET /api/folders/:uid` and `POST /api/folders` answer it (folder.md, 10.x/11.x). */
const folderView = (f: GrafanaFolder) => ({
  id: f.id,
  uid: f.uid,
  title: f.title,
  url: folderUrl(f),
  hasAcl: false,
  canSave: true,
  canEdit: true,
  canAdmin: true,
  canDelete: true,
  createdBy: 'admin',
  created: f.created,
  updatedBy: 'admin',
  updated: f.updated,
  version: f.version,
  ...(f.parentUid ? { parentUid: f.parentUid } : {}),
});

/** Get all folders: `[{id, uid, title}]` under the root or `parentUid`, `limit` default 1000, `page` 1-based. */
const listFolders = (ctx: GrafanaContext): FakeResponse => {
  const limit = Number(ctx.req.query['limit'] ?? 1000);
  const page = Math.max(1, Number(ctx.req.query['page'] ?? 1));
  const parent = ctx.req.query['parentUid'] ?? null;
  const folders = inOrg(ctx, ctx.store.folders).filter((f) => f.parentUid === parent);
  return {
    status: 200,
    body: folders
      .slice((page - 1) * limit, page * limit)
      .map((f) => ({ id: f.id, uid: f.uid, title: f.title, ...(f.parentUid ? { parentUid: f.parentUid } : {}) })),
  };
};

/** Create folder: 200 with the folder; 400 invalid input; 409 when it already exists. */
const createFolder = (ctx: GrafanaContext): FakeResponse => {
  if (!hasRole(ctx.identity, 'Editor')) return accessDenied('folders:create');
  const body = jsonBody(ctx.req) ?? {};
  const title = typeof body['title'] === 'string' ? body['title'].trim() : '';
  if (!title) return grafanaError(400, 'folder title cannot be empty');
  const uid = typeof body['uid'] === 'string' && body['uid'] ? body['uid'] : newUid();
  if (!validUid(uid)) return grafanaError(400, 'uid contains illegal characters');
  const parentUid = typeof body['parentUid'] === 'string' && body['parentUid'] ? body['parentUid'] : null;
  if (parentUid && !ctx.store.folder(ctx.identity.orgId, parentUid))
    return grafanaError(400, 'parent folder not found');
  const siblings = inOrg(ctx, ctx.store.folders);
  if (siblings.some((f) => f.uid === uid)) return grafanaError(409, 'a folder with the same uid already exists');
  if (siblings.some((f) => f.parentUid === parentUid && f.title.toLowerCase() === title.toLowerCase())) {
    return grafanaError(409, 'a dashboard or folder with the same name already exists');
  }
  return { status: 200, body: folderView(ctx.store.addFolder(ctx.identity.orgId, title, uid, parentUid)) };
};

/**
 * Data source list item (`GET /api/datasources`, data_source.md); the full one (create answer) adds secureJsonFields,
 * version and basicAuthUser.
 */
const datasourceView = (d: GrafanaDatasource, full: boolean) => ({
  id: d.id,
  uid: d.uid,
  orgId: d.orgId,
  name: d.name,
  type: d.type,
  typeLogoUrl: `public/app/plugins/datasource/${d.type}/img/logo.svg`,
  access: d.access,
  url: d.url,
  user: d.user,
  database: d.database,
  basicAuth: d.basicAuth,
  isDefault: d.isDefault,
  jsonData: d.jsonData,
  readOnly: false,
  ...(full
    ? {
        basicAuthUser: d.basicAuthUser,
        withCredentials: false,
        secureJsonFields: d.secureJsonFields,
        version: d.version,
      }
    : {}),
});

const listDatasources = (ctx: GrafanaContext): FakeResponse => ({
  status: 200,
  body: inOrg(ctx, ctx.store.datasources).map((d) => datasourceView(d, false)),
});

/** Create a data source: `{datasource, id, message: "Datasource added", name}`; secureJsonData is never echoed. */
const createDatasource = (ctx: GrafanaContext): FakeResponse => {
  if (!hasRole(ctx.identity, 'Admin')) return accessDenied('datasources:create');
  const body = jsonBody(ctx.req) ?? {};
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  if (!text('name') || !text('type')) return grafanaError(400, 'bad request data: name and type are required');
  const uid = text('uid') || newUid();
  if (!validUid(uid)) return grafanaError(400, 'invalid data source uid');
  const existing = inOrg(ctx, ctx.store.datasources);
  if (existing.some((d) => d.name === text('name')))
    return grafanaError(409, 'data source with the same name already exists');
  if (existing.some((d) => d.uid === uid)) return grafanaError(409, 'data source with the same uid already exists');
  const secure = body['secureJsonData'];
  const datasource = ctx.store.addDatasource({
    uid,
    orgId: ctx.identity.orgId,
    name: text('name'),
    type: text('type'),
    access: text('access') || 'proxy',
    url: text('url'),
    user: text('user'),
    database: text('database'),
    basicAuth: body['basicAuth'] === true,
    basicAuthUser: text('basicAuthUser'),
    isDefault: body['isDefault'] === true,
    jsonData: (body['jsonData'] as Record<string, unknown> | undefined) ?? {},
    secureJsonFields: Object.fromEntries(
      Object.keys(secure && typeof secure === 'object' ? secure : {}).map((k) => [k, true]),
    ),
  });
  return {
    status: 200,
    body: {
      datasource: datasourceView(datasource, true),
      id: datasource.id,
      message: 'Datasource added',
      name: datasource.name,
    },
  };
};

/** Delete an existing data source by uid: `{"message":"Data source deleted","id":1}`, 404 when absent. */
const deleteDatasource = (ctx: GrafanaContext): FakeResponse => {
  if (!hasRole(ctx.identity, 'Admin')) return accessDenied('datasources:delete');
  const index = ctx.store.datasources.findIndex((d) => d.orgId === ctx.identity.orgId && d.uid === ctx.params['uid']);
  if (index < 0) return grafanaError(404, 'Data source not found');
  const [removed] = ctx.store.datasources.splice(index, 1);
  return { status: 200, body: { message: 'Data source deleted', id: removed.id } };
};

/** Create / Update dashboard: `{id, uid, url, status: "success", version, slug}`; 412 name-exists / version-mismatch. */
const saveDashboard = (ctx: GrafanaContext): FakeResponse => {
  if (!hasRole(ctx.identity, 'Editor')) return accessDenied('dashboards:create');
  const body = jsonBody(ctx.req) ?? {};
  const model = body['dashboard'];
  if (!model || typeof model !== 'object' || Array.isArray(model))
    return grafanaError(400, 'bad request data: dashboard is required');
  const dashboard = { ...(model as Record<string, unknown>) };
  const title = typeof dashboard['title'] === 'string' ? dashboard['title'].trim() : '';
  if (!title) return grafanaError(400, 'Dashboard title cannot be empty', { status: 'empty-name' });
  const uid = typeof dashboard['uid'] === 'string' ? dashboard['uid'] : '';
  if (uid && !validUid(uid)) return grafanaError(400, 'uid contains illegal characters', { status: 'invalid-uid' });
  const folderUid = typeof body['folderUid'] === 'string' && body['folderUid'] ? body['folderUid'] : null;
  if (folderUid && !ctx.store.folder(ctx.identity.orgId, folderUid))
    return grafanaError(400, 'folder not found', { status: 'not-found' });
  const overwrite = body['overwrite'] === true;
  const mine = inOrg(ctx, ctx.store.dashboards);
  const existing = uid ? mine.find((d) => d.uid === uid) : undefined;
  const sameName = mine.find(
    (d) => d !== existing && d.folderUid === folderUid && d.title.toLowerCase() === title.toLowerCase(),
  );
  if (sameName && !overwrite) {
    return grafanaError(412, 'A dashboard with the same name in the folder already exists', { status: 'name-exists' });
  }
  let saved;
  if (existing) {
    if (!overwrite && dashboard['version'] !== existing.version) {
      return grafanaError(412, 'The dashboard has been changed by someone else', { status: 'version-mismatch' });
    }
    Object.assign(existing, {
      title,
      tags: Array.isArray(dashboard['tags']) ? dashboard['tags'].map(String) : [],
      folderUid,
      model: dashboard,
    });
    existing.version += 1;
    existing.updated = new Date().toISOString();
    saved = existing;
  } else {
    saved = ctx.store.addDashboard(ctx.identity.orgId, { ...dashboard, title }, folderUid);
  }
  const slug = slugify(saved.title);
  return {
    status: 200,
    body: {
      id: saved.id,
      uid: saved.uid,
      url: `/d/${saved.uid}/${slug}`,
      status: 'success',
      version: saved.version,
      slug,
    },
  };
};

/** Get dashboard by uid: `{dashboard, meta}`, 404 `Dashboard not found`. */
const getDashboard = (ctx: GrafanaContext): FakeResponse => {
  const found = inOrg(ctx, ctx.store.dashboards).find((d) => d.uid === ctx.params['uid']);
  if (!found) return grafanaError(404, 'Dashboard not found');
  const folder = found.folderUid ? ctx.store.folder(found.orgId, found.folderUid) : undefined;
  const slug = slugify(found.title);
  return {
    status: 200,
    body: {
      dashboard: {
        ...found.model,
        id: found.id,
        uid: found.uid,
        title: found.title,
        tags: found.tags,
        version: found.version,
      },
      meta: {
        type: 'db',
        canSave: hasRole(ctx.identity, 'Editor'),
        canEdit: hasRole(ctx.identity, 'Editor'),
        canAdmin: hasRole(ctx.identity, 'Admin'),
        canStar: ctx.identity.kind === 'user',
        slug,
        url: `/d/${found.uid}/${slug}`,
        created: found.created,
        updated: found.updated,
        version: found.version,
        isFolder: false,
        folderId: folder?.id ?? 0,
        folderUid: folder?.uid ?? '',
        folderTitle: folder?.title ?? 'General',
        folderUrl: folder ? folderUrl(folder) : '',
        provisioned: false,
      },
    },
  };
};

export const contentRoutes: GrafanaRoute[] = [
  { method: 'GET', pattern: '/api/folders', handler: listFolders },
  { method: 'POST', pattern: '/api/folders', handler: createFolder },
  { method: 'GET', pattern: '/api/datasources', handler: listDatasources },
  { method: 'POST', pattern: '/api/datasources', handler: createDatasource },
  { method: 'DELETE', pattern: '/api/datasources/uid/:uid', handler: deleteDatasource },
  { method: 'POST', pattern: '/api/dashboards/db', handler: saveDashboard },
  { method: 'GET', pattern: '/api/dashboards/uid/:uid', handler: getDashboard },
];
