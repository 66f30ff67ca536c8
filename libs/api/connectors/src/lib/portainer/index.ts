export { PortainerClient } from './portainer.client';
export {
  endpointIdFrom as portainerEndpointIdFrom,
  PortainerClientFactory,
  PortainerProvider,
} from './portainer.provider';
export { jwtExpiry as portainerJwtExpiry, PortainerSession } from './portainer.session';
export {
  PORTAINER,
  PORTAINER_ENDPOINT_ID,
  type PortainerConfig,
  type PortainerCreateStackRequest,
  type PortainerEndpoint,
  type PortainerEndpointStatus,
  type PortainerEnvVar,
  type PortainerStack,
  type PortainerStackStatus,
  type PortainerStackType,
  type PortainerStatus,
  type VerifyResult as PortainerVerifyResult,
} from './portainer.types';
