import type { ConnectorName } from './catalogue';

/** The non-secret settings of one connector instance, as a provider needs them to build a client. */
export interface ConnectorSettings {
  id: number;
  name: ConnectorName;
  /** null for the global instance. */
  customerCode: string | null;
  url: string | null;
  username: string | null;
  verifyTls: boolean;
  caPem: string | null;
  extra: Record<string, string>;
  /** From OUTBOUND_ALLOW_LINK_LOCAL: the address policy refuses link-local/metadata addresses unless set. */
  allowLinkLocal: boolean;
}

/** Decrypted credentials; they live in memory only for as long as a client is built or a verify runs. */
export interface ConnectorSecrets {
  password: string | null;
  apiKey: string | null;
  file: string | null;
}

export interface VerifyOutcome {
  ok: boolean;
  /** Always a sentence an operator can act on ("wrong credentials", "set a CA file", ...); never a secret. */
  message: string;
}

/**
 * One per catalogue connector (design §4). The registry maps names to providers; a domain needing a typed client
 * gets it from that connector's factory, which builds it from the resolved row.
 */
export interface ConnectorProvider {
  readonly name: ConnectorName;
  /** Health check; must not throw for an unreachable or misbehaving target, only explain it. */
  verify(settings: ConnectorSettings, secrets: ConnectorSecrets): Promise<VerifyOutcome>;
}

/** DI token of the provider list (an array under one token, so adding a provider touches only the module). */
export const CONNECTOR_PROVIDERS = Symbol('CONNECTOR_PROVIDERS');

/** DI token of the outbound client factory used by connector clients (tests may isolate circuit breakers). */
export const CONNECTOR_OUTBOUND = Symbol('CONNECTOR_OUTBOUND');
