import type { ParsedVersion } from '../wazuh-indexer/wazuh-indexer.types';

/** Catalogue name of the connector: shown in every error and log line of its calls. */
export const PORTAINER = 'Portainer';

/** Key in the connector row's `extra` naming the default environment (endpoint) for stack calls. */
export const PORTAINER_ENDPOINT_ID = 'PORTAINER_ENDPOINT_ID';

/** Connection settings of a Portainer connector (Portainer CE/BE 2.x REST API under `/api`). */
export interface PortainerConfig {
  /** Base URL of Portainer, e.g. `https://portainer.corp:9443`. */
  url: string;
  /** User for `POST /api/auth`; used when no access token is set. */
  username?: string;
  password?: string;
  /** A Portainer access token (`ptr_...`), sent as `X-API-Key`; when set, no login happens. */
  apiKey?: string;
  /** Default environment (endpoint) id of stack calls. */
  endpointId?: number;
  verifyTls?: boolean;
  caPem?: string;
  /** Circuit-breaker key; use the connector row's id so a customer's instance has its own circuit. */
  circuitKey?: string;
  /** Deadline per call. Default 10 000 ms. */
  timeoutMs?: number;
  allowLinkLocal?: boolean;
  /** A session token is renewed this long before it expires. Default 60 000 ms. */
  refreshSkewMs?: number;
}

export interface VerifyResult {
  ok: boolean;
  message: string;
}

export type { ParsedVersion };

export interface PortainerStatus {
  version: ParsedVersion;
  instanceId: string;
}

export type PortainerEndpointStatus = 'up' | 'down' | 'unknown';

export interface PortainerEndpoint {
  id: number;
  name: string;
  /** Portainer's environment type number (1 Docker, 2 agent, 4 Edge agent, 5-7 Kubernetes, ...). */
  type: number;
  url: string;
  groupId: number | null;
  status: PortainerEndpointStatus;
}

export type PortainerStackType = 'swarm' | 'compose' | 'kubernetes' | 'unknown';
export type PortainerStackStatus = 'active' | 'inactive' | 'unknown';

export interface PortainerEnvVar {
  name: string;
  value: string;
}

export interface PortainerStack {
  id: number;
  name: string;
  type: PortainerStackType;
  endpointId: number;
  status: PortainerStackStatus;
  env: PortainerEnvVar[];
  createdAt: string | null;
  createdBy: string;
  updatedAt: string | null;
  updatedBy: string;
}

export interface PortainerCreateStackRequest {
  /** Portainer lower-cases it and keeps letters, digits, `-` and `_`; anything else is refused here. */
  name: string;
  /** The docker-compose YAML. */
  composeFile: string;
  env?: PortainerEnvVar[] | Record<string, string>;
  /** Overrides the connector's default environment. */
  endpointId?: number;
}
