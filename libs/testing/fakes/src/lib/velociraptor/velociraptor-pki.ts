import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Velociraptor's API is mutual TLS: one CA signs the server certificate (named `VelociraptorServer`, the name
 * clients pin) and every API client certificate (its common name is the API user). `createTestPki` issues server
 * certificates only and keeps no CA key, so this module does the same openssl dance and also keeps the CA key in
 * memory to issue client certificates for several API users.
 */

/** Name on a Velociraptor server certificate and the default `pinned_server_name` of API clients. */
export const VELOCIRAPTOR_SERVER_NAME = 'VelociraptorServer';

export interface VelociraptorPemPair {
  certPem: string;
  keyPem: string;
}

export interface VelociraptorTestPki {
  caPem: string;
  /** Kept so more client certificates can be issued; a test CA only, valid for two days. */
  caKeyPem: string;
  server: VelociraptorPemPair;
  /** A client certificate for `clientName`. */
  client: VelociraptorPemPair;
  clientName: string;
}

export interface VelociraptorPkiOptions {
  caName?: string;
  /** Common name of the default API client certificate. Default `copilot`. */
  clientName?: string;
  /** Names on the server certificate. Default: `VelociraptorServer`. */
  serverNames?: string[];
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function inTempDir<T>(work: (path: (name: string) => string, openssl: (args: string[]) => void) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'copilot-velo-pki-'));
  const path = (name: string) => join(dir, name);
  const openssl = (args: string[]) => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  try {
    return work(path, openssl);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function issue(ca: { caPem: string; caKeyPem: string }, subject: string, extensions: string[]): VelociraptorPemPair {
  return inTempDir((path, openssl) => {
    writeFileSync(path('ca.crt'), ca.caPem);
    writeFileSync(path('ca.key'), ca.caKeyPem, { mode: 0o600 });
    writeFileSync(path('leaf.ext'), extensions.join('\n'));
    openssl(['req', ...EC, '-keyout', path('leaf.key'), '-out', path('leaf.csr'), '-subj', subject]);
    openssl([
      'x509',
      '-req',
      '-in',
      path('leaf.csr'),
      '-CA',
      path('ca.crt'),
      '-CAkey',
      path('ca.key'),
      '-CAcreateserial',
      '-out',
      path('leaf.crt'),
      '-days',
      '2',
      '-extfile',
      path('leaf.ext'),
    ]);
    return { certPem: readFileSync(path('leaf.crt'), 'utf8'), keyPem: readFileSync(path('leaf.key'), 'utf8') };
  });
}

/** An API client certificate (clientAuth) for user `name`, signed by the PKI's CA. */
export function issueVelociraptorClientCert(
  pki: Pick<VelociraptorTestPki, 'caPem' | 'caKeyPem'>,
  name: string,
): VelociraptorPemPair {
  return issue(pki, `/CN=${name}`, [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=clientAuth',
  ]);
}

/** A fresh CA with a `VelociraptorServer` certificate and one API client certificate, all PEM. */
export function createVelociraptorPki(options: VelociraptorPkiOptions = {}): VelociraptorTestPki {
  const ca = inTempDir((path, openssl) => {
    openssl([
      'req',
      '-x509',
      ...EC,
      '-keyout',
      path('ca.key'),
      '-out',
      path('ca.crt'),
      '-days',
      '2',
      '-subj',
      `/CN=${options.caName ?? 'Velociraptor Test CA'}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    return { caPem: readFileSync(path('ca.crt'), 'utf8'), caKeyPem: readFileSync(path('ca.key'), 'utf8') };
  });
  const names = options.serverNames ?? [VELOCIRAPTOR_SERVER_NAME];
  const server = issue(ca, `/CN=${names[0]}`, [
    `subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`,
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
  ]);
  const clientName = options.clientName ?? 'copilot';
  return { ...ca, server, client: issueVelociraptorClientCert(ca, clientName), clientName };
}
