import type { FakeResponse } from '../http/fake-http-server';
import type { GrafanaContext, GrafanaRoute } from './grafana-context';
import { folderUrl, inOrg } from './grafana-content-routes';
import { slugify } from './grafana-store';

/** Search folders and dashboards (folder_dashboard_search.md): query, type, folderUIDs, tag, limit, page. */
const search = (ctx: GrafanaContext): FakeResponse => {
  const q = ctx.req.query;
  const text = (q['query'] ?? '').toLowerCase();
  const limit = Math.min(5000, Number(q['limit'] ?? 1000));
  const page = Math.max(1, Number(q['page'] ?? 1));
  // Grafana reads repeated `folderUIDs` parameters; the recorded query keeps one, which is what clients here send.
  const inFolders = q['folderUIDs'] ? [q['folderUIDs']] : null;
  const folders = q['type'] === 'dash-db' || q['tag'] ? [] : inOrg(ctx, ctx.store.folders);
  const dashboards = q['type'] === 'dash-folder' ? [] : inOrg(ctx, ctx.store.dashboards);
  const hits = [
    ...folders
      .filter(
        (f) => f.title.toLowerCase().includes(text) && (!inFolders || inFolders.includes(f.parentUid ?? 'general')),
      )
      .map((f) => ({
        id: f.id,
        uid: f.uid,
        title: f.title,
        uri: `db/${slugify(f.title)}`,
        url: folderUrl(f),
        slug: '',
        type: 'dash-folder',
        tags: [],
        isStarred: false,
        sortMeta: 0,
      })),
    ...dashboards
      .filter((d) => d.title.toLowerCase().includes(text) && (!q['tag'] || d.tags.includes(q['tag'])))
      .filter((d) => !inFolders || inFolders.includes(d.folderUid ?? 'general'))
      .map((d) => {
        const folder = d.folderUid ? ctx.store.folder(d.orgId, d.folderUid) : undefined;
        return {
          id: d.id,
          uid: d.uid,
          title: d.title,
          uri: `db/${slugify(d.title)}`,
          url: `/d/${d.uid}/${slugify(d.title)}`,
          slug: '',
          type: 'dash-db',
          tags: d.tags,
          isStarred: false,
          sortMeta: 0,
          ...(folder
            ? { folderId: folder.id, folderUid: folder.uid, folderTitle: folder.title, folderUrl: folderUrl(folder) }
            : {}),
        };
      }),
  ];
  return { status: 200, body: hits.slice((page - 1) * limit, page * limit) };
};

export const searchRoutes: GrafanaRoute[] = [{ method: 'GET', pattern: '/api/search', handler: search }];
