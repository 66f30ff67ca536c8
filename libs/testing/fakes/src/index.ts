export {
  FakeHttpServer,
  type FakeFault,
  type FakeResponse,
  type FakeServerOptions,
  type FaultOptions,
  type RecordedRequest,
} from './lib/http/fake-http-server';
export { ScriptedHttpServer, type ScriptedHandler } from './lib/http/scripted-http-server';
export { captureNestLogs, type CapturedLog, type LogCapture } from './lib/logging/capture-logs';
export { FakeOpenSearch, type FakeOpenSearchOptions, type SeedDoc } from './lib/opensearch/fake-opensearch';
export type { CreateIndexOptions, Source } from './lib/opensearch/index-store';
export {
  prng,
  seedWazuhAlerts,
  wazuhAlertsIndex,
  type SeededAlert,
  type SeedWazuhAlertsOptions,
} from './lib/opensearch/seed-wazuh-alerts';
export { createTestPki, type TestPki, type TestPkiOptions } from './lib/tls/test-pki';
export * from './lib/graylog';
export * from './lib/wazuh-manager';
export * from './lib/velociraptor';
export * from './lib/shuffle';
export * from './lib/portainer';
export * from './lib/virustotal';
export * from './lib/grafana';
export * from './lib/influxdb';
