export { FakeGrafana, type FakeGrafanaOptions } from './fake-grafana';
export {
  newUid,
  seedGrafana,
  slugify,
  type GrafanaDashboard,
  type GrafanaDatasource,
  type GrafanaFolder,
  type GrafanaOrg,
  type GrafanaStore,
  type GrafanaUser,
  type OrgRole,
  type ServiceAccountToken,
} from './grafana-store';
