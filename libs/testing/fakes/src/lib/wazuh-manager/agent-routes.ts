import { affectedItems, badRequest, notFound, WazuhProblem, type Failure } from './wazuh-envelope';
import { booleanParam, listParam, listQuery } from './wazuh-list-query';
import { AGENT_STATUSES, type FakeAgent, type WazuhState } from './wazuh-model';
import {
  checkAgentId,
  compareVersions,
  timeframeMs,
  versionTuple,
  type RouteContext,
  type WazuhRoute,
} from './wazuh-routes';

/**
 * Agents and groups, per the Wazuh server REST API v4 reference (wazuh/wazuh `api/api/spec/spec.yaml`, v4.14.7):
 * `GET/DELETE /agents`, `PUT /agents/upgrade`, `GET /groups`, `GET /groups/{group_id}/agents`. Result messages
 * and failure codes are those of `framework/wazuh/agent.py` at the same tag.
 */

function statusFilter(raw: string[] | undefined, allowAll: boolean): Set<string> | undefined {
  if (!raw) return undefined;
  for (const status of raw) {
    if (!(AGENT_STATUSES as readonly string[]).includes(status) && !(allowAll && status === 'all')) {
      throw badRequest(
        `'${status}' is not one of ${JSON.stringify(allowAll ? ['all', ...AGENT_STATUSES] : AGENT_STATUSES)} - 'status'`,
      );
    }
  }
  return raw.includes('all') ? undefined : new Set(raw);
}

/** `agents_list`: explicit ids, or (where the endpoint allows it) `all`. Unknown ids become failed items. */
function selectAgents(
  state: WazuhState,
  ids: string[] | undefined,
  allowAll: boolean,
): { agents: FakeAgent[]; failures: Failure[] } {
  if (!ids || (allowAll && ids.includes('all'))) return { agents: [...state.agents.values()], failures: [] };
  const failures: Failure[] = [];
  const agents: FakeAgent[] = [];
  for (const id of new Set(ids.map(checkAgentId))) {
    const agent = state.agents.get(id);
    if (agent) agents.push(agent);
    else failures.push({ id, code: 1701 });
  }
  return { agents, failures };
}

/** Example of `GET /agents` (spec.yaml v4.14.7): affected_items are `Agent` objects. */
function getAgents({ state, req }: RouteContext) {
  const { agents, failures } = selectAgents(state, listParam(req, 'agents_list'), false);
  const statuses = statusFilter(listParam(req, 'status'), false);
  const group = req.query['group'];
  const name = req.query['name'];
  const matching = agents.filter(
    (agent) =>
      (!statuses || statuses.has(agent.status)) &&
      (!group || (agent.group ?? []).includes(group)) &&
      (!name || agent.name === name),
  );
  const { items, total } = listQuery(matching, req, { defaultSort: 'id', minSelect: ['id'] });
  return affectedItems(
    items,
    failures,
    {
      all: 'All selected agents information was returned',
      some: 'Some agents information was not returned',
      none: 'No agent information was returned',
    },
    { totalAffected: total },
  );
}

/** Example of `DELETE /agents` (spec.yaml v4.14.7): affected_items are the deleted ids. */
function deleteAgents({ state, req, now }: RouteContext) {
  const ids = listParam(req, 'agents_list');
  if (!ids) throw badRequest("Missing query parameter 'agents_list'");
  const statusRaw = listParam(req, 'status');
  if (!statusRaw) throw badRequest("Missing query parameter 'status'");
  const statuses = statusFilter(statusRaw, true);
  const olderThan = req.query['older_than'] ?? '7d';
  const olderThanMs = timeframeMs(olderThan, 'older_than');
  booleanParam(req, 'purge');
  const { agents, failures } = selectAgents(state, ids, true);
  const deleted: string[] = [];
  const requirements = `some of the requirements are not met -> status: ${statusRaw.join(',')}, older_than: ${olderThan}`;
  for (const agent of agents) {
    if (agent.id === '000') {
      failures.push({ id: '000', code: 1703 });
      continue;
    }
    // never_connected agents are aged by their registration date (spec.yaml v4.14.7 `older_than`).
    const since = Date.parse(agent.lastKeepAlive ?? agent.dateAdd);
    if ((statuses && !statuses.has(agent.status)) || now - since < olderThanMs) {
      failures.push({ id: agent.id, code: 1731, extra: requirements });
      continue;
    }
    state.agents.delete(agent.id);
    state.sca.delete(agent.id);
    state.packages.delete(agent.id);
    deleted.push(agent.id);
  }
  return affectedItems(
    deleted.sort((a, b) => Number(a) - Number(b)),
    failures,
    {
      all: 'All selected agents were deleted',
      some: 'Some agents were not deleted',
      none: 'No agents were deleted',
    },
  );
}

