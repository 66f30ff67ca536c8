import type { ParsedVersion } from '../wazuh-indexer/wazuh-indexer.types';

/** Catalogue name of the connector: shown in every error and log line of its calls. */
export const GRAFANA = 'Grafana';

/** Connection settings of a Grafana 10.x/11.x connector: Basic auth, or a service-account token when apiKey is set. */
export interface GrafanaConfig {
  url: string;
  username?: string;
  password?: string;
  /** Service-account token, sent as `Authorization: Bearer <token>`; wins over username/password when set. */
  apiKey?: string;
  /** Default true. false is the operator's explicit per-connector choice; it is logged as a warning. */
  verifyTls?: boolean;
  caPem?: string;
  /** Circuit-breaker key; use the connector row's id so a customer's instance has its own circuit. */
  circuitKey?: string;
  /** Deadline per call. Default 10 000 ms. */
  timeoutMs?: number;
  allowLinkLocal?: boolean;
}

export interface VerifyResult {
  ok: boolean;
  message: string;
}

/** Per-call organization: sent as `X-Grafana-Org-Id`; absent = the credentials' own (current) organization. */
export interface OrgScope {
  orgId?: number;
}

export interface GrafanaHealth {
  /** null when the server hides its version from the health endpoint. */
  version: ParsedVersion | null;
  /** `ok`, or e.g. `failing` when Grafana cannot reach its database. */
  database: string;
  commit: string | null;
}

export interface GrafanaOrg {
  id: number;
  name: string;
}

export interface GrafanaFolder {
  id: number;
  uid: string;
  title: string;
  parentUid: string | null;
  url: string | null;
}

export interface CreateFolderInput {
  title: string;
  uid?: string;
  /** Nested folders (Grafana 11, or 10 with the feature toggle). */
  parentUid?: string;
}

export interface GrafanaDatasource {
  id: number;
  uid: string;
  orgId: number;
  name: string;
  type: string;
  url: string;
  access: string;
  database: string;
  basicAuth: boolean;
  isDefault: boolean;
  readOnly: boolean;
  jsonData: Record<string, unknown>;
  /** Which secure fields are set (values are never returned by Grafana). */
  secureJsonFields: Record<string, boolean>;
}

export interface CreateDatasourceInput {
  name: string;
  /** Plugin id, e.g. `grafana-opensearch-datasource`, `influxdb`, `prometheus`. */
  type: string;
  url?: string;
  uid?: string;
  access?: 'proxy' | 'direct';
  basicAuth?: boolean;
  basicAuthUser?: string;
  user?: string;
  database?: string;
  isDefault?: boolean;
  jsonData?: Record<string, unknown>;
  /** Secrets Grafana stores encrypted (`password`, `basicAuthPassword`, `token`, ...). */
  secureJsonData?: Record<string, string>;
}

export interface SaveDashboardInput {
  /** The dashboard model; `uid` null or absent creates a new dashboard with a generated uid. */
  dashboard: Record<string, unknown> & { title: string; uid?: string | null };
  folderUid?: string;
  /** Replace a dashboard with the same uid or title regardless of version. */
  overwrite?: boolean;
  /** Version-history message. */
  message?: string;
}

export interface SavedDashboard {
  id: number;
  uid: string;
  url: string;
  status: string;
  version: number;
  slug: string;
}

export interface GrafanaDashboardView {
  dashboard: Record<string, unknown>;
  uid: string;
  title: string;
  version: number | null;
  folderUid: string | null;
  folderTitle: string | null;
  url: string | null;
}

export type SearchType = 'dash-db' | 'dash-folder';

export interface SearchOptions {
  query?: string;
  type?: SearchType;
  /** Folders to search in; several are searched one by one and merged (the helper sends one value per name). */
  folderUIDs?: string[];
  tag?: string;
  /** Default Grafana's 1000, at most 5000. */
  limit?: number;
  /** 1-based. */
  page?: number;
}

export interface SearchHit {
  id: number;
  uid: string;
  title: string;
  type: string;
  url: string;
  tags: string[];
  folderUid: string | null;
  folderTitle: string | null;
}
