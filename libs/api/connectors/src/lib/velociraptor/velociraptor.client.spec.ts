import { Logger } from '@nestjs/common';
import { BadInputError, UpstreamAuthError, UpstreamFormatError } from '@copilot/api-core';
// The fake lives in the testing lib; its folder index is imported directly until the lib's index re-exports it.
import { FakeVelociraptor } from '@copilot/testing-fakes';
import { VelociraptorClient } from './velociraptor.client';
import { VqlError } from './velociraptor.errors';
import type { VqlRow } from './velociraptor.types';

const WEB = 'C.1a2b3c4d5e6f7081';
const DC = 'C.0f1e2d3c4b5a6978';

describe('VelociraptorClient against FakeVelociraptor', () => {
  let fake: FakeVelociraptor;
  let client: VelociraptorClient;

  const lastQuery = () => fake.queries[fake.queries.length - 1];
  const collectAll = async <T>(rows: AsyncIterable<T>) => {
    const out: T[] = [];
    for await (const row of rows) out.push(row);
    return out;
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeVelociraptor.start({ users: { copilot: 'admin', auditor: 'reader' } });
    client = VelociraptorClient.fromApiClientFile(fake.apiClientYaml(), { timeoutMs: 5_000 });
  });

  afterEach(() => fake.clearFaults());

  afterAll(async () => {
    await client.close();
    await fake.stop();
  });

  it('reads the server info()', async () => {
    expect(await client.info()).toEqual({
      hostname: 'velociraptor-fake',
      fqdn: 'velociraptor-fake.corp.example',
      os: 'linux',
      platform: 'ubuntu',
      platformVersion: '22.04',
      kernelVersion: '5.15.0-105-generic',
      architecture: 'amd64',
    });
  });

  it('lists orgs', async () => {
    expect(await client.orgs()).toEqual([
      { id: 'root', name: 'root' },
      { id: 'O7KQ2', name: 'ACME' },
    ]);
    expect(lastQuery().vql).toEqual(['SELECT Name, OrgId FROM orgs()']);
  });

  it('lists clients with the search passed as an env variable, per org', async () => {
    const all = await collectAll(client.clients());
    expect(all.map((c) => c.hostname)).toEqual(['web-01', 'ACME-DC01', 'globex-mbp', 'lab-vm']);
    expect(all[0]).toEqual({
      clientId: WEB,
      hostname: 'web-01',
      fqdn: 'web-01.corp.example',
      os: 'linux',
      release: 'Ubuntu 22.04.4 LTS',
      machine: 'amd64',
      labels: ['customer_ACME', 'web'],
      lastIp: '10.0.1.21:52144',
      agentVersion: '0.77.2',
      firstSeenAt: '2024-04-02T09:30:00.000Z',
      lastSeenAt: '2024-05-02T09:29:15.000Z',
    });
    expect(lastQuery().env).toEqual({ Search: 'all' });
    const acme = await collectAll(client.clients({ search: 'label:customer_acme', orgId: 'O7KQ2' }));
    expect(acme.map((c) => c.clientId)).toEqual([WEB, DC]);
    expect(lastQuery()).toMatchObject({ orgId: 'O7KQ2', env: { Search: 'label:customer_acme' } });
    expect(await client.client(DC)).toMatchObject({ hostname: 'ACME-DC01', os: 'windows' });
    expect(await client.client('C.ffffffffffffffff')).toBeNull();
  });

  it('never chokes on odd client rows (missing fields, string or absent times, other versions)', async () => {
    fake.store.clients['O7KQ2'].push({
      client_id: 'C.0000000000000bad',
      os_info: null,
      first_seen_at: 'soon',
      labels: 'x',
    } as never);
    try {
      const rows = await collectAll(client.clients({ orgId: 'O7KQ2', search: 'C.0000000000000bad' }));
      expect(rows).toEqual([
        {
          clientId: 'C.0000000000000bad',
          hostname: '',
          fqdn: null,
          os: null,
          release: null,
          machine: null,
          labels: [],
          lastIp: null,
          agentVersion: null,
          firstSeenAt: null,
          lastSeenAt: null,
        },
      ]);
    } finally {
      fake.store.clients['O7KQ2'].pop();
    }
  });

  it('keeps user input out of the VQL text: an injection attempt is just a search string', async () => {
    const attack = "x') FROM scope() ; SELECT * FROM execve(argv=['id']) --";
    expect(await collectAll(client.clients({ search: attack }))).toEqual([]);
    expect(lastQuery().vql).toEqual([
      'SELECT client_id, agent_information, os_info, first_seen_at, last_seen_at, last_ip, labels FROM clients(search=Search)',
    ]);
    expect(lastQuery().env).toEqual({ Search: attack });
    const before = fake.queries.length;
    await expect(
      client.collect({ clientId: `${WEB}', artifacts=['Evil'])`, artifacts: ['Generic.Client.Info'] }),
    ).rejects.toThrow('clientId: must be a Velociraptor client id (C. and 16 hex digits)');
    await expect(client.flows('C.1A2B3C4D5E6F7081')).rejects.toThrow(BadInputError);
    await expect(client.createFlowDownload({ clientId: WEB, flowId: "F.X') --" })).rejects.toThrow(
      'flowId: must be a Velociraptor flow id',
    );
    await expect(client.collect({ clientId: WEB, artifacts: ["Generic.Client.Info'])"] })).rejects.toThrow(
      'artifacts[0]: must be an artifact name',
    );
    await expect(client.rows('SELECT 1 FROM scope()', { env: { 'bad name': 'x' } })).rejects.toThrow('env.bad name');
    await expect(client.rows('SELECT 1 FROM scope()', { orgId: "root' OR 1" })).rejects.toThrow(
      'orgId: must be a Velociraptor org id',
    );
    expect(fake.queries.length).toBe(before);
  });

  it('collects artifacts on a client and finds the new flow among its flows', async () => {
    const result = await client.collect({
      clientId: WEB,
      artifacts: ['Linux.Sys.Pslist'],
      parameters: { ProcessRegex: "nginx' OR 1=1" },
    });
    expect(result).toEqual({
      clientId: WEB,
      flowId: expect.stringMatching(/^F\.[A-Z0-9]+$/),
      artifacts: ['Linux.Sys.Pslist'],
    });
    expect(lastQuery().vql[0]).toBe(
      'SELECT collect_client(client_id=ClientId, artifacts=parse_json_array(data=Artifacts), env=parse_json(data=Parameters)) AS Flow FROM scope()',
    );
    expect(lastQuery().env).toEqual({
      ClientId: WEB,
      Artifacts: '["Linux.Sys.Pslist"]',
      Parameters: '{"ProcessRegex":"nginx\' OR 1=1"}',
    });
    const flows = await client.flows(WEB);
    const created = flows.find((flow) => flow.flowId === result.flowId);
    expect(created).toMatchObject({
      clientId: WEB,
      state: 'RUNNING',
      artifacts: ['Linux.Sys.Pslist'],
      creator: 'copilot',
    });
    expect(flows.find((flow) => flow.flowId === 'F.CPQ4A1B2C3D4E')).toEqual({
      flowId: 'F.CPQ4A1B2C3D4E',
      clientId: WEB,
      state: 'FINISHED',
      artifacts: ['Linux.Sys.Pslist'],
      artifactsWithResults: ['Linux.Sys.Pslist'],
      creator: 'admin',
      createdAt: '2024-05-02T09:20:00.000Z',
      startedAt: '2024-05-02T09:20:02.000Z',
      lastActiveAt: '2024-05-02T09:20:09.000Z',
      totalCollectedRows: 25,
      totalUploadedFiles: 0,
      totalUploadedBytes: 0,
      status: '',
    });
    expect(await client.flow(WEB, 'F.CPQ4A1B2C3D4E')).toMatchObject({ state: 'FINISHED' });
  });

  it('explains why a collection was not scheduled, from the server log', async () => {
    await expect(client.collect({ clientId: WEB, artifacts: ['Windows.Nope'] })).rejects.toThrow(
      'Velociraptor: collect_client() returned no result: collect_client: Artifact Windows.Nope not found',
    );
    const auditor = VelociraptorClient.fromApiClientFile(
      fake.apiClientYaml({ client: fake.issueClientCertificate('auditor'), name: 'auditor' }),
    );
    try {
      await expect(auditor.collect({ clientId: WEB, artifacts: ['Generic.Client.Info'] })).rejects.toThrow(
        'collect_client: Permission denied: auditor requires COLLECT_CLIENT',
      );
      expect((await auditor.orgs()).length).toBe(2);
    } finally {
      await auditor.close();
    }
  });

  it('streams flow results part by part and stops (cancelling the call) at maxRows', async () => {
    const rows = await collectAll(
      client.flowResults({ clientId: WEB, flowId: 'F.CPQ4A1B2C3D4E', artifact: 'Linux.Sys.Pslist' }),
    );
    expect(rows).toHaveLength(25);
    expect(rows[0]).toMatchObject({ Pid: 100, Name: 'systemd', Username: 'root' });
    const named = await collectAll(
      client.flowResults({
        clientId: WEB,
        flowId: 'F.CPQ2T9N6V0O1A',
        artifact: 'Generic.Client.Info',
        source: 'BasicInformation',
      }),
    );
    expect(named).toEqual([expect.objectContaining({ Hostname: 'web-01', BuildVersion: '0.77.2' })]);
    expect(lastQuery().env).toMatchObject({ Artifact: 'Generic.Client.Info', Source: 'BasicInformation' });

    fake.injectFault({ kind: 'slow-parts', ms: 1_000 });
    const started = Date.now();
    const firstFive: VqlRow[] = [];
    for await (const row of client.query('SELECT * FROM source(client_id=C, flow_id=F, artifact=A)', {
      env: { C: WEB, F: 'F.CPQ4A1B2C3D4E', A: 'Linux.Sys.Pslist' },
      maxRows: 5,
    })) {
      firstFive.push(row);
    }
    // The first part (max_row = maxRows = 5 rows) arrived at once; the other four parts were never waited for.
    expect(Date.now() - started).toBeLessThan(900);
    expect(firstFive.map((row) => row['Pid'])).toEqual([100, 107, 114, 121, 128]);
    expect(lastQuery().maxRow).toBe(5);
    await waitFor(() => lastQuery().cancelled);
  });

  it('yields rows before the stream ends, and breaking out cancels the call', async () => {
    // Five parts of five rows, 300 ms apart: the whole answer takes 1.2 s, the first row must not wait for it.
    fake.injectFault({ kind: 'slow-parts', ms: 300 });
    fake.partSize = 5;
    const seen: number[] = [];
    const started = Date.now();
    try {
      for await (const row of client.query('SELECT * FROM source(client_id=C, flow_id=F, artifact=A)', {
        env: { C: WEB, F: 'F.CPQ4A1B2C3D4E', A: 'Linux.Sys.Pslist' },
        timeoutMs: 20_000,
      })) {
        seen.push(Date.now() - started);
        if (row['Pid'] === 135) break;
      }
    } finally {
      fake.partSize = Number.POSITIVE_INFINITY;
    }
    expect(seen).toHaveLength(6);
    expect(seen[0]).toBeLessThan(250);
    expect(seen[5]).toBeGreaterThanOrEqual(250);
    await waitFor(() => lastQuery().cancelled);
  });

  it('prepares a flow download and answers its file store path', async () => {
    expect(await client.createFlowDownload({ clientId: WEB, flowId: 'F.CPQ4A1B2C3D4E' })).toEqual({
      clientId: WEB,
      flowId: 'F.CPQ4A1B2C3D4E',
      path: `fs:/downloads/${WEB}/F.CPQ4A1B2C3D4E/web-01-${WEB}-F.CPQ4A1B2C3D4E.zip`,
    });
    expect(lastQuery().vql[0]).toContain('create_flow_download(client_id=ClientId, flow_id=FlowId, wait=TRUE)');
    await expect(client.createFlowDownload({ clientId: DC, flowId: 'F.CPQ4A1B2C3D4E', wait: false })).rejects.toThrow(
      `create_flow_download() returned no result: create_flow_download: flow F.CPQ4A1B2C3D4E not found for ${DC}`,
    );
  });

  it('reports a VQL syntax error as bad input', async () => {
    await expect(client.rows('SELECT * FROM info() WHERE')).rejects.toThrow(VqlError);
    await expect(client.rows('SELECT * FROM info(')).rejects.toThrow(/could not parse the query/);
  });

  it('fails clearly mid-stream, on garbage, on a slow server and for an unknown org', async () => {
    fake.injectFault({ kind: 'fail-mid-stream' });
    fake.partSize = 5;
    const got: VqlRow[] = [];
    const failing = async () => {
      for await (const row of client.query('SELECT * FROM source(client_id=C, flow_id=F, artifact=A)', {
        env: { C: WEB, F: 'F.CPQ4A1B2C3D4E', A: 'Linux.Sys.Pslist' },
      })) {
        got.push(row);
      }
    };
    try {
      await expect(failing()).rejects.toThrow('is unavailable: fake: connection to the datastore lost');
      expect(got).toHaveLength(5);
    } finally {
      fake.partSize = Number.POSITIVE_INFINITY;
    }

    fake.injectFault({ kind: 'garbage' });
    await expect(client.orgs()).rejects.toThrow(UpstreamFormatError);

    fake.injectFault({ kind: 'hang' });
    await expect(client.rows('SELECT * FROM info()', { timeoutMs: 200 })).rejects.toThrow(/timed out after 200 ms/);

    await expect(client.rows('SELECT * FROM info()', { orgId: 'ONOPE' })).rejects.toThrow(
      `Velociraptor: UNKNOWN from ${fake.address}: Org not found`,
    );
    fake.injectFault({ kind: 'permission-denied' });
    await expect(client.info()).rejects.toThrow(UpstreamAuthError);
    expect(await client.info()).toMatchObject({ hostname: 'velociraptor-fake' });
  });
});

async function waitFor(check: () => boolean, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
