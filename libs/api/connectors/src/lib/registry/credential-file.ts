import { parseDocument } from 'yaml';
import { BadInputError, PayloadTooLargeError } from '@copilot/api-core';
import { CATALOGUE, type ConnectorName } from './catalogue';

/** Largest credential file accepted (a Velociraptor api-client YAML is a few KB). */
export const CREDENTIAL_FILE_MAX_BYTES = 256 * 1024;

const FILE_NAME = /^[^/\\\0]{1,255}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PEM_KEYS = new Set(['ca_certificate', 'client_cert', 'client_private_key']);

export interface CheckedFile {
  fileName: string;
  content: string;
}

const bad = (field: string, message: string) => new BadInputError(`${field}: ${message}`, [{ field, message }]);

/** Decodes `contentBase64` strictly (no lenient Buffer decoding of garbage) and enforces the size limit. */
export function decodeUpload(fileName: string, contentBase64: string): Buffer {
  if (!FILE_NAME.test(fileName) || fileName === '.' || fileName === '..') {
    throw bad('fileName', 'must be a plain file name (no path separators), at most 255 characters');
  }
  const compact = contentBase64.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw bad('contentBase64', 'must be base64');
  // The exact decoded size, known before decoding, so an oversize upload is never materialised.
  const decodedBytes = (compact.length / 4) * 3 - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0);
  if (decodedBytes > CREDENTIAL_FILE_MAX_BYTES) {
    throw new PayloadTooLargeError(`the file is larger than ${CREDENTIAL_FILE_MAX_BYTES / 1024} KB`, [
      { field: 'contentBase64', message: `at most ${CREDENTIAL_FILE_MAX_BYTES / 1024} KB` },
    ]);
  }
  return Buffer.from(compact, 'base64');
}

/**
 * Checks that a credential file is UTF-8 YAML holding what the connector needs, so a wrong file is refused at upload
 * with a message naming what is missing, rather than failing later at connect time.
 */
export function checkCredentialFile(name: ConnectorName, fileName: string, bytes: Buffer): CheckedFile {
  const required = CATALOGUE[name].fileKeys;
  if (!required) throw bad('fileName', `${name} takes no credential file`);
  if (bytes.length === 0) throw bad('contentBase64', 'the file is empty');
  if (bytes.length > CREDENTIAL_FILE_MAX_BYTES) {
    throw new PayloadTooLargeError(`the file is larger than ${CREDENTIAL_FILE_MAX_BYTES / 1024} KB`, [
      { field: 'contentBase64', message: `at most ${CREDENTIAL_FILE_MAX_BYTES / 1024} KB` },
    ]);
  }
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw bad('contentBase64', 'is not a text file (expected UTF-8 YAML)');
  }
  if (content.includes('\0')) throw bad('contentBase64', 'is not a text file (expected UTF-8 YAML)');
  const doc = parseDocument(content, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw bad('contentBase64', `is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    // A low alias budget: a credential file has no use for anchors, and expansion bombs are refused outright.
    data = doc.toJS({ maxAliasCount: 10 });
  } catch {
    throw bad('contentBase64', 'is not usable YAML (too many aliases)');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw bad('contentBase64', 'must be a YAML mapping (key: value lines)');
  }
  const record = data as Record<string, unknown>;
  const present = (key: string) => typeof record[key] === 'string' && (record[key] as string).trim() !== '';
  const missing = required.filter((anyOf) => !anyOf.some(present)).map((anyOf) => anyOf.join(' or '));
  if (missing.length > 0) {
    throw bad('contentBase64', `is not a ${name} api-client file: missing ${missing.join(', ')}`);
  }
  const notPem = [...PEM_KEYS].filter((key) => present(key) && !(record[key] as string).includes('-----BEGIN '));
  if (notPem.length > 0) throw bad('contentBase64', `${notPem.join(', ')} must hold PEM text (-----BEGIN ...)`);
  return { fileName, content };
}
