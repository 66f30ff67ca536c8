import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { VelociraptorPemPair, VelociraptorTestPki } from './velociraptor-pki';

export interface ApiClientYamlOptions {
  /** Another client certificate (e.g. from `issueClientCertificate`, or one signed by a foreign CA). */
  client?: VelociraptorPemPair;
  /** CA to put in the file instead of the fake's own (to test a server the file does not trust). */
  caPem?: string;
  /** `api_connection_string`; default the fake's `127.0.0.1:<port>`. */
  address?: string;
  /** `name`; default the PKI's client name. */
  name?: string;
  /** Extra keys, e.g. `pinned_server_name`. */
  extra?: Record<string, string>;
}

interface FakeLike {
  readonly pki: VelociraptorTestPki;
  readonly address: string;
}

/**
 * The api-client file `velociraptor config api_client --name <name> api.config.yaml` writes: ApiClientConfig of
 * config/proto/config.proto (v0.77.2) — `ca_certificate`, `client_cert`, `client_private_key`,
 * `api_connection_string`, `name` — as YAML with PEM block scalars.
 */
export function velociraptorApiClientYaml(fake: FakeLike, options: ApiClientYamlOptions = {}): string {
  const client = options.client ?? fake.pki.client;
  return stringify(
    {
      ca_certificate: options.caPem ?? fake.pki.caPem,
      client_cert: client.certPem,
      client_private_key: client.keyPem,
      api_connection_string: options.address ?? fake.address,
      name: options.name ?? fake.pki.clientName,
      ...options.extra,
    },
    { blockQuote: 'literal', lineWidth: 0 },
  );
}

/** Writes the api-client YAML into a fresh private temp directory (mode 0600) and returns its path. */
export function writeVelociraptorApiConfig(fake: FakeLike, options: ApiClientYamlOptions = {}): string {
  const path = join(mkdtempSync(join(tmpdir(), 'copilot-velo-api-')), 'api.config.yaml');
  writeFileSync(path, velociraptorApiClientYaml(fake, options), { mode: 0o600 });
  return path;
}
