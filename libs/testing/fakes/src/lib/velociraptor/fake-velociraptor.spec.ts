import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  credentials,
  makeGenericClientConstructor,
  Metadata,
  status,
  type Client,
  type ServiceError,
} from '@grpc/grpc-js';
import { parse } from 'yaml';
import { writeVelociraptorApiConfig } from './api-client-yaml';
import { FakeVelociraptor } from './fake-velociraptor';
import { createVelociraptorPki, type VelociraptorPemPair } from './velociraptor-pki';
import { fakeVelociraptorService, type CollectorArgsMessage, type ResponseMessage } from './velociraptor-proto';

/** A bare grpc-js client of the fake's own proto, independent of CoPilot's connector. */
function rawClient(fake: FakeVelociraptor, client: VelociraptorPemPair | null = fake.pki.client): Client {
  const Api = makeGenericClientConstructor(fakeVelociraptorService(), 'API');
  const creds = credentials.createSsl(
    Buffer.from(fake.pki.caPem),
    client ? Buffer.from(client.keyPem) : null,
    client ? Buffer.from(client.certPem) : null,
  );
  return new Api(fake.address, creds, {
    'grpc.ssl_target_name_override': 'VelociraptorServer',
    'grpc.use_local_subchannel_pool': 1,
  });
}

function run(
  client: Client,
  args: Partial<CollectorArgsMessage>,
): Promise<{ messages: ResponseMessage[]; error?: ServiceError }> {
  const method = fakeVelociraptorService()['Query'];
  return new Promise((resolve) => {
    const messages: ResponseMessage[] = [];
    const stream = client.makeServerStreamRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      { env: [], max_row: 0, org_id: '', ...args },
      new Metadata(),
      { deadline: Date.now() + 5_000 },
    );
    stream.on('data', (message: ResponseMessage) => messages.push(message));
    stream.on('error', (error: ServiceError) => resolve({ messages, error }));
    stream.on('end', () => resolve({ messages }));
  });
}

const rowsOf = (messages: ResponseMessage[]) =>
  messages.filter((m) => m.Response).flatMap((m) => JSON.parse(m.Response ?? '[]') as unknown[]);

