import { Logger } from '@nestjs/common';
import {
  defaultOutboundFactory,
  NotFoundError,
  UpstreamHttpError,
  type OutboundClientFactory,
  type OutboundHttp,
  type OutboundRequest,
} from '@copilot/api-core';
import { walkAgentPages, walkPages } from './wazuh-manager.pages';
import {
  agentItem,
  anyObject,
  parseApiInfo,
  parseBulk,
  parseClusterStatus,
  parsePage,
  plainString,
  requireKnownAgent,
  withNumberKey,
  upgradeItem,
  withStringKey,
} from './wazuh-manager.parse';
import * as check from './wazuh-manager.requests';
import { WazuhSession } from './wazuh-manager.session';
import { describeFailure, describeLoginFailure } from './wazuh-manager.verify';
import {
  WAZUH_MANAGER,
  type ActiveResponseRequest,
  type AgentListQuery,
  type AgentPagesOptions,
  type ListQuery,
  type PackageQuery,
  type RuleListQuery,
  type RulePagesOptions,
  type ScaCheckQuery,
  type UpgradeOptions,
  type VerifyResult,
  type WazuhAgent,
  type WazuhApiInfo,
  type WazuhBulkResult,
  type WazuhClusterStatus,
  type WazuhGroup,
  type WazuhManagerConfig,
  type WazuhPackage,
  type WazuhPage,
  type WazuhPageChunk,
  type WazuhRule,
  type WazuhScaCheck,
  type WazuhScaPolicy,
  type WazuhUpgradeTask,
} from './wazuh-manager.types';

/**
 * Typed client of the Wazuh server REST API v4 (the manager, port 55000), on the outbound helper, with JWT auth
 * (see WazuhSession). Failures surface as domain errors naming the connector: 503 for a manager that is down,
 * slow, misconfigured or answering nonsense; 400 for bad input (checked before anything is sent); 404 for an
 * agent or group the manager does not know.
 */
export class WazuhManagerClient {
  private readonly http: OutboundHttp;
  private readonly session: WazuhSession;
  private readonly username: string;
  private readonly logger = new Logger(`Connector:${WAZUH_MANAGER}`);

  constructor(config: WazuhManagerConfig, outbound: OutboundClientFactory = defaultOutboundFactory) {
    this.http = outbound.create({
      connector: WAZUH_MANAGER,
      baseUrl: config.url,
      circuitKey: config.circuitKey,
      timeoutMs: config.timeoutMs,
      verifyTls: config.verifyTls,
      caPem: config.caPem,
      allowLinkLocal: config.allowLinkLocal,
    });
    this.username = config.username;
    const basic = `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`;
    this.session = new WazuhSession(this.http, basic, config.clock ?? Date.now);
  }

  /** `GET /`: API version (odd strings kept, never rejected), hostname. */
  async info(): Promise<WazuhApiInfo> {
    return parseApiInfo(await this.json({ method: 'GET', path: '/' }));
  }

  /** Health check: a fresh login, then `GET /`. Never throws; says which step failed. */
  async verify(): Promise<VerifyResult> {
    let lifetimeMs: number;
    try {
      ({ lifetimeMs } = await this.session.authenticate());
    } catch (err) {
      return { ok: false, message: describeLoginFailure(err, this.logger) };
    }
    try {
      const info = parseApiInfo(await this.json({ method: 'GET', path: '/', probe: true }));
      const host = info.hostname ? ` on "${info.hostname}"` : '';
      return {
        ok: true,
        message:
          `connected to Wazuh API ${info.apiVersion.raw}${host} as ${this.username} ` +
          `(token valid for ${Math.round(lifetimeMs / 1000)} s)`,
      };
    } catch (err) {
      return { ok: false, message: `logged in, but GET / failed: ${describeFailure(err, this.logger)}` };
    }
  }

