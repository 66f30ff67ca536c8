// `npm run fakes`: starts every fake vendor system on loopback with demo data, so the console can be
// explored with live connectors. Writes tmp/fakes/fakes.env (URLs, demo credentials, CA files) for
// `set -a; . tmp/fakes/fakes.env; set +a; npm start` in another terminal, and runs until Ctrl-C.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestPki, FakeGraylog, FakeOpenSearch, FakeWazuhManager, seedWazuhAlerts } from '@copilot/testing-fakes';
import { startExtraFakes, type StartedFake } from './extra-fakes';

const DEMO_PASSWORD = 'demo-password-123';
const CUSTOMERS = ['acme', 'globex'];

async function main(): Promise<void> {
  const dir = process.env['COPILOT_FAKES_DIR'] ?? join(__dirname, '..', '..', 'tmp', 'fakes');
  mkdirSync(dir, { recursive: true });
  const pki = await createTestPki({ caName: 'CoPilot demo fakes CA' });
  const caFile = join(dir, 'demo-ca.pem');
  writeFileSync(caFile, pki.caPem);

  const indexer = await FakeOpenSearch.start({ tls: pki, username: 'admin', password: DEMO_PASSWORD });
  seedWazuhAlerts(indexer, { count: 2000, customers: CUSTOMERS, startTime: new Date(Date.now() - 7 * 86_400_000) });
  const manager = await FakeWazuhManager.start({ tls: pki, username: 'wazuh-wui', password: DEMO_PASSWORD });
  const graylog = await FakeGraylog.start({ tls: pki, username: 'admin', password: DEMO_PASSWORD });

  const started: StartedFake[] = [
    { name: 'Wazuh-Indexer', server: indexer, env: { WAZUH_INDEXER_URL: indexer.url, WAZUH_INDEXER_USERNAME: 'admin', WAZUH_INDEXER_PASSWORD: DEMO_PASSWORD, WAZUH_INDEXER_CA_FILE: caFile } },
    { name: 'Wazuh-Manager', server: manager, env: { WAZUH_MANAGER_URL: manager.url, WAZUH_MANAGER_USERNAME: 'wazuh-wui', WAZUH_MANAGER_PASSWORD: DEMO_PASSWORD, WAZUH_MANAGER_CA_FILE: caFile } },
    { name: 'Graylog', server: graylog, env: { GRAYLOG_URL: graylog.url, GRAYLOG_USERNAME: 'admin', GRAYLOG_PASSWORD: DEMO_PASSWORD, GRAYLOG_CA_FILE: caFile } },
    ...(await startExtraFakes({ pki, caFile, dir, password: DEMO_PASSWORD })),
  ];

  const envFile = join(dir, 'fakes.env');
  const lines = started.flatMap((f) => Object.entries(f.env).map(([k, v]) => `${k}=${v}`));
  writeFileSync(envFile, `# Written by npm run fakes; valid while it runs (ports change on every start).\n${lines.join('\n')}\n`, { mode: 0o600 });
  process.stdout.write(
    `\nFakes running with demo data (customers: ${CUSTOMERS.join(', ')}):\n` +
      started.map((f) => `  ${f.name.padEnd(14)} ${f.server.url}`).join('\n') +
      `\n\nIn another terminal:\n  set -a; . ${envFile}; set +a; npm start\n\nCtrl-C stops them.\n`,
  );

  const stop = async () => {
    await Promise.allSettled(started.map((f) => f.server.stop()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`fakes failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
