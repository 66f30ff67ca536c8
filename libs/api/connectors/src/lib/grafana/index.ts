export { GrafanaClient } from './grafana.client';
export { GrafanaClientFactory, GrafanaProvider } from './grafana.provider';
export {
  GRAFANA,
  type CreateDatasourceInput,
  type CreateFolderInput,
  type GrafanaConfig,
  type GrafanaDashboardView,
  type GrafanaDatasource,
  type GrafanaFolder,
  type GrafanaHealth,
  type GrafanaOrg,
  type OrgScope as GrafanaOrgScope,
  type SaveDashboardInput,
  type SavedDashboard,
  type SearchHit as GrafanaSearchHit,
  type SearchOptions as GrafanaSearchOptions,
  type SearchType as GrafanaSearchType,
} from './grafana.types';
