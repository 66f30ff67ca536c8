import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { parseDocument } from 'yaml';
import { BadInputError } from '@copilot/api-core';
import { VELOCIRAPTOR, type VelociraptorApiConfig } from './velociraptor.types';

/**
 * Reads the api-client YAML that `velociraptor config api_client` writes (ApiClientConfig in config/proto/config.proto,
 * Velociraptor v0.77.2: ca_certificate, client_cert, client_private_key, api_connection_string, name,
 * pinned_server_name, max_grpc_recv_size). The upload endpoint already checked that the keys are present; here every
 * PEM is actually parsed, so a wrong file is reported as such instead of as a network failure later.
 */

export const DEFAULT_SERVER_NAME = 'VelociraptorServer';
const DEFAULT_API_PORT = 8001;
const DEFAULT_MAX_RECEIVE_BYTES = 32 * 1024 * 1024;

/** The api-client file (or the URL override) cannot be used; the message says why. */
export class VelociraptorConfigError extends BadInputError {
  constructor(detail: string, field = 'file') {
    super(`${VELOCIRAPTOR}: ${detail}`, [{ field, message: detail }]);
  }
}

const fileError = (detail: string) => new VelociraptorConfigError(`the api-client file is not usable: ${detail}`);

function text(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function certificate(pem: string, key: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw fileError(`${key} is not a PEM certificate`);
  }
}

function privateKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (err) {
    const encrypted = /passphrase|encrypted/i.test(String(err)) || pem.includes('ENCRYPTED');
    throw fileError(
      encrypted
        ? 'client_private_key is encrypted; export it without a passphrase'
        : 'client_private_key is not a PEM private key',
    );
  }
}

/** `host:port`, `[v6]:port`, or the same behind `https://` or `grpcs://` (the API is always gRPC over TLS). */
export function parseApiAddress(raw: string, field = 'file'): { host: string; port: number } {
  const trimmed = raw.trim();
  const bad = (why: string) =>
    new VelociraptorConfigError(
      `the API address ${JSON.stringify(trimmed)} ${why} (expected host:port, e.g. velociraptor:8001)`,
      field,
    );
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (scheme && !['https', 'grpcs'].includes(scheme[1].toLowerCase())) {
    throw bad('has an unsupported scheme; the API speaks gRPC over TLS only');
  }
  const rest = scheme ? trimmed.slice(scheme[0].length) : trimmed;
  const slash = rest.indexOf('/');
  if (slash >= 0 && rest.slice(slash) !== '/') throw bad('must not carry a path');
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const match =
    /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(authority) ?? /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(authority);
  if (!match) throw bad('is not valid');
  const port = match[2] === undefined ? DEFAULT_API_PORT : Number(match[2]);
  if (port < 1 || port > 65535) throw bad('has an invalid port');
  return { host: match[1], port };
}

export function formatAddress(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Parses and checks the api-client YAML. `urlOverride` (the connector's URL setting) replaces the file's
 * address when set. Throws VelociraptorConfigError (400) naming what is wrong.
 */
export function parseApiClientConfig(
  yamlText: string | null | undefined,
  urlOverride?: string | null,
): VelociraptorApiConfig {
  if (!yamlText || yamlText.trim() === '')
    throw new VelociraptorConfigError('not configured: upload an api-client file');
  const doc = parseDocument(yamlText, { uniqueKeys: true });
  if (doc.errors.length > 0) throw fileError(`not valid YAML (${doc.errors[0].message.split('\n')[0]})`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 10 });
  } catch {
    throw fileError('not usable YAML (too many aliases)');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw fileError('not a YAML mapping');
  const record = data as Record<string, unknown>;
  const caPem = text(record, 'ca_certificate');
  const certPem = text(record, 'client_cert');
  const keyPem = text(record, 'client_private_key');
  const address = urlOverride?.trim() || text(record, 'api_connection_string') || text(record, 'api_url');
  const missing = [
    !caPem && 'ca_certificate',
    !certPem && 'client_cert',
    !keyPem && 'client_private_key',
    !address && 'api_connection_string',
  ].filter((key): key is string => Boolean(key));
  if (!caPem || !certPem || !keyPem || !address) throw fileError(`missing ${missing.join(', ')}`);

  certificate(caPem, 'ca_certificate');
  const cert = certificate(certPem, 'client_cert');
  const key = privateKey(keyPem);
  if (!cert.checkPrivateKey(key)) throw fileError('client_private_key does not belong to client_cert');
  const now = Date.now();
  if (Date.parse(cert.validTo) < now) throw fileError(`client_cert expired on ${new Date(cert.validTo).toISOString()}`);
  if (Date.parse(cert.validFrom) > now) {
    throw fileError(`client_cert is not valid before ${new Date(cert.validFrom).toISOString()}`);
  }

  const { host, port } = parseApiAddress(address, urlOverride?.trim() ? 'url' : 'file');
  const commonName = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1] ?? '';
  const maxReceive = Number(record['max_grpc_recv_size']);
  return {
    caPem,
    certPem,
    keyPem,
    host,
    port,
    name: text(record, 'name') ?? commonName,
    serverName: text(record, 'pinned_server_name') ?? DEFAULT_SERVER_NAME,
    maxReceiveBytes: Number.isSafeInteger(maxReceive) && maxReceive > 0 ? maxReceive : DEFAULT_MAX_RECEIVE_BYTES,
  };
}
