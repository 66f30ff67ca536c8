import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiProcess, http, killAll, REPO_ROOT, removeDir, startApi, tempDir, tokenFor } from './support/process';

const ADMIN_PASSWORD = 'fakes-e2e-admin-password';

interface ConnectorRow {
  id: number;
  name: string;
  customerCode: string | null;
  configured: boolean;
}

async function waitForFile(path: string, child: ChildProcess, output: () => string, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (existsSync(path)) return;
    if (child.exitCode !== null) throw new Error(`npm run fakes exited ${child.exitCode}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`npm run fakes never wrote ${path}:\n${output()}`);
}

function parseEnv(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/**
 * The README's exploration recipe, end to end: `npm run fakes` starts every fake with demo data and
 * writes the environment; the api booted with it seeds the global connectors from it, and each one
 * verifies against its fake over the vendor's real protocol (HTTPS with the fakes' CA, gRPC mTLS).
 */
describe('npm run fakes + the api seeded from its environment', () => {
  const fakesDir = tempDir('copilot-fakes-');
  const dataDir = tempDir('copilot-fakes-api-');
  let fakes: ChildProcess | undefined;
  let api: ApiProcess | undefined;
  let out = '';

  afterAll(async () => {
    await api?.stop();
    if (fakes?.pid) process.kill(-fakes.pid, 'SIGTERM');
    await killAll();
    removeDir(fakesDir);
    removeDir(dataDir);
  });

  it('verifies every connector the fakes configure', async () => {
    fakes = spawn('npm', ['run', '--silent', 'fakes'], { cwd: REPO_ROOT, env: { ...process.env, COPILOT_FAKES_DIR: fakesDir }, detached: true });
    fakes.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    fakes.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const envFile = join(fakesDir, 'fakes.env');
    await waitForFile(envFile, fakes, () => out);
    const env = parseEnv(readFileSync(envFile, 'utf8'));
    expect(Object.keys(env).length).toBeGreaterThan(8);

    api = await startApi(dataDir, { ...env, COPILOT_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const token = await tokenFor(api.url, 'admin', ADMIN_PASSWORD);
    const list = await http<{ items: ConnectorRow[] }>(api.url, 'GET', '/api/connectors?limit=100', { token });
    const seeded = list.body.items.filter((c) => c.customerCode === null && c.configured);
    const configuredNames = seeded.map((c) => c.name).sort();
    // Every connector the fakes wrote an environment for is configured from it.
    const prefixes: Record<string, string> = {
      'Wazuh-Indexer': 'WAZUH_INDEXER_', 'Wazuh-Manager': 'WAZUH_MANAGER_', Graylog: 'GRAYLOG_', Velociraptor: 'VELOCIRAPTOR_', Grafana: 'GRAFANA_',
      InfluxDB: 'INFLUXDB_', Shuffle: 'SHUFFLE_', Portainer: 'PORTAINER_', VirusTotal: 'VIRUSTOTAL_',
    };
    const expected = Object.entries(prefixes).filter(([, p]) => Object.keys(env).some((k) => k.startsWith(p))).map(([n]) => n).sort();
    expect(configuredNames).toEqual(expected);

    const outcomes: Record<string, unknown> = {};
    for (const c of seeded) {
      const res = await http<{ connectionSuccessful: boolean; message: string }>(api.url, 'POST', `/api/connectors/verify/${c.id}`, { token });
      outcomes[c.name] = res.body.connectionSuccessful ? true : res.body.message;
    }
    expect(outcomes).toEqual(Object.fromEntries(expected.map((n) => [n, true])));
  });
});
