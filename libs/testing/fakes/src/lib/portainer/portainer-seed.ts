/**
 * Demo data of the fake Portainer. Shapes follow the JSON tags of `portainer.Endpoint`, `portainer.Stack` and
 * `portainer.Pair` in Portainer's api/portainer.go (github.com/portainer/portainer, API version 2.23.0,
 * commit cc75167); only the fields a client reads are filled in.
 */

export interface FakePortainerEndpoint {
  Id: number;
  Name: string;
  /** 1 Docker, 2 agent on Docker, 4 Edge agent on Docker, 5 local Kubernetes, ... */
  Type: number;
  URL: string;
  GroupId: number;
  PublicURL: string;
  /** 1 up, 2 down. */
  Status: number;
  ContainerEngine: string;
  TagIds: number[];
}

export interface FakePortainerStack {
  Id: number;
  Name: string;
  /** 1 Swarm, 2 Compose, 3 Kubernetes. */
  Type: number;
  EndpointId: number;
  SwarmId: string;
  EntryPoint: string;
  Env: { name: string; value: string }[];
  /** 1 active, 2 inactive. */
  Status: number;
  ProjectPath: string;
  CreationDate: number;
  CreatedBy: string;
  UpdateDate: number;
  UpdatedBy: string;
  /** Fake-only: the compose file, served by `GET /api/stacks/{id}/file`. */
  StackFileContent: string;
}

export function seedPortainerEndpoints(): FakePortainerEndpoint[] {
  return [
    {
      Id: 1,
      Name: 'local',
      Type: 1,
      URL: 'unix:///var/run/docker.sock',
      GroupId: 1,
      PublicURL: '',
      Status: 1,
      ContainerEngine: 'docker',
      TagIds: [],
    },
    {
      Id: 3,
      Name: 'acme-collector',
      Type: 2,
      URL: 'tcp://10.20.0.15:9001',
      GroupId: 2,
      PublicURL: '10.20.0.15',
      Status: 2,
      ContainerEngine: 'docker',
      TagIds: [4],
    },
  ];
}

export function seedPortainerStacks(): FakePortainerStack[] {
  const created = 1_714_000_000;
  return [
    {
      Id: 5,
      Name: 'graylog-acme',
      Type: 2,
      EndpointId: 1,
      SwarmId: '',
      EntryPoint: 'docker-compose.yml',
      Env: [{ name: 'GRAYLOG_HTTP_PUBLISH_URI', value: 'https://graylog.acme.example' }],
      Status: 1,
      ProjectPath: '/data/compose/5',
      CreationDate: created,
      CreatedBy: 'admin',
      UpdateDate: created + 7_200,
      UpdatedBy: 'admin',
      StackFileContent: 'services:\n  graylog:\n    image: graylog/graylog:6.1\n',
    },
    {
      Id: 6,
      Name: 'wazuh-worker-globex',
      Type: 2,
      EndpointId: 1,
      SwarmId: '',
      EntryPoint: 'docker-compose.yml',
      Env: [],
      Status: 2,
      ProjectPath: '/data/compose/6',
      CreationDate: created + 86_400,
      CreatedBy: 'admin',
      UpdateDate: 0,
      UpdatedBy: '',
      StackFileContent: 'services:\n  wazuh-worker:\n    image: wazuh/wazuh-manager:4.9.2\n',
    },
  ];
}
