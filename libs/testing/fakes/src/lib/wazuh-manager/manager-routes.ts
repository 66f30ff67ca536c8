import { affectedItems, badRequest, type Failure } from './wazuh-envelope';
import { listParam, listQuery } from './wazuh-list-query';
import type { WazuhState } from './wazuh-model';
import { checkAgentId, jsonBody, type RouteContext, type WazuhRoute } from './wazuh-routes';

/**
 * API info, ruleset, SCA, syscollector, active response, manager restart and cluster status, per the Wazuh server
 * REST API v4 reference (wazuh/wazuh `api/api/spec/spec.yaml`, v4.14.7); result messages from the framework
 * modules of the same tag (`sca.py`, `syscollector.py`, `active_response.py`).
 */

/** `GET /` (spec.yaml v4.14.7 `BasicInfo`; default_controller.default_info renders `{data}` without `error`). */
function apiInfo({ state, now }: RouteContext) {
  return {
    status: 200,
    body: {
      data: {
        title: 'Wazuh API REST',
        api_version: state.info.apiVersion,
        revision: state.info.revision,
        license_name: 'GPL 2.0',
        license_url: `https://github.com/wazuh/wazuh/blob/v${state.info.apiVersion}/LICENSE`,
        hostname: state.info.hostname,
        timestamp: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    },
  };
}

/** `GET /rules` (spec.yaml v4.14.7 `AllItemsResponseRules`); `level` takes `n` or `min-max`. */
function getRules({ state, req }: RouteContext) {
  const ids = listParam(req, 'rule_ids')?.map(Number);
  const level = req.query['level'];
  const range = level ? /^(\d+)(?:-(\d+))?$/.exec(level) : null;
  if (level && !range) throw badRequest(`'${level}' is not a 'numbers_or_range' - 'level'`);
  const [min, max] = range ? [Number(range[1]), Number(range[2] ?? range[1])] : [0, Infinity];
  const status = req.query['status'];
  const group = req.query['group'];
  const filename = listParam(req, 'filename');
  const rules = state.rules.filter(
    (rule) =>
      (!ids || ids.includes(rule.id)) &&
      rule.level >= min &&
      rule.level <= max &&
      (!status || status === 'all' || rule.status === status) &&
      (!group || rule.groups.includes(group)) &&
      (!filename || filename.includes(rule.filename)),
  );
  const { items, total } = listQuery(rules, req, { defaultSort: 'id', minSelect: ['id'] });
  return affectedItems(
    items,
    [],
    { all: 'All selected rules were returned', some: 'Some rules were not returned', none: 'No rule was returned' },
    { totalAffected: total },
  );
}

/** Per-agent reads answer 200 with failed item 1701 for an unknown agent (sca.py / syscollector.py v4.14.7). */
function unknownAgent(state: WazuhState, id: string): Failure[] {
  return state.agents.has(id) ? [] : [{ id, code: 1701 }];
}

/** `GET /sca/{agent_id}` (spec.yaml v4.14.7 `AllItemsResponseSCADatabase`; core/sca.py sorts by policy_id DESC). */
function getScaPolicies({ state, req, params }: RouteContext) {
  const id = checkAgentId(params['agent_id']);
  const failures = unknownAgent(state, id);
  const name = req.query['name'];
  const policies = (state.sca.get(id)?.policies ?? []).filter((p) => !name || p.name === name);
  const { items, total } = listQuery(policies, req, { defaultSort: '-policy_id', minSelect: ['policy_id'] });
  return affectedItems(
    failures.length ? [] : items,
    failures,
    {
      all: 'All selected SCA information was returned',
      some: 'Some SCA information was not returned',
      none: 'No SCA information was returned',
    },
    { totalAffected: failures.length ? 0 : total },
  );
}

/** `GET /sca/{agent_id}/checks/{policy_id}` (spec.yaml v4.14.7 `AllItemsResponseSCAChecks`). */
function getScaChecks({ state, req, params }: RouteContext) {
  const id = checkAgentId(params['agent_id']);
  const failures = unknownAgent(state, id);
  const result = req.query['result'];
  const checks = (state.sca.get(id)?.checks.get(params['policy_id']) ?? []).filter(
    (check) => !result || check.result === result,
  );
  const { items, total } = listQuery(checks, req, { defaultSort: 'id', minSelect: ['id'] });
  return affectedItems(
    failures.length ? [] : items,
    failures,
    {
      all: 'All selected SCA/policy information was returned',
      some: 'Some SCA/policy information was not returned',
      none: 'No SCA/policy information was returned',
    },
    { totalAffected: failures.length ? 0 : total },
  );
}

/**
 * `GET /syscollector/{agent_id}/packages` (spec.yaml v4.14.7 `AllItemsResponseSyscollectorPackages`); default order
 * scan_id and no fields forced into a selection (core/syscollector.py v4.14.7).
 */
function getPackages({ state, req, params }: RouteContext) {
  const id = checkAgentId(params['agent_id']);
  const failures = unknownAgent(state, id);
  // Query names as in spec.yaml: `format` (file_format) and `version` (package_version) included.
  const filters = (['name', 'vendor', 'architecture', 'format', 'version'] as const).flatMap((field) => {
    const value = req.query[field];
    return value === undefined ? [] : [[field, value] as const];
  });
  const packages = (state.packages.get(id) ?? []).filter((pkg) =>
    filters.every(([field, value]) => String(pkg[field]) === value),
  );
  const { items, total } = listQuery(packages, req, { defaultSort: 'scan.id', minSelect: [] });
  return affectedItems(
    failures.length ? [] : items,
    failures,
    {
      all: 'All specified syscollector information was returned',
      some: 'Some syscollector information was not returned',
      none: 'No syscollector information was returned',
    },
    { totalAffected: failures.length ? 0 : total },
  );
}

/**
 * `PUT /active-response` (spec.yaml v4.14.7, body `ActiveResponseBody {command (required), arguments, alert}`,
 * JSON only). Without `agents_list` it targets every agent, as the reference documents.
 */
function runActiveResponse({ state, req, now }: RouteContext) {
  const body = jsonBody(req);
  const command = body['command'];
  if (typeof command !== 'string' || command === '') throw badRequest("'command' is a required property");
  const args = body['arguments'];
  if (args !== undefined && (!Array.isArray(args) || !args.every((a) => typeof a === 'string'))) {
    throw badRequest("'arguments' is not of type 'array' of strings");
  }
  const alert = body['alert'];
  const ids = listParam(req, 'agents_list') ?? [...state.agents.keys()].filter((id) => id !== '000');
  const failures: Failure[] = [];
  const sent: string[] = [];
  for (const id of new Set(ids.map(checkAgentId))) {
    const agent = state.agents.get(id);
    if (!agent) failures.push({ id, code: 1701 });
    else if (agent.status !== 'active') failures.push({ id, code: 1707 });
    else sent.push(id);
  }
  if (sent.length > 0) {
    state.activeResponses.push({
      agents: sent,
      command,
      arguments: (args as string[] | undefined) ?? [],
      ...(alert && typeof alert === 'object' ? { alert: alert as Record<string, unknown> } : {}),
      at: now,
    });
  }
  return affectedItems(sent.sort(), failures, {
    all: 'AR command was sent to all agents',
    some: 'AR command was not sent to some agents',
    none: 'AR command was not sent to any agent',
  });
}

/** `PUT /manager/restart`: 202 with the node names (spec.yaml v4.14.7; manager_controller.put_restart). */
function restartManager({ state }: RouteContext) {
  state.restartRequests += 1;
  return affectedItems(
    [state.cluster.nodeName],
    [],
    { all: 'Restart request sent to all specified nodes', some: '', none: '' },
    { status: 202 },
  );
}

/** `GET /cluster/status` (spec.yaml v4.14.7 `ClusterStatus`: `enabled`/`running` as "yes"/"no"). */
function clusterStatus({ state }: RouteContext) {
  return { status: 200, body: { data: { enabled: state.cluster.enabled, running: state.cluster.running }, error: 0 } };
}

export const managerRoutes: WazuhRoute[] = [
  { method: 'GET', pattern: '/', handler: apiInfo },
  { method: 'GET', pattern: '/rules', handler: getRules },
  { method: 'GET', pattern: '/sca/{agent_id}', handler: getScaPolicies },
  { method: 'GET', pattern: '/sca/{agent_id}/checks/{policy_id}', handler: getScaChecks },
  { method: 'GET', pattern: '/syscollector/{agent_id}/packages', handler: getPackages },
  { method: 'PUT', pattern: '/active-response', handler: runActiveResponse },
  { method: 'PUT', pattern: '/manager/restart', handler: restartManager },
  { method: 'GET', pattern: '/cluster/status', handler: clusterStatus },
];
