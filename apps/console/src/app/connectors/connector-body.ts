import { Connector, ConnectorUpdate } from './connectors-data.service';
import { CONNECTOR_KINDS, usesApiKey, usesFile, usesPassword } from './connector-catalogue';

/** What the configure form holds. Secrets start empty: the api never returns them. */
export interface ConnectorFormValue {
  url: string;
  username: string;
  password: string;
  clearPassword: boolean;
  apiKey: string;
  clearApiKey: boolean;
  clearFile: boolean;
  verifyTls: boolean;
  caPem: string;
  extra: Record<string, string>;
}

export function toFormValue(connector: Connector): ConnectorFormValue {
  const extra: Record<string, string> = {};
  for (const key of CONNECTOR_KINDS[connector.name].extraKeys) {
    extra[key] = connector.extra[key] ?? '';
  }
  return {
    url: connector.url ?? '',
    username: connector.username ?? '',
    password: '',
    clearPassword: false,
    apiKey: '',
    clearApiKey: false,
    clearFile: false,
    verifyTls: connector.verifyTls,
    caPem: connector.caPem ?? '',
    extra,
  };
}

/**
 * Builds the PUT body: an empty secret field is left out (the stored value is kept), "clear" sends null, and
 * only the settings the connector takes are sent.
 */
export function toUpdateBody(connector: Connector, value: ConnectorFormValue): ConnectorUpdate {
  const name = connector.name;
  const body: ConnectorUpdate = { verifyTls: value.verifyTls, caPem: value.caPem.trim() || null };
  if (!usesFile(name)) {
    body.url = value.url.trim() || null;
  }
  if (usesPassword(name)) {
    body.username = value.username.trim() || null;
    if (value.clearPassword) {
      body.password = null;
    } else if (value.password !== '') {
      body.password = value.password;
    }
  }
  if (usesApiKey(name)) {
    if (value.clearApiKey) {
      body.apiKey = null;
    } else if (value.apiKey !== '') {
      body.apiKey = value.apiKey;
    }
  }
  if (usesFile(name) && value.clearFile) {
    body.file = null;
  }
  const keys = CONNECTOR_KINDS[name].extraKeys;
  if (keys.length > 0) {
    body.extra = Object.fromEntries(
      keys.map((key) => [key, (value.extra[key] ?? '').trim()] as const).filter(([, text]) => text !== ''),
    );
  }
  return body;
}