  /** One page of `GET /agents` (default order: by id). */
  async listAgents(query: AgentListQuery = {}): Promise<WazuhPage<WazuhAgent>> {
    const body = await this.json({ method: 'GET', path: '/agents', query: check.agentListParams(query) });
    return parsePage(body, 'GET /agents', agentItem);
  }

  /**
   * Every agent matching `options`, one page per iteration, never holding more than one page. Without an explicit
   * `sort` the walk goes by id and drops ids it has already passed, so an agent that shifts into an earlier page
   * while walking (another was added) is not yielded twice.
   */
  agentPages(options: AgentPagesOptions = {}): AsyncGenerator<WazuhPageChunk<WazuhAgent>, void, undefined> {
    return walkAgentPages((query) => this.listAgents(query), options, 'GET /agents');
  }

  /** The agent, or null when the manager does not know it (`GET /agents?agents_list=<id>`). */
  async getAgent(id: string, select?: string[]): Promise<WazuhAgent | null> {
    const query = { ...check.agentListParams({ select }), agents_list: check.agentId(id) };
    const page = parsePage(await this.json({ method: 'GET', path: '/agents', query }), 'GET /agents', agentItem);
    return page.items.find((agent) => agent.id === id) ?? null;
  }

  /**
   * Deletes the listed agents whatever their status or age (`status=all&older_than=0s`); ids the manager refused
   * (unknown, the manager itself) come back in `failed`.
   */
  async deleteAgents(ids: readonly string[], options: { purge?: boolean } = {}): Promise<WazuhBulkResult<string>> {
    const body = await this.json({
      method: 'DELETE',
      path: '/agents',
      query: { agents_list: check.agentList(ids), status: 'all', older_than: '0s', purge: options.purge },
    });
    return parseBulk(body, 'DELETE /agents', plainString);
  }

  /** Starts upgrade tasks (`PUT /agents/upgrade`); agents that cannot upgrade now come back in `failed`. */
  async upgradeAgents(
    ids: readonly string[],
    options: UpgradeOptions = {},
  ): Promise<WazuhBulkResult<WazuhUpgradeTask>> {
    const body = await this.json({
      method: 'PUT',
      path: '/agents/upgrade',
      query: {
        agents_list: check.agentList(ids),
        upgrade_version: check.versionParam(options.version),
        force: options.force,
        wpk_repo: options.wpkRepo,
        use_http: options.useHttp,
        package_type: options.packageType,
      },
      // Each attempt would create another upgrade task.
      idempotent: false,
    });
    return parseBulk(body, 'PUT /agents/upgrade', upgradeItem);
  }

  async listGroups(query: ListQuery = {}): Promise<WazuhPage<WazuhGroup>> {
    const body = await this.json({ method: 'GET', path: '/groups', query: check.listParams(query) });
    return parsePage(body, 'GET /groups', withStringKey<WazuhGroup>('name'));
  }

  /** One page of a group's agents; NotFoundError when the group does not exist. */
  async listGroupAgents(group: string, query: AgentListQuery = {}): Promise<WazuhPage<WazuhAgent>> {
    const path = `/groups/${encodeURIComponent(check.groupId(group))}/agents`;
    try {
      return parsePage(
        await this.json({ method: 'GET', path, query: check.agentListParams(query) }),
        `GET ${path}`,
        agentItem,
      );
    } catch (err) {
      if (err instanceof UpstreamHttpError && err.upstreamStatus === 404) {
        throw new NotFoundError(`${WAZUH_MANAGER}: group "${group}" does not exist`);
      }
      throw err;
    }
  }

  /** Every agent of a group, a page at a time (see agentPages). */
  groupAgentPages(
    group: string,
    options: AgentPagesOptions = {},
  ): AsyncGenerator<WazuhPageChunk<WazuhAgent>, void, undefined> {
    return walkAgentPages((query) => this.listGroupAgents(group, query), options, `GET /groups/${group}/agents`);
  }

