export { FakePortainer, type FakePortainerOptions } from './fake-portainer';
export { PortainerJwtIssuer, type PortainerClaims } from './portainer-jwt';
export {
  seedPortainerEndpoints,
  seedPortainerStacks,
  type FakePortainerEndpoint,
  type FakePortainerStack,
} from './portainer-seed';
