import type { HostResolver } from '@copilot/api-core';

/** Catalogue name of the connector: shown in every error and log line of its calls. */
export const VELOCIRAPTOR = 'Velociraptor';

/** What the api-client YAML (`velociraptor config api_client`) provides, checked and ready to connect with. */
export interface VelociraptorApiConfig {
  caPem: string;
  certPem: string;
  keyPem: string;
  host: string;
  port: number;
  /** The API user: `name` of the file, else the client certificate's common name. */
  name: string;
  /** Name checked on the server certificate: `pinned_server_name`, default `VelociraptorServer`. */
  serverName: string;
  /** Largest single VQLResponse accepted (`max_grpc_recv_size`). */
  maxReceiveBytes: number;
}

export interface VelociraptorClientOptions {
  /** Deadline per call (connect, TLS and the whole stream). Default 30 000 ms. */
  timeoutMs?: number;
  /** Allow link-local and cloud-metadata addresses (refused by default, design §4). */
  allowLinkLocal?: boolean;
  /** Name resolution, replaceable in tests. */
  resolver?: HostResolver;
  /**
   * Circuit breaker key (one per connector row). Set, repeated connection failures make further calls fail fast
   * for a while, as the HTTP connectors' outbound helper does; verify still probes through an open circuit.
   */
  circuitKey?: string;
}

/** A row as VQL returns it: any JSON object. */
export type VqlRow = Record<string, unknown>;

export interface VqlQueryOptions {
  /** Runs the query in this org (`VQLCollectorArgs.org_id`); default the API user's current org. */
  orgId?: string;
  /**
   * Variables of the query's scope (`VQLCollectorArgs.env`). This is how values reach VQL: the query names the
   * variable and the value travels separately, so no value can change the query's meaning.
   */
  env?: Record<string, string>;
  /** Overrides the client's deadline for this call. */
  timeoutMs?: number;
  /** Stop (and cancel the call) after this many rows. */
  maxRows?: number;
  /** Receives the server's log lines for this query (progress, and the reason a function returned null). */
  onLog?: (line: string) => void;
  /** A health check: goes through an open circuit and closes it again on success. */
  probe?: boolean;
  /** `VQLRequest.Name`, shown in the server's own logs. */
  name?: string;
}

export interface VelociraptorServerInfo {
  hostname: string;
  fqdn: string | null;
  os: string | null;
  platform: string | null;
  platformVersion: string | null;
  kernelVersion: string | null;
  architecture: string | null;
}

export interface VelociraptorOrg {
  id: string;
  name: string;
}

export interface VelociraptorEndpoint {
  clientId: string;
  hostname: string;
  fqdn: string | null;
  os: string | null;
  release: string | null;
  machine: string | null;
  labels: string[];
  lastIp: string | null;
  agentVersion: string | null;
  /** ISO-8601 UTC, or null when the server has no value. */
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}

export interface VelociraptorClientsRequest {
  /** Velociraptor's client search: `all` (default), a host name, `host:web*`, `label:customer_acme`, a client id. */
  search?: string;
  orgId?: string;
  maxRows?: number;
}

export interface VelociraptorCollectRequest {
  clientId: string;
  /** Artifact names, e.g. `Windows.KapeFiles.Targets`. */
  artifacts: string[];
  /** Artifact parameters (strings, as Velociraptor's artifact parameters are). */
  parameters?: Record<string, string>;
  orgId?: string;
}

export interface VelociraptorCollectResult {
  clientId: string;
  flowId: string;
  artifacts: string[];
}

export type VelociraptorFlowState =
  'UNSET' | 'RUNNING' | 'WAITING' | 'IN_PROGRESS' | 'UNRESPONSIVE' | 'FINISHED' | 'ERROR' | 'UNKNOWN';

export interface VelociraptorFlow {
  flowId: string;
  clientId: string;
  state: VelociraptorFlowState;
  artifacts: string[];
  artifactsWithResults: string[];
  creator: string | null;
  createdAt: string | null;
  startedAt: string | null;
  lastActiveAt: string | null;
  totalCollectedRows: number;
  totalUploadedFiles: number;
  totalUploadedBytes: number;
  status: string;
}

export interface VelociraptorFlowResultsRequest {
  clientId: string;
  flowId: string;
  /** Artifact name, optionally with `/Source`. */
  artifact: string;
  /** A named source of the artifact (alternative to `Artifact/Source`). */
  source?: string;
  orgId?: string;
  maxRows?: number;
}

export interface VelociraptorDownloadRequest {
  clientId: string;
  flowId: string;
  /** Wait for the export to be written before answering. Default true. */
  wait?: boolean;
  orgId?: string;
}

export interface VelociraptorFlowDownload {
  clientId: string;
  flowId: string;
  /** The file store path of the zip, e.g. `fs:/downloads/C.x/F.y/host-C.x-F.y.zip`. */
  path: string;
}

export interface VelociraptorVerifyResult {
  ok: boolean;
  message: string;
}
