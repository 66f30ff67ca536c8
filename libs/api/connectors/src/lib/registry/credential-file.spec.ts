import { BadInputError, PayloadTooLargeError } from '@copilot/api-core';
import { checkCredentialFile, CREDENTIAL_FILE_MAX_BYTES, decodeUpload } from './credential-file';

const PEM = (kind: string) => `|\n  -----BEGIN ${kind}-----\n  MIIBkTCB+wIJAK\n  -----END ${kind}-----`;
const VELOCIRAPTOR_API_YAML = [
  `ca_certificate: ${PEM('CERTIFICATE')}`,
  `client_cert: ${PEM('CERTIFICATE')}`,
  `client_private_key: ${PEM('RSA PRIVATE KEY')}`,
  'api_connection_string: velociraptor:8001',
  'name: copilot',
  '',
].join('\n');

const check = (text: string | Buffer, name: Parameters<typeof checkCredentialFile>[0] = 'Velociraptor') =>
  checkCredentialFile(name, 'api.config.yaml', typeof text === 'string' ? Buffer.from(text) : text);

function problemOf(fn: () => unknown): { status: number; field: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof BadInputError || err instanceof PayloadTooLargeError) {
      return { status: err.status, field: err.errors[0]?.field ?? '', message: err.message };
    }
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('credential files', () => {
  it('accepts a Velociraptor api-client YAML and keeps it verbatim', () => {
    expect(check(VELOCIRAPTOR_API_YAML)).toEqual({ fileName: 'api.config.yaml', content: VELOCIRAPTOR_API_YAML });
    expect(check(VELOCIRAPTOR_API_YAML.replace('api_connection_string', 'api_url')).content).toContain('api_url');
  });

  it('names every missing key', () => {
    const p = problemOf(() => check('name: copilot\nca_certificate: x\n'));
    expect(p).toEqual({
      status: 400,
      field: 'contentBase64',
      message: 'contentBase64: is not a Velociraptor api-client file: missing api_connection_string or api_url, client_cert, client_private_key',
    });
  });

  it('requires the certificates and key to be PEM text', () => {
    const p = problemOf(() => check(VELOCIRAPTOR_API_YAML.replace(/client_cert: \|[^]*?END CERTIFICATE-----/, 'client_cert: not-a-pem')));
    expect(p.message).toContain('client_cert must hold PEM text');
  });

  it.each([
    ['not YAML', 'key: [unclosed', /is not valid YAML: /],
    ['a list, not a mapping', '- a\n- b\n', /must be a YAML mapping/],
    ['a scalar (an HTML page)', '<html><body>login</body></html>', /must be a YAML mapping/],
    ['duplicate keys', 'name: a\nname: b\n', /is not valid YAML: Map keys must be unique/],
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]), /is not a text file/],
    ['empty', '', /the file is empty/],
  ])('refuses %s with 400', (_label, content, message) => {
    const p = problemOf(() => check(content));
    expect(p.status).toBe(400);
    expect(p.message).toMatch(message);
  });

  it('refuses an alias expansion bomb instead of expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]'].join('\n');
    expect(problemOf(() => check(bomb)).message).toMatch(/too many aliases/);
  });

  it('refuses a file for a connector that takes none', () => {
    expect(problemOf(() => check(VELOCIRAPTOR_API_YAML, 'Wazuh-Indexer'))).toEqual({
      status: 400,
      field: 'fileName',
      message: 'fileName: Wazuh-Indexer takes no credential file',
    });
  });

  it('refuses more than 256 KB with 413, before and after decoding', () => {
    const big = Buffer.alloc(CREDENTIAL_FILE_MAX_BYTES + 1, 0x61);
    expect(problemOf(() => decodeUpload('api.yaml', big.toString('base64'))).status).toBe(413);
    expect(problemOf(() => check(big)).status).toBe(413);
    expect(decodeUpload('api.yaml', Buffer.alloc(CREDENTIAL_FILE_MAX_BYTES, 0x61).toString('base64'))).toHaveLength(CREDENTIAL_FILE_MAX_BYTES);
  });

  it('decodes base64 strictly (line breaks allowed) and refuses anything else', () => {
    const encoded = Buffer.from(VELOCIRAPTOR_API_YAML).toString('base64');
    expect(decodeUpload('api.yaml', encoded.replace(/(.{76})/g, '$1\n')).toString()).toBe(VELOCIRAPTOR_API_YAML);
    for (const bad of ['not base64!', 'abc', 'ab=c']) {
      expect(problemOf(() => decodeUpload('api.yaml', bad))).toEqual({ status: 400, field: 'contentBase64', message: 'contentBase64: must be base64' });
    }
  });

  it.each(['../etc/passwd', 'dir/api.yaml', 'c:\\api.yaml', '..', 'x'.repeat(256)])('refuses the file name %j', (fileName) => {
    expect(problemOf(() => decodeUpload(fileName, 'YQ==')).field).toBe('fileName');
  });
});
