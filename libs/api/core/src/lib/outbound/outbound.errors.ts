import { BadInputError, ServiceUnavailableError } from '../errors/domain-errors';

/**
 * Errors of outbound calls. All but the address/URL refusals are 503s naming the connector: a vendor that is
 * down, misconfigured or answering nonsense degrades the features that need it, never the app, and must not
 * surface as the caller's own 401/403 (which would sign the analyst out of CoPilot).
 */

/** Why a call never got an HTTP answer. `tls` covers certificate trust and handshake failures. */
export type UnreachableReason = 'timeout' | 'refused' | 'dns' | 'reset' | 'tls' | 'network';

export class UpstreamUnreachableError extends ServiceUnavailableError {
  constructor(
    connector: string,
    readonly reason: UnreachableReason,
    detail: string,
  ) {
    super(connector, detail);
  }
}

/** The vendor answered with a status the caller did not accept. `upstreamBody` is the redacted parsed body. */
export class UpstreamHttpError extends ServiceUnavailableError {
  constructor(
    connector: string,
    readonly upstreamStatus: number,
    detail: string,
    readonly upstreamBody: unknown,
  ) {
    super(connector, detail);
  }
}

/** 401 or 403 from the vendor: wrong or insufficient credentials (verify reports "wrong credentials"). */
export class UpstreamAuthError extends UpstreamHttpError {}

/** The vendor answered, but not with what the protocol promises (HTML login page, garbage, oversize body). */
export class UpstreamFormatError extends ServiceUnavailableError {}

/** The connector's circuit is open after repeated failures; calls fail fast until the trial call succeeds. */
export class CircuitOpenError extends ServiceUnavailableError {}

/** The connector URL is not http(s), or resolves to an address the address policy refuses. */
export class OutboundUrlRefusedError extends BadInputError {
  constructor(
    readonly connector: string,
    detail: string,
  ) {
    super(`${connector}: ${detail}`, [{ field: 'url', message: detail }]);
  }
}
