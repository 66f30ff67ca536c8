import { bodyExcerpt, redactText, UpstreamFormatError } from '@copilot/api-core';
import { parseVersion } from '../wazuh-indexer/wazuh-indexer.parse';
import {
  GRAFANA,
  type GrafanaDashboardView,
  type GrafanaDatasource,
  type GrafanaFolder,
  type GrafanaHealth,
  type GrafanaOrg,
  type SavedDashboard,
  type SearchHit,
} from './grafana.types';

/**
 * Checks on what Grafana answered (Grafana HTTP API reference, 10.x/11.x: other.md, org.md, folder.md,
 * data_source.md, dashboard.md, folder_dashboard_search.md). Only fields CoPilot relies on are required.
 */

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value)
    ? value
    : typeof value === 'string' && /^\d+$/.test(value)
      ? Number(value)
      : null;

function unexpected(call: string, what: string): UpstreamFormatError {
  return new UpstreamFormatError(GRAFANA, `unexpected answer to ${call}: ${what} (is the URL a Grafana server?)`);
}

function list(body: unknown, call: string): Json[] {
  if (!Array.isArray(body) || !body.every(isObject)) throw unexpected(call, 'not a JSON array of objects');
  return body;
}

export function parseHealth(body: unknown): GrafanaHealth {
  if (!isObject(body) || typeof body['database'] !== 'string')
    throw unexpected('GET /api/health', 'no database status');
  const version = str(body['version']);
  return { database: body['database'], version: version ? parseVersion(version) : null, commit: str(body['commit']) };
}

export function parseOrg(body: unknown, call: string): GrafanaOrg {
  const id = isObject(body) ? int(body['id']) : null;
  if (!isObject(body) || id === null || typeof body['name'] !== 'string')
    throw unexpected(call, 'an organization without id/name');
  return { id, name: body['name'] };
}

export function parseOrgs(body: unknown): GrafanaOrg[] {
  return list(body, 'GET /api/orgs').map((org) => parseOrg(org, 'GET /api/orgs'));
}

/** `POST /api/orgs`: `{orgId, message}`; the documented example has the id as a string, servers send a number. */
export function parseCreatedOrg(body: unknown): number {
  const id = isObject(body) ? int(body['orgId']) : null;
  if (id === null) throw unexpected('POST /api/orgs', 'no orgId');
  return id;
}

export function parseFolder(raw: unknown, call: string): GrafanaFolder {
  const id = isObject(raw) ? int(raw['id']) : null;
  if (!isObject(raw) || id === null || typeof raw['uid'] !== 'string' || typeof raw['title'] !== 'string') {
    throw unexpected(call, 'a folder without id/uid/title');
  }
  return { id, uid: raw['uid'], title: raw['title'], parentUid: str(raw['parentUid']), url: str(raw['url']) };
}

export function parseFolders(body: unknown): GrafanaFolder[] {
  return list(body, 'GET /api/folders').map((folder) => parseFolder(folder, 'GET /api/folders'));
}

export function parseDatasource(raw: unknown, call: string): GrafanaDatasource {
  const id = isObject(raw) ? int(raw['id']) : null;
  if (!isObject(raw) || id === null || typeof raw['uid'] !== 'string' || typeof raw['name'] !== 'string') {
    throw unexpected(call, 'a data source without id/uid/name');
  }
  const secure = isObject(raw['secureJsonFields']) ? raw['secureJsonFields'] : {};
  return {
    id,
    uid: raw['uid'],
    orgId: int(raw['orgId']) ?? 0,
    name: raw['name'],
    type: str(raw['type']) ?? '',
    url: str(raw['url']) ?? '',
    access: str(raw['access']) ?? '',
    database: str(raw['database']) ?? '',
    basicAuth: raw['basicAuth'] === true,
    isDefault: raw['isDefault'] === true,
    readOnly: raw['readOnly'] === true,
    jsonData: isObject(raw['jsonData']) ? raw['jsonData'] : {},
    secureJsonFields: Object.fromEntries(Object.entries(secure).map(([key, set]) => [key, set === true])),
  };
}

export function parseDatasources(body: unknown): GrafanaDatasource[] {
  return list(body, 'GET /api/datasources').map((ds) => parseDatasource(ds, 'GET /api/datasources'));
}

export function parseSavedDashboard(body: unknown): SavedDashboard {
  const id = isObject(body) ? int(body['id']) : null;
  if (!isObject(body) || id === null || typeof body['uid'] !== 'string')
    throw unexpected('POST /api/dashboards/db', 'no id/uid');
  return {
    id,
    uid: body['uid'],
    url: str(body['url']) ?? '',
    status: str(body['status']) ?? 'success',
    version: int(body['version']) ?? 0,
    slug: str(body['slug']) ?? '',
  };
}

export function parseDashboard(body: unknown, call: string): GrafanaDashboardView {
  const dashboard = isObject(body) ? body['dashboard'] : undefined;
  if (!isObject(body) || !isObject(dashboard) || typeof dashboard['uid'] !== 'string')
    throw unexpected(call, 'no dashboard model');
  const meta = isObject(body['meta']) ? body['meta'] : {};
  return {
    dashboard,
    uid: dashboard['uid'],
    title: str(dashboard['title']) ?? '',
    version: int(dashboard['version']),
    folderUid: str(meta['folderUid']) || null,
    folderTitle: str(meta['folderTitle']),
    url: str(meta['url']),
  };
}

export function parseSearch(body: unknown): SearchHit[] {
  return list(body, 'GET /api/search').map((hit) => {
    const id = int(hit['id']);
    if (id === null || typeof hit['uid'] !== 'string') throw unexpected('GET /api/search', 'a hit without id/uid');
    return {
      id,
      uid: hit['uid'],
      title: str(hit['title']) ?? '',
      type: str(hit['type']) ?? '',
      url: str(hit['url']) ?? '',
      tags: Array.isArray(hit['tags']) ? hit['tags'].map(String) : [],
      folderUid: str(hit['folderUid']),
      folderTitle: str(hit['folderTitle']),
    };
  });
}

/** Grafana's `{message, status?, messageId?}` error body, for our own messages (redacted: it is echoed to callers). */
export function grafanaMessage(text: string): { message: string; status: string | null; messageId: string | null } {
  try {
    const body = JSON.parse(text) as unknown;
    if (isObject(body) && typeof body['message'] === 'string') {
      return { message: redactText(body['message']), status: str(body['status']), messageId: str(body['messageId']) };
    }
  } catch {
    // Not JSON: use the excerpt below.
  }
  return { message: bodyExcerpt(text, 200), status: null, messageId: null };
}