describe('FakeVelociraptor', () => {
  let fake: FakeVelociraptor;
  let client: Client;

  beforeAll(async () => {
    fake = await FakeVelociraptor.start();
    client = rawClient(fake);
  });

  afterAll(async () => {
    client.close();
    await fake.stop();
  });

  it('answers info() as log + result parts, and records the query with its env and principal', async () => {
    const { messages, error } = await run(client, {
      Query: [{ VQL: 'SELECT * FROM info()', Name: 'probe' }],
      env: [{ key: 'Unused', value: 'x' }],
    });
    expect(error).toBeUndefined();
    expect(messages[0].log).toBe('Starting query execution.\n');
    const part = messages.find((m) => m.Response);
    expect(part).toMatchObject({ Query: { VQL: 'SELECT * FROM info()', Name: 'probe' }, part: 0, query_id: 0 });
    expect(part?.Columns).toContain('Hostname');
    expect(rowsOf(messages)).toEqual([
      expect.objectContaining({ Hostname: 'velociraptor-fake', OS: 'linux', Architecture: 'amd64' }),
    ]);
    expect(fake.queries[fake.queries.length - 1]).toMatchObject({
      principal: 'copilot',
      env: { Unused: 'x' },
      vql: ['SELECT * FROM info()'],
    });
  });

  it('splits results into parts of max_row rows', async () => {
    const { messages } = await run(client, {
      Query: [
        {
          VQL: "SELECT * FROM source(client_id='C.1a2b3c4d5e6f7081', flow_id='F.CPQ4A1B2C3D4E', artifact='Linux.Sys.Pslist')",
          Name: 'ps',
        },
      ],
      max_row: 10,
    });
    const parts = messages.filter((m) => m.Response);
    expect(parts.map((m) => JSON.parse(m.Response ?? '[]').length)).toEqual([10, 10, 5]);
    expect(parts.map((m) => m.part)).toEqual([0, 1, 2]);
  });

  it('resolves variables from env, and schedules, lists and exports a collection', async () => {
    const collect = await run(client, {
      Query: [
        {
          VQL: 'SELECT collect_client(client_id=Id, artifacts=parse_json_array(data=A), env=dict(Glob=G)) AS Flow FROM scope()',
          Name: 'c',
        },
      ],
      env: [
        { key: 'Id', value: 'C.0f1e2d3c4b5a6978' },
        { key: 'A', value: '["Windows.System.Pslist"]' },
        { key: 'G', value: 'C:\\Users\\*' },
      ],
    });
    const [{ Flow: flow }] = rowsOf(collect.messages) as { Flow: { flow_id: string; request: { specs: unknown[] } } }[];
    expect(flow.flow_id).toMatch(/^F\.[A-Z0-9]{13}$/);
    expect(flow.request.specs).toEqual([
      { artifact: 'Windows.System.Pslist', parameters: { env: [{ key: 'Glob', value: 'C:\\Users\\*' }] } },
    ]);
    const flows = await run(client, {
      Query: [{ VQL: 'SELECT * FROM flows(client_id="C.0f1e2d3c4b5a6978")', Name: 'f' }],
    });
    expect(rowsOf(flows.messages)).toEqual([expect.objectContaining({ session_id: flow.flow_id, state: 'RUNNING' })]);
    const download = await run(client, {
      Query: [
        { VQL: 'SELECT create_flow_download(client_id=Id, flow_id=F, wait=TRUE) AS Path FROM scope()', Name: 'd' },
      ],
      env: [
        { key: 'Id', value: 'C.0f1e2d3c4b5a6978' },
        { key: 'F', value: flow.flow_id },
      ],
    });
    expect(rowsOf(download.messages)).toEqual([
      { Path: `fs:/downloads/C.0f1e2d3c4b5a6978/${flow.flow_id}/ACME-DC01-C.0f1e2d3c4b5a6978-${flow.flow_id}.zip` },
    ]);
    expect(fake.downloads.map((d) => d.flowId)).toEqual([flow.flow_id]);
  });

  it('reports unparseable VQL and unknown symbols as log lines, like the server', async () => {
    const bad = await run(client, { Query: [{ VQL: 'SELECT * FROM info() WHERE 1', Name: 'bad' }] });
    expect(bad.error).toBeUndefined();
    expect(bad.messages.map((m) => m.log)).toContain('VQL Error: unexpected "WHERE" after the plugin call.\n');
    const symbol = await run(client, { Query: [{ VQL: 'SELECT * FROM clients(search=Missing)', Name: 's' }] });
    expect(symbol.messages.map((m) => m.log)).toContain('Symbol Missing not found\n');
  });

  it('requires a client certificate from its own CA', async () => {
    for (const cert of [null, createVelociraptorPki({ caName: 'Other' }).client]) {
      const stranger = rawClient(fake, cert);
      try {
        const { error } = await run(stranger, { Query: [{ VQL: 'SELECT * FROM info()', Name: 'x' }] });
        expect(error?.code).toBe(status.UNAVAILABLE);
      } finally {
        stranger.close();
      }
    }
  });

  it('fails on demand', async () => {
    fake.injectFault({ kind: 'unauthenticated' });
    expect((await run(client, { Query: [{ VQL: 'SELECT * FROM info()', Name: 'x' }] })).error?.code).toBe(
      status.UNAUTHENTICATED,
    );
    fake.injectFault({ kind: 'garbage' });
    const garbage = await run(client, { Query: [{ VQL: 'SELECT * FROM info()', Name: 'x' }] });
    expect(() => rowsOf(garbage.messages)).toThrow(SyntaxError);
    expect(
      (await run(client, { Query: [{ VQL: 'SELECT * FROM info()', Name: 'x' }], org_id: 'nope' })).error?.details,
    ).toBe('Org not found');
  });

  it('writes an api-client YAML with what the API needs', () => {
    const path = writeVelociraptorApiConfig(fake);
    try {
      const config = parse(readFileSync(path, 'utf8')) as Record<string, string>;
      expect(config).toEqual({
        ca_certificate: fake.pki.caPem,
        client_cert: fake.pki.client.certPem,
        client_private_key: fake.pki.client.keyPem,
        api_connection_string: fake.address,
        name: 'copilot',
      });
    } finally {
      rmSync(dirname(path), { recursive: true, force: true });
    }
  });
});
