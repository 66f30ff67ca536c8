import { randomBytes } from 'node:crypto';
import { flowRow, type Row, type VelociraptorSeed } from './velociraptor-seed';
import type { VqlArg, VqlExpr, VqlSelect } from './vql-parser';

/** What an API user may do: `admin` everything, `reader` query but not collect, `none` not even query. */
export type FakeVelociraptorRole = 'admin' | 'reader' | 'none';

export interface VelociraptorRecordedDownload {
  clientId: string;
  flowId: string;
  path: string;
}

export interface VqlScope {
  env: Record<string, string>;
  orgId: string;
  principal: string;
  role: FakeVelociraptorRole;
  store: VelociraptorSeed;
  hostname: string;
  downloads: VelociraptorRecordedDownload[];
  /** A server log line, sent to the caller as a log-only VQLResponse. */
  log(line: string): void;
}

/**
 * The columns of `info()` on a server: vql/info.go (v0.77.2) `GetInfo` plus `Fqdn` and `Architecture`.
 */
function infoRow(hostname: string): Row {
  return {
    Hostname: hostname,
    Uptime: 86_400 * 3,
    BootTime: Math.floor(Date.now() / 1000) - 86_400 * 3,
    OS: 'linux',
    Platform: 'ubuntu',
    PlatformFamily: 'debian',
    PlatformVersion: '22.04',
    KernelVersion: '5.15.0-105-generic',
    VirtualizationSystem: '',
    VirtualizationRole: '',
    CompilerVersion: 'go1.23.2',
    HostID: '5f0c2f0e-8d7e-4c1b-9c55-6b1c0c1f9a01',
    Exe: '/usr/local/bin/velociraptor',
    CWD: '/',
    IsAdmin: true,
    ClientStart: new Date(Date.now() - 3_600_000).toISOString(),
    LocalTZ: 'UTC',
    LocalTZOffset: 0,
    Fqdn: `${hostname}.corp.example`,
    Architecture: 'amd64',
  };
}

function evalExpr(expr: VqlExpr, scope: VqlScope, row: Row = {}): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'list':
      return expr.items.map((item) => evalExpr(item, scope, row));
    case 'variable':
      if (expr.name in row) return row[expr.name];
      if (Object.prototype.hasOwnProperty.call(scope.env, expr.name)) return scope.env[expr.name];
      scope.log(`Symbol ${expr.name} not found`);
      return null;
    case 'call':
      return callFunction(expr.name, argsOf(expr.args, scope, row), scope);
  }
}

function argsOf(args: VqlArg[], scope: VqlScope, row: Row = {}): Record<string, unknown> {
  return Object.fromEntries(args.map((arg) => [arg.name, evalExpr(arg.value, scope, row)]));
}

const str = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : String(value));

function parseJson(name: string, data: unknown, scope: VqlScope, wantArray: boolean): unknown {
  try {
    const parsed: unknown = JSON.parse(str(data));
    if (wantArray === Array.isArray(parsed)) return parsed;
  } catch {
    // reported below, as the server does for anything it cannot decode
  }
  scope.log(`${name}: unable to decode ${JSON.stringify(str(data).slice(0, 40))}`);
  return null;
}

function callFunction(name: string, args: Record<string, unknown>, scope: VqlScope): unknown {
  switch (name) {
    case 'parse_json':
      return parseJson(name, args['data'], scope, false);
    case 'parse_json_array':
      return parseJson(name, args['data'], scope, true);
    case 'dict':
      return args;
    case 'collect_client':
      return collectClient(args, scope);
    case 'create_flow_download':
      return createFlowDownload(args, scope);
    default:
      scope.log(`Function ${name} not found`);
      return null;
  }
}

/**
 * `collect_client()` per vql/server/flows/create.go (v0.77.2): returns an ArtifactCollectorResponse
 * `{flow_id, request}` (flows/proto/artifact_collector.proto), or logs `collect_client: <error>` and returns null.
 */
