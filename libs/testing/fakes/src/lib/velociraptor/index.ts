export { velociraptorApiClientYaml, writeVelociraptorApiConfig, type ApiClientYamlOptions } from './api-client-yaml';
export {
  FakeVelociraptor,
  type FakeVelociraptorOptions,
  type VelociraptorRecordedQuery,
  type VelociraptorFault,
} from './fake-velociraptor';
export { VelociraptorGuiLookalike } from './gui-lookalike';
export {
  createVelociraptorPki,
  issueVelociraptorClientCert,
  VELOCIRAPTOR_SERVER_NAME,
  type VelociraptorPemPair,
  type VelociraptorPkiOptions,
  type VelociraptorTestPki,
} from './velociraptor-pki';
export { FAKE_VELOCIRAPTOR_PROTO } from './velociraptor-proto';
export {
  defaultVelociraptorSeed,
  type FakeVelociraptorEndpoint,
  type FakeVelociraptorFlow,
  type FakeVelociraptorOrg,
  type Row as VelociraptorRow,
  type VelociraptorSeed,
} from './velociraptor-seed';
export type { FakeVelociraptorRole, VelociraptorRecordedDownload } from './vql-runtime';
