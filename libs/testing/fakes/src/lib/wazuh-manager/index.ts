export { FakeWazuhManager, type FakeWazuhManagerOptions } from './fake-wazuh-manager';
export { seedWazuhManager, type SeedWazuhManagerOptions } from './seed-wazuh-manager';
export type {
  ActiveResponseRecord as FakeWazuhActiveResponse,
  AgentStatus as FakeWazuhAgentStatus,
  FakeAgent as FakeWazuhAgent,
  FakeGroup as FakeWazuhGroup,
  FakePackage as FakeWazuhPackage,
  FakeRule as FakeWazuhRule,
  FakeScaCheck as FakeWazuhScaCheck,
  FakeScaPolicy as FakeWazuhScaPolicy,
  UpgradeTaskRecord as FakeWazuhUpgradeTask,
  WazuhState as FakeWazuhState,
} from './wazuh-model';
