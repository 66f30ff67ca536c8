import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGrafana, FakeInfluxDB, FakePortainer, FakeShuffle, FakeVelociraptor, FakeVirusTotal, velociraptorApiClientYaml, type TestPki } from '@copilot/testing-fakes';

export interface StartedFake {
  name: string;
  server: { url: string; stop(): Promise<void> };
  env: Record<string, string>;
}

export interface FakeContext {
  pki: TestPki;
  caFile: string;
  dir: string;
  password: string;
}

/** The fakes beyond the Wazuh pair and Graylog: each with the environment that seeds its connector. */
export async function startExtraFakes(ctx: FakeContext): Promise<StartedFake[]> {
  const velociraptor = await FakeVelociraptor.start();
  const apiConfig = join(ctx.dir, 'velociraptor-api.config.yaml');
  writeFileSync(apiConfig, velociraptorApiClientYaml(velociraptor), { mode: 0o600 });
  const grafana = await FakeGrafana.start({ tls: ctx.pki, username: 'admin', password: ctx.password });
  const influxToken = 'demo-influxdb-token';
  const influx = await FakeInfluxDB.start({ tls: ctx.pki, token: influxToken, org: 'SOCFortress' });
  const shuffleKey = 'demo-shuffle-api-key';
  const shuffle = await FakeShuffle.start({ tls: ctx.pki, apiKey: shuffleKey });
  const portainer = await FakePortainer.start({ tls: ctx.pki, username: 'admin', password: ctx.password });
  const vtKey = 'demo-virustotal-api-key';
  const virustotal = await FakeVirusTotal.start({ tls: ctx.pki, apiKey: vtKey });
  return [
    { name: 'Grafana', server: grafana, env: { GRAFANA_URL: grafana.url, GRAFANA_USERNAME: 'admin', GRAFANA_PASSWORD: ctx.password, GRAFANA_CA_FILE: ctx.caFile } },
    {
      name: 'InfluxDB',
      server: influx,
      env: { INFLUXDB_URL: influx.url, INFLUXDB_API_KEY: influxToken, INFLUXDB_ORG: 'SOCFortress', INFLUXDB_BUCKET: 'telegraf', INFLUXDB_CA_FILE: ctx.caFile },
    },
    { name: 'Shuffle', server: shuffle, env: { SHUFFLE_URL: shuffle.url, SHUFFLE_API_KEY: shuffleKey, SHUFFLE_CA_FILE: ctx.caFile } },
    {
      name: 'Portainer',
      server: portainer,
      env: { PORTAINER_URL: portainer.url, PORTAINER_USERNAME: 'admin', PORTAINER_PASSWORD: ctx.password, PORTAINER_ENDPOINT_ID: '1', PORTAINER_CA_FILE: ctx.caFile },
    },
    { name: 'VirusTotal', server: virustotal, env: { VIRUSTOTAL_URL: virustotal.apiUrl, VIRUSTOTAL_API_KEY: vtKey, VIRUSTOTAL_CA_FILE: ctx.caFile } },
    {
      name: 'Velociraptor',
      server: { url: `grpcs://${velociraptor.address}`, stop: () => velociraptor.stop() },
      env: { VELOCIRAPTOR_API_CONFIG_FILE: apiConfig },
    },
  ];
}
