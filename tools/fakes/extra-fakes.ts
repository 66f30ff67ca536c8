import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeVelociraptor, velociraptorApiClientYaml, type TestPki } from '@copilot/testing-fakes';

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
  return [
    {
      name: 'Velociraptor',
      server: { url: `grpcs://${velociraptor.address}`, stop: () => velociraptor.stop() },
      env: { VELOCIRAPTOR_API_CONFIG_FILE: apiConfig },
    },
  ];
}
