import { randomBytes } from 'node:crypto';

/** State of the fake Grafana: organizations, users, service-account tokens, folders, data sources, dashboards. */

export type OrgRole = 'Viewer' | 'Editor' | 'Admin';

export interface GrafanaUser {
  id: number;
  login: string;
  password: string;
  isGrafanaAdmin: boolean;
  /** Organization id → role in it. */
  orgs: Map<number, OrgRole>;
}

/** A service-account token: scoped to exactly one organization. */
export interface ServiceAccountToken {
  token: string;
  name: string;
  orgId: number;
  role: OrgRole;
}

export interface GrafanaOrg {
  id: number;
  name: string;
}

export interface GrafanaFolder {
  id: number;
  uid: string;
  orgId: number;
  title: string;
  parentUid: string | null;
  created: string;
  updated: string;
  version: number;
}

export interface GrafanaDatasource {
  id: number;
  uid: string;
  orgId: number;
  name: string;
  type: string;
  access: string;
  url: string;
  user: string;
  database: string;
  basicAuth: boolean;
  basicAuthUser: string;
  isDefault: boolean;
  jsonData: Record<string, unknown>;
  /** Names of secure fields that are set; their values are never kept, like Grafana never returns them. */
  secureJsonFields: Record<string, boolean>;
  version: number;
}

export interface GrafanaDashboard {
  id: number;
  uid: string;
  orgId: number;
  title: string;
  tags: string[];
  folderUid: string | null;
  model: Record<string, unknown>;
  version: number;
  created: string;
  updated: string;
}

/** Grafana's generated uids are short alphanumeric strings (up to 40 characters are allowed). */
export const newUid = (): string => randomBytes(10).toString('base64url').replace(/[-_]/g, 'x').slice(0, 14);

export const slugify = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export class GrafanaStore {
  readonly orgs: GrafanaOrg[] = [];
  readonly users: GrafanaUser[] = [];
  readonly tokens: ServiceAccountToken[] = [];
  readonly folders: GrafanaFolder[] = [];
  readonly datasources: GrafanaDatasource[] = [];
  readonly dashboards: GrafanaDashboard[] = [];
  private ids = { org: 0, user: 0, folder: 0, datasource: 0, dashboard: 0 };

  nextId(kind: keyof GrafanaStore['ids']): number {
    this.ids[kind] += 1;
    return this.ids[kind];
  }

  addOrg(name: string): GrafanaOrg {
    const org = { id: this.nextId('org'), name };
    this.orgs.push(org);
    return org;
  }

  addUser(login: string, password: string, isGrafanaAdmin: boolean, orgs: Array<[number, OrgRole]>): GrafanaUser {
    const user = { id: this.nextId('user'), login, password, isGrafanaAdmin, orgs: new Map(orgs) };
    this.users.push(user);
    return user;
  }

  addFolder(orgId: number, title: string, uid = newUid(), parentUid: string | null = null): GrafanaFolder {
    const now = new Date().toISOString();
    const folder = { id: this.nextId('folder'), uid, orgId, title, parentUid, created: now, updated: now, version: 1 };
    this.folders.push(folder);
    return folder;
  }

  addDatasource(input: Omit<GrafanaDatasource, 'id' | 'version'>): GrafanaDatasource {
    const datasource = { ...input, id: this.nextId('datasource'), version: 1 };
    this.datasources.push(datasource);
    return datasource;
  }

  addDashboard(orgId: number, model: Record<string, unknown>, folderUid: string | null): GrafanaDashboard {
    const now = new Date().toISOString();
    const uid = typeof model['uid'] === 'string' && model['uid'] ? model['uid'] : newUid();
    const dashboard = {
      id: this.nextId('dashboard'),
      uid,
      orgId,
      title: String(model['title']),
      tags: Array.isArray(model['tags']) ? model['tags'].map(String) : [],
      folderUid,
      model,
      version: 1,
      created: now,
      updated: now,
    };
    this.dashboards.push(dashboard);
    return dashboard;
  }

  folder(orgId: number, uid: string): GrafanaFolder | undefined {
    return this.folders.find((f) => f.orgId === orgId && f.uid === uid);
  }
}

/**
 * What a CoPilot install's Grafana holds: the Main Org. with the Wazuh and InfluxDB data sources CoPilot provisions,
 * a customer organization, folders and dashboards; an admin user (server admin) and a viewer.
 */
export function seedGrafana(store: GrafanaStore, admin: { login: string; password: string }): void {
  const main = store.addOrg('Main Org.');
  const acme = store.addOrg('ACME');
  store.addUser(admin.login, admin.password, true, [
    [main.id, 'Admin'],
    [acme.id, 'Admin'],
  ]);
  store.addUser('analyst', 'analyst-pass', false, [[main.id, 'Viewer']]);
  const wazuh = store.addFolder(main.id, 'Wazuh', 'wazuh');
  store.addFolder(main.id, 'Infrastructure', 'infrastructure');
  const common = { orgId: main.id, access: 'proxy', user: '', database: '', isDefault: false };
  store.addDatasource({
    ...common,
    uid: 'wazuh-indexer',
    name: 'WAZUH',
    type: 'grafana-opensearch-datasource',
    url: 'https://wazuh-indexer:9200',
    basicAuth: true,
    basicAuthUser: 'admin',
    isDefault: true,
    jsonData: { database: 'wazuh-alerts-*', timeField: 'timestamp', version: '2.19.1', flavor: 'opensearch' },
    secureJsonFields: { basicAuthPassword: true },
  });
  store.addDatasource({
    ...common,
    uid: 'influxdb-flux',
    name: 'InfluxDB',
    type: 'influxdb',
    url: 'http://influxdb:8086',
    basicAuth: false,
    basicAuthUser: '',
    jsonData: { version: 'Flux', organization: 'SOCFortress', defaultBucket: 'telegraf' },
    secureJsonFields: { token: true },
  });
  const panel = (id: number, title: string) => ({
    id,
    title,
    type: 'timeseries',
    gridPos: { h: 8, w: 12, x: 0, y: 0 },
  });
  store.addDashboard(
    main.id,
    {
      uid: 'wazuh-summary',
      title: 'Wazuh - Summary',
      tags: ['wazuh', 'edr'],
      panels: [panel(1, 'Alerts by level')],
      schemaVersion: 39,
    },
    wazuh.uid,
  );
  store.addDashboard(
    main.id,
    { uid: 'host-metrics', title: 'Host Metrics', tags: ['influxdb'], panels: [panel(1, 'CPU')], schemaVersion: 39 },
    null,
  );
  store.addFolder(acme.id, 'ACME Security', 'acme-security');
}
