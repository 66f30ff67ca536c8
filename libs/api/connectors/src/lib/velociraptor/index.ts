export {
  DEFAULT_SERVER_NAME as VELOCIRAPTOR_DEFAULT_SERVER_NAME,
  parseApiAddress as parseVelociraptorAddress,
  parseApiClientConfig as parseVelociraptorApiClientFile,
  VelociraptorConfigError,
} from './velociraptor.api-config';
export { VelociraptorClient } from './velociraptor.client';
export { VqlError } from './velociraptor.errors';
export { VELOCIRAPTOR_API_PROTO } from './velociraptor.proto';
export { VelociraptorClientFactory, VelociraptorProvider } from './velociraptor.provider';
export {
  CLIENT_ID as VELOCIRAPTOR_CLIENT_ID,
  FLOW_ID as VELOCIRAPTOR_FLOW_ID,
  VQL as VELOCIRAPTOR_VQL,
} from './velociraptor.vql';
export {
  VELOCIRAPTOR,
  type VelociraptorApiConfig,
  type VelociraptorClientOptions,
  type VelociraptorClientsRequest,
  type VelociraptorCollectRequest,
  type VelociraptorCollectResult,
  type VelociraptorDownloadRequest,
  type VelociraptorEndpoint,
  type VelociraptorFlow,
  type VelociraptorFlowDownload,
  type VelociraptorFlowResultsRequest,
  type VelociraptorFlowState,
  type VelociraptorOrg,
  type VelociraptorServerInfo,
  type VelociraptorVerifyResult,
  type VqlQueryOptions,
  type VqlRow,
} from './velociraptor.types';
