import { Logger } from '@nestjs/common';
import {
  BadInputError,
  CircuitBreakerRegistry,
  NotFoundError,
  OutboundHttpFactory,
  UpstreamFormatError,
  UpstreamHttpError,
} from '@copilot/api-core';
import { ScriptedHttpServer } from '@copilot/testing-fakes';
import { FakeWazuhManager } from '@copilot/testing-fakes';
import { WazuhManagerClient } from './wazuh-manager.client';
import type { WazuhAgent, WazuhPageChunk } from './wazuh-manager.types';

describe('WazuhManagerClient against FakeWazuhManager over HTTPS', () => {
  let fake: FakeWazuhManager;
  let client: WazuhManagerClient;
  const outbound = () => new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() });
  const collect = async (walk: AsyncGenerator<WazuhPageChunk<WazuhAgent>>) => {
    const chunks: Array<WazuhPageChunk<WazuhAgent>> = [];
    for await (const chunk of walk) chunks.push(chunk);
    return { chunks, ids: chunks.flatMap((c) => c.items.map((a) => a.id)) };
  };
  const requestsTo = (path: string) => fake.requests.filter((r) => r.path === path);

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeWazuhManager.start({ tls: true, password: 'S3cure!' });
    client = new WazuhManagerClient(
      { url: fake.url, username: 'wazuh-wui', password: 'S3cure!', caPem: fake.caPem },
      outbound(),
    );
  });

  beforeEach(() => {
    fake.clearFaults();
    fake.clearRequests();
  });

  afterAll(async () => {
    await client.close();
    await fake.stop();
  });

  it('reads the API info and never chokes on an odd version string', async () => {
    expect(await client.info()).toMatchObject({
      title: 'Wazuh API REST',
      hostname: 'wazuh-manager',
      apiVersion: { raw: '4.14.7', major: 4, minor: 14, patch: 7, suffix: null },
    });
    fake.setApiVersion('v4.8.0-rc2');
    expect((await client.info()).apiVersion).toMatchObject({ major: 4, minor: 8, patch: 0, suffix: 'rc2' });
    fake.setApiVersion('nightly');
    expect((await client.info()).apiVersion).toEqual({
      raw: 'nightly',
      major: null,
      minor: null,
      patch: null,
      suffix: 'nightly',
    });
    fake.setApiVersion('4.14.7');
  });

  it('lists one page of agents with filters, selection and total', async () => {
    const page = await client.listAgents({ limit: 5, status: ['active'], select: ['name', 'os.platform'] });
    expect(page.items).toHaveLength(5);
    expect(page.total).toBe([...fake.state.agents.values()].filter((a) => a.status === 'active').length);
    expect(Object.keys(page.items[1]).sort()).toEqual(['id', 'name', 'os']);
    expect(requestsTo('/agents')[0].query).toEqual({ limit: '5', status: 'active', select: 'name,os.platform' });
    const acme = await client.listAgents({ search: 'acme', group: 'linux_acme' });
    expect(acme.items.every((a) => a.name?.startsWith('acme') && a.group?.includes('linux_acme'))).toBe(true);
  });

  it('walks every agent one page at a time, never asking for more than a page', async () => {
    const { chunks, ids } = await collect(client.agentPages({ pageSize: 7, select: ['name'] }));
    const all = [...fake.state.agents.keys()].sort();
    expect(ids).toEqual(all);
    expect(chunks.map((c) => c.items.length)).toEqual([7, 7, 7, all.length - 21]);
    expect(chunks.map((c) => c.offset)).toEqual([0, 7, 14, 21]);
    expect(requestsTo('/agents').map((r) => r.query)).toEqual(
      [0, 7, 14, 21].map((offset) => ({ offset: String(offset), limit: '7', sort: '+id', select: 'id,name' })),
    );
  });

  it('does not yield an agent twice when one is inserted ahead of the walk', async () => {
    const template = fake.agent('002');
    if (!template) throw new Error('the seed has no agent 002');
    const seen: string[] = [];
    for await (const chunk of client.agentPages({ pageSize: 5 })) {
      seen.push(...chunk.items.map((a) => a.id));
      // Sorts between 003 and 004: everything after it shifts one place, so 004 would come back on the next page.
      if (seen.length === 5) fake.putAgent({ ...template, id: '0003' });
    }
    fake.state.agents.delete('0003');
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => id !== '0003')).toEqual([...fake.state.agents.keys()].sort());
  });

  it('fails clearly when a server ignores the offset instead of looping forever', async () => {
    const stuck = await new ScriptedHttpServer((req) =>
      req.path === '/security/user/authenticate'
        ? { status: 200, body: { data: { token: 'opaque' }, error: 0 } }
        : {
            status: 200,
            body: { data: { affected_items: [{ id: '001' }, { id: '002' }], total_affected_items: 9 }, error: 0 },
          },
    ).start();
    const odd = new WazuhManagerClient({ url: stuck.url, username: 'u', password: 'p' }, outbound());
    try {
      await expect(collect(odd.agentPages({ pageSize: 2 }))).rejects.toThrow(UpstreamFormatError);
      await expect(collect(odd.agentPages({ pageSize: 2 }))).rejects.toThrow('paging made no progress at offset 2');
      expect(stuck.requests.filter((r) => r.path === '/agents').length).toBeLessThanOrEqual(4);
    } finally {
      await odd.close();
      await stuck.stop();
    }
  });

  it('walks a group and the ruleset page by page', async () => {
    const { ids } = await collect(client.groupAgentPages('linux_acme', { pageSize: 2 }));
    const members = [...fake.state.agents.values()].filter((a) => a.group?.includes('linux_acme')).map((a) => a.id);
    expect(ids).toEqual(members.sort());
    const rules: number[] = [];
    for await (const chunk of client.rulePages({ pageSize: 50 })) rules.push(...chunk.items.map((r) => r.id));
    expect(rules).toHaveLength(120);
  });

  it('gets one agent, or null for an id the manager does not know', async () => {
    expect(await client.getAgent('004')).toMatchObject({
      id: '004',
      os: { platform: 'windows' },
      group: ['default', 'windows_acme'],
    });
    expect(requestsTo('/agents')[0].query).toEqual({ agents_list: '004' });
    expect(await client.getAgent('999')).toBeNull();
  });

  it('refuses malformed ids and queries as bad input without calling the manager', async () => {
    await expect(client.getAgent('all')).rejects.toThrow(BadInputError);
    await expect(client.deleteAgents([])).rejects.toThrow('agents: name at least one agent');
    await expect(client.deleteAgents(['all'])).rejects.toThrow('invalid agent id "all"');
    await expect(client.scaChecks('001', '../../manager')).rejects.toThrow(BadInputError);
    await expect(client.listGroupAgents('a/b')).rejects.toThrow(BadInputError);
    await expect(client.listAgents({ limit: 0 })).rejects.toThrow(BadInputError);
    await expect(client.listAgents({ sort: 'name;drop' })).rejects.toThrow(BadInputError);
    await expect(client.runActiveResponse({ agents: [], command: 'restart-wazuh' })).rejects.toThrow(BadInputError);
    await expect(client.runActiveResponse({ agents: ['001'], command: 'rm -rf /' })).rejects.toThrow(BadInputError);
    expect(() => client.agentPages({ pageSize: 0 })).toThrow(BadInputError);
    expect(fake.requests).toHaveLength(0);
  });

  it('deletes agents whatever their status or age, and reports those it could not delete', async () => {
    const result = await client.deleteAgents(['017', '999', '000', '024']);
    expect(result.affected).toEqual(['017', '024']);
    expect(result.failed.map((f) => [f.code, f.ids])).toEqual([
      [1701, ['999']],
      [1703, ['000']],
    ]);
    expect(result.message).toBe('Some agents were not deleted');
    expect(requestsTo('/agents')[0].query).toEqual({ agents_list: '017,999,000,024', status: 'all', older_than: '0s' });
    expect(fake.agent('017')).toBeUndefined();
  });

  it('starts upgrade tasks only once, even when the answer is a 5xx', async () => {
    const result = await client.upgradeAgents(['001', '002', '003']);
    expect(result.affected).toEqual([{ agent: '001', taskId: expect.any(Number) }]);
    expect(result.failed.map((f) => f.code)).toEqual([1707, 1819]);
    const forced = await client.upgradeAgents(['002'], { force: true, version: 'v4.14.7' });
    expect(forced.affected).toHaveLength(1);
    expect(requestsTo('/agents/upgrade')[1].query).toEqual({
      agents_list: '002',
      upgrade_version: '4.14.7',
      force: 'true',
    });

    fake.failNext(1, 503);
    await expect(client.upgradeAgents(['009'])).rejects.toThrow(UpstreamHttpError);
    expect(requestsTo('/agents/upgrade')).toHaveLength(3);
  });

  it("words Wazuh's own error documents", async () => {
    const call = client.upgradeAgents(['001'], { version: '9.0.0' });
    await expect(call).rejects.toBeInstanceOf(UpstreamHttpError);
    await expect(call).rejects.toThrow(
      'Wazuh-Manager: HTTP 400 from PUT /agents/upgrade: Bad Request: Upgrading an agent to a version higher than the manager requires the force flag',
    );
  });

  it('lists groups and their agents, and says when a group does not exist', async () => {
    const groups = await client.listGroups();
    expect(groups.items.find((g) => g.name === 'dmz')).toMatchObject({
      count: expect.any(Number),
      mergedSum: expect.any(String),
    });
    const dmz = await client.listGroupAgents('dmz', { select: ['name'] });
    expect(dmz.items.length).toBe(groups.items.find((g) => g.name === 'dmz')?.count);
    await expect(client.listGroupAgents('nope')).rejects.toThrow(
      new NotFoundError('Wazuh-Manager: group "nope" does not exist'),
    );
  });

  it('lists rules with filters', async () => {
    const severe = await client.listRules({ level: { min: 10, max: 16 }, limit: 5 });
    expect(severe.items.every((r) => (r.level ?? 0) >= 10)).toBe(true);
    const ssh = await client.listRules({ ruleIds: [5710, 5715] });
    expect(ssh.items.map((r) => [r.id, r.filename])).toEqual([
      [5710, '0095-sshd_rules.xml'],
      [5715, '0095-sshd_rules.xml'],
    ]);
    expect((await client.listRules({ search: 'brute force', limit: 500 })).items.map((r) => r.id)).toContain(5712);
  });

  it('reads SCA policies and checks per agent', async () => {
    const policies = await client.scaPolicies('001');
    expect(policies.items).toHaveLength(1);
    const [policy] = policies.items;
    const failed = await client.scaChecks('001', policy.policy_id, { result: 'failed' });
    expect(failed.total).toBe(policy.fail);
    expect(failed.items.every((c) => c.result === 'failed' && typeof c.id === 'number')).toBe(true);
    await expect(client.scaPolicies('999')).rejects.toThrow(
      new NotFoundError('Wazuh-Manager: agent 999 does not exist'),
    );
  });

  it('reads syscollector packages per agent', async () => {
    const curl = await client.packages('009', { name: 'curl' });
    expect(curl.items).toEqual([expect.objectContaining({ name: 'curl', format: 'deb', version: expect.any(String) })]);
    expect((await client.packages('001', { limit: 2 })).total).toBeGreaterThan(2);
    await expect(client.packages('999')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('runs active response with a JSON body, once, reporting agents it could not reach', async () => {
    const result = await client.runActiveResponse({
      agents: ['001', '003'],
      command: '!firewall-drop',
      arguments: ['-srcip', '203.0.113.9'],
      alert: { data: { srcip: '203.0.113.9' } },
    });
    expect(result).toMatchObject({ affected: ['001'], message: 'AR command was not sent to some agents' });
    expect(result.failed).toEqual([expect.objectContaining({ code: 1707, ids: ['003'] })]);
    const [sent] = requestsTo('/active-response');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent.body)).toEqual({
      command: '!firewall-drop',
      arguments: ['-srcip', '203.0.113.9'],
      alert: { data: { srcip: '203.0.113.9' } },
    });
    expect(fake.activeResponses.at(-1)).toMatchObject({ agents: ['001'], command: '!firewall-drop' });

    fake.failNext(1, 502);
    await expect(client.runActiveResponse({ agents: ['001'], command: 'restart-wazuh' })).rejects.toThrow(
      UpstreamHttpError,
    );
    expect(requestsTo('/active-response')).toHaveLength(2);
  });

  it('restarts the manager and reads the cluster status', async () => {
    expect(await client.restartManager()).toEqual({
      affected: ['node01'],
      failed: [],
      message: 'Restart request sent to all specified nodes',
    });
    expect(fake.restartRequests).toBe(1);
    expect(await client.clusterStatus()).toEqual({ enabled: true, running: true });
    fake.setCluster(false, false);
    expect(await client.clusterStatus()).toEqual({ enabled: false, running: false });
  });

  it('retries a transient 5xx on reads transparently', async () => {
    fake.failNext(1, 503);
    expect((await client.listGroups()).items.length).toBeGreaterThan(0);
    expect(requestsTo('/groups')).toHaveLength(2);
  });
});
