import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway certificate authority and one server certificate signed by it, all PEM. */
export interface TestPki {
  caPem: string;
  certPem: string;
  keyPem: string;
}

export interface TestPkiOptions {
  /** Subject alternative names of the server certificate. Default: localhost, 127.0.0.1, ::1. */
  dnsNames?: string[];
  ipAddresses?: string[];
  /** Common name of the CA, handy to tell two PKIs apart in a failing test. */
  caName?: string;
}

/**
 * Generates a CA and a server certificate at test time with the openssl CLI (Node has no X.509 builder), in a
 * temporary directory that is removed before returning. Tests then trust `caPem` explicitly: TLS verification
 * stays on everywhere, tests included.
 */
export function createTestPki(options: TestPkiOptions = {}): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'copilot-pki-'));
  const path = (name: string) => join(dir, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    openssl([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      path('ca.key'),
      '-out',
      path('ca.crt'),
      '-days',
      '2',
      '-subj',
      `/CN=${options.caName ?? 'CoPilot Test CA'}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    openssl(['req', ...ec, '-keyout', path('server.key'), '-out', path('server.csr'), '-subj', '/CN=localhost']);
    const sans = [
      ...(options.dnsNames ?? ['localhost']).map((name) => `DNS:${name}`),
      ...(options.ipAddresses ?? ['127.0.0.1', '::1']).map((ip) => `IP:${ip}`),
    ];
    writeFileSync(
      path('server.ext'),
      [
        `subjectAltName=${sans.join(',')}`,
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
      ].join('\n'),
    );
    openssl([
      'x509',
      '-req',
      '-in',
      path('server.csr'),
      '-CA',
      path('ca.crt'),
      '-CAkey',
      path('ca.key'),
      '-CAcreateserial',
      '-out',
      path('server.crt'),
      '-days',
      '2',
      '-extfile',
      path('server.ext'),
    ]);
    return {
      caPem: readFileSync(path('ca.crt'), 'utf8'),
      certPem: readFileSync(path('server.crt'), 'utf8'),
      keyPem: readFileSync(path('server.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