function collectClient(args: Record<string, unknown>, scope: VqlScope): unknown {
  const clientId = str(args['client_id']);
  const artifacts = args['artifacts'];
  if (scope.role !== 'admin') {
    scope.log(`collect_client: Permission denied: ${scope.principal} requires COLLECT_CLIENT`);
    return null;
  }
  if (!Array.isArray(artifacts) || artifacts.length === 0 || !artifacts.every((a) => typeof a === 'string')) {
    scope.log('collect_client: no artifacts to collect!');
    return null;
  }
  if (!(scope.store.clients[scope.orgId] ?? []).some((c) => c.client_id === clientId)) {
    scope.log(`collect_client: Invalid client id: ${clientId}`);
    return null;
  }
  const unknown = (artifacts as string[]).find((artifact) => !scope.store.artifacts.includes(artifact));
  if (unknown) {
    scope.log(`collect_client: Artifact ${unknown} not found`);
    return null;
  }
  const env = args['env'] && typeof args['env'] === 'object' ? (args['env'] as Record<string, unknown>) : {};
  const flowId = `F.${randomBytes(7).toString('hex').toUpperCase().slice(0, 13)}`;
  const flow = flowRow(clientId, flowId, artifacts as string[], scope.principal, 'RUNNING', Date.now() * 1000);
  flow.request['specs'] = (artifacts as string[]).map((artifact) => ({
    artifact,
    parameters: { env: Object.entries(env).map(([key, value]) => ({ key, value: str(value) })) },
  }));
  scope.store.flows.push(flow);
  return { flow_id: flowId, request: flow.request };
}

/**
 * `create_flow_download()` per vql/server/downloads/downloads.go (v0.77.2): returns the file store path of the
 * export, rendered as `fs:/downloads/<client>/<flow>/<hostname>-<client>-<flow>.zip` (paths/flow_metadata.go).
 */
function createFlowDownload(args: Record<string, unknown>, scope: VqlScope): unknown {
  const clientId = str(args['client_id']);
  const flowId = str(args['flow_id']);
  if (!scope.store.flows.some((flow) => flow.client_id === clientId && flow.session_id === flowId)) {
    scope.log(`create_flow_download: flow ${flowId} not found for ${clientId}`);
    return null;
  }
  const client = (scope.store.clients[scope.orgId] ?? []).find((c) => c.client_id === clientId);
  const host = client ? `${client.os_info.hostname}-` : '';
  const path = `fs:/downloads/${clientId}/${flowId}/${host}${clientId}-${flowId}.zip`;
  scope.downloads.push({ clientId, flowId, path });
  return path;
}

/** `clients()` per vql/server/clients/clients.go: by `client_id`, else the index search (`all`, `host:`, `label:`). */
function clients(args: Record<string, unknown>, scope: VqlScope): Row[] {
  const all = scope.store.clients[scope.orgId] ?? [];
  const clientId = str(args['client_id']);
  if (clientId) return all.filter((c) => c.client_id === clientId);
  const search = str(args['search']).toLowerCase() || 'all';
  if (search === 'all') return all;
  const [prefix, term] = search.includes(':') ? search.split(/:(.*)/s) : ['', search];
  const glob = (value: string) => (term.endsWith('*') ? value.startsWith(term.slice(0, -1)) : value === term);
  return all.filter((c) => {
    if (prefix === 'label') return c.labels.some((label) => glob(label.toLowerCase()));
    if (prefix === 'host') return glob(c.os_info.hostname.toLowerCase());
    return glob(c.client_id.toLowerCase()) || glob(c.os_info.hostname.toLowerCase());
  });
}

function plugin(name: string, args: Record<string, unknown>, scope: VqlScope): Row[] {
  switch (name) {
    case 'scope':
      return [{}];
    case 'info':
      return [infoRow(scope.hostname)];
    case 'orgs':
      return scope.store.orgs.map((org) => ({ ...org }));
    case 'clients':
      return clients(args, scope);
    case 'flows': {
      // flows/flows.go: client_id is required; each row is an ArtifactCollectorContext.
      if (!args['client_id']) {
        scope.log('flows: client_id: required field not set');
        return [];
      }
      return scope.store.flows.filter(
        (flow) =>
          flow.client_id === str(args['client_id']) && (!args['flow_id'] || flow.session_id === str(args['flow_id'])),
      );
    }
    case 'source': {
      const artifact = str(args['artifact']) + (args['source'] ? `/${str(args['source'])}` : '');
      return scope.store.results[`${str(args['client_id'])}/${str(args['flow_id'])}/${artifact}`] ?? [];
    }
    default:
      scope.log(`Plugin ${name} not found`);
      return [];
  }
}

/** Runs one parsed SELECT; columns follow the projection (or the first row's keys for `SELECT *`). */
export function runSelect(select: VqlSelect, scope: VqlScope): { rows: Row[]; columns: string[] } {
  const source = plugin(select.plugin, argsOf(select.args, scope), scope);
  const items = select.items;
  if (!items) return { rows: source, columns: Object.keys(source[0] ?? {}) };
  const rows = source.map((row) =>
    Object.fromEntries(items.map((item) => [item.alias, evalExpr(item.expr, scope, row) ?? null])),
  );
  return { rows, columns: items.map((item) => item.alias) };
}