  async listRules(query: RuleListQuery = {}): Promise<WazuhPage<WazuhRule>> {
    const { ruleIds, level, group, status, filename, ...list } = query;
    const body = await this.json({
      method: 'GET',
      path: '/rules',
      query: {
        ...check.listParams(list),
        rule_ids: check.ruleIds(ruleIds),
        level: check.levelParam(level),
        group,
        status,
        filename,
      },
    });
    return parsePage(body, 'GET /rules', withNumberKey<WazuhRule>('id'));
  }

  rulePages(options: RulePagesOptions = {}): AsyncGenerator<WazuhPageChunk<WazuhRule>, void, undefined> {
    const { pageSize, ...filters } = options;
    return walkPages((offset, limit) => this.listRules({ ...filters, offset, limit }), {
      pageSize: check.pageSize(pageSize),
      // No key: the rules' default order is not documented, and the ruleset does not change while walking.
      call: 'GET /rules',
    });
  }

  /** SCA policies scanned on an agent (`GET /sca/{agent_id}`); NotFoundError for an unknown agent. */
  async scaPolicies(agentId: string, query: ListQuery = {}): Promise<WazuhPage<WazuhScaPolicy>> {
    const path = `/sca/${check.agentId(agentId)}`;
    const page = parsePage(
      await this.json({ method: 'GET', path, query: check.listParams(query) }),
      `GET ${path}`,
      withStringKey<WazuhScaPolicy>('policy_id'),
    );
    return requireKnownAgent(agentId, page);
  }

  /** Checks of one policy on an agent (`GET /sca/{agent_id}/checks/{policy_id}`). */
  async scaChecks(agentId: string, policyId: string, query: ScaCheckQuery = {}): Promise<WazuhPage<WazuhScaCheck>> {
    const { result, ...list } = query;
    const path = `/sca/${check.agentId(agentId)}/checks/${encodeURIComponent(check.policyId(policyId))}`;
    const page = parsePage(
      await this.json({ method: 'GET', path, query: { ...check.listParams(list), result } }),
      `GET ${path}`,
      withNumberKey<WazuhScaCheck>('id'),
    );
    return requireKnownAgent(agentId, page);
  }

  /** Installed packages from syscollector (`GET /syscollector/{agent_id}/packages`). */
  async packages(agentId: string, query: PackageQuery = {}): Promise<WazuhPage<WazuhPackage>> {
    const { name, vendor, architecture, format, version, ...list } = query;
    const path = `/syscollector/${check.agentId(agentId)}/packages`;
    const page = parsePage(
      await this.json({
        method: 'GET',
        path,
        query: { ...check.listParams(list), name, vendor, architecture, format, version },
      }),
      `GET ${path}`,
      anyObject<WazuhPackage>,
    );
    return requireKnownAgent(agentId, page);
  }

  /** Runs an active-response command on the listed agents (JSON body, as the API requires). */
  async runActiveResponse(request: ActiveResponseRequest): Promise<WazuhBulkResult<string>> {
    const agents = check.agentList(request.agents);
    const args = check.stringList(request.arguments ?? [], 'arguments');
    const body = await this.json({
      method: 'PUT',
      path: '/active-response',
      query: { agents_list: agents },
      body: {
        command: check.activeResponseCommand(request.command),
        arguments: args,
        ...(request.alert ? { alert: request.alert } : {}),
      },
      // Each attempt would run the command again.
      idempotent: false,
    });
    return parseBulk(body, 'PUT /active-response', plainString);
  }

  /** Asks the manager (every node of a cluster) to restart; answers 202 with the node names. */
  async restartManager(): Promise<WazuhBulkResult<string>> {
    const body = await this.json({ method: 'PUT', path: '/manager/restart', idempotent: false });
    return parseBulk(body, 'PUT /manager/restart', plainString);
  }

  async clusterStatus(): Promise<WazuhClusterStatus> {
    return parseClusterStatus(await this.json({ method: 'GET', path: '/cluster/status' }));
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async json(request: OutboundRequest): Promise<unknown> {
    return (await this.session.request(request)).json<unknown>();
  }
}