/** Example of `PUT /agents/upgrade` (spec.yaml v4.14.7): affected_items are `{agent, task_id}`. */
function upgradeAgents({ state, req }: RouteContext) {
  const ids = listParam(req, 'agents_list');
  if (!ids) throw badRequest("Missing query parameter 'agents_list'");
  const force = booleanParam(req, 'force');
  const target = req.query['upgrade_version'] ?? null;
  const targetTuple = versionTuple(target ?? state.info.apiVersion);
  if (!force && compareVersions(targetTuple, versionTuple(state.info.apiVersion)) > 0) {
    // Upgrade-module error 1823, answered as a bad request (framework/wazuh/agent.py v4.14.7).
    throw new WazuhProblem(
      400,
      'Bad Request',
      'Upgrading an agent to a version higher than the manager requires the force flag',
      {
        error: 1823,
      },
    );
  }
  const { agents, failures } = selectAgents(state, ids, true);
  const tasks: Array<{ agent: string; task_id: number }> = [];
  for (const agent of agents) {
    if (agent.id === '000') failures.push({ id: '000', code: 1703 });
    else if (agent.status !== 'active') failures.push({ id: agent.id, code: 1707 });
    else if (!force && compareVersions(versionTuple(agent.version), targetTuple) >= 0) {
      failures.push({ id: agent.id, code: 1819 });
    } else {
      const taskId = state.upgradeTasks.length + 1;
      state.upgradeTasks.push({ taskId, agent: agent.id, version: target, force });
      tasks.push({ agent: agent.id, task_id: taskId });
    }
  }
  return affectedItems(tasks, failures, {
    all: 'All upgrade tasks were created',
    some: 'Some upgrade tasks were not created',
    none: 'No upgrade task was created',
  });
}

/** Example of `GET /groups` (spec.yaml v4.14.7): `{name, count, mergedSum, configSum}`. */
function getGroups({ state, req }: RouteContext) {
  const wanted = listParam(req, 'groups_list');
  const failures: Failure[] = [];
  const groups = [...state.groups.values()]
    .filter((group) => !wanted || wanted.includes(group.name))
    .map((group) => ({
      name: group.name,
      count: [...state.agents.values()].filter((agent) => (agent.group ?? []).includes(group.name)).length,
      mergedSum: group.mergedSum,
      configSum: group.configSum,
    }));
  for (const name of wanted ?? []) if (!state.groups.has(name)) failures.push({ id: name, code: 1710 });
  const { items, total } = listQuery(groups, req, { defaultSort: 'name', minSelect: ['name'] });
  return affectedItems(
    items,
    failures,
    {
      all: 'All selected groups information was returned',
      some: 'Some groups information was not returned',
      none: 'No group information was returned',
    },
    { totalAffected: total },
  );
}

/** Example of `GET /groups/{group_id}/agents` (spec.yaml v4.14.7); an unknown group is a 404 (error 1710). */
function getGroupAgents({ state, req, params }: RouteContext) {
  const groupId = params['group_id'];
  if (!state.groups.has(groupId)) throw notFound(1710);
  const statuses = statusFilter(listParam(req, 'status'), false);
  const members = [...state.agents.values()].filter(
    (agent) => (agent.group ?? []).includes(groupId) && (!statuses || statuses.has(agent.status)),
  );
  const { items, total } = listQuery(members, req, { defaultSort: 'id', minSelect: ['id'] });
  return affectedItems(
    items,
    [],
    {
      all: 'All selected agents information was returned',
      some: 'Some agents information was not returned',
      none: 'No agent information was returned',
    },
    { totalAffected: total },
  );
}

export const agentRoutes: WazuhRoute[] = [
  { method: 'GET', pattern: '/agents', handler: getAgents },
  { method: 'DELETE', pattern: '/agents', handler: deleteAgents },
  { method: 'PUT', pattern: '/agents/upgrade', handler: upgradeAgents },
  { method: 'GET', pattern: '/groups', handler: getGroups },
  { method: 'GET', pattern: '/groups/{group_id}/agents', handler: getGroupAgents },
];
