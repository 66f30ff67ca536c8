export {
  ADDRESS_REFUSED_CODE,
  addressRefusal,
  AddressPolicy,
  assertHttpUrl,
  parseConnectorUrl,
  type SocketLookup,
} from './address-policy';
export {
  CircuitBreakerRegistry,
  defaultCircuitBreakers,
  isBreakerFailure,
  type BreakerSettings,
} from './circuit-breakers';
export { OutboundHttp, type OutboundDeps } from './outbound-http';
export {
  createOutboundClient,
  defaultOutboundFactory,
  OutboundHttpFactory,
  type OutboundClientFactory,
} from './outbound-factory';
export { bodyExcerpt, OutboundResponse, parseJsonBody, type ResponseHeaders } from './outbound-response';
export {
  CircuitOpenError,
  OutboundUrlRefusedError,
  UpstreamAuthError,
  UpstreamFormatError,
  UpstreamHttpError,
  UpstreamUnreachableError,
  type UnreachableReason,
} from './outbound.errors';
export type {
  HostResolver,
  HttpMethod,
  OutboundBreakerOptions,
  OutboundClientOptions,
  OutboundRequest,
  OutboundRetryOptions,
  QueryValue,
} from './outbound.types';
export { isSensitiveName, redact, redactHeaders, redactText, redactUrl, REDACTED } from './redact';
