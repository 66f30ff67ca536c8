import { OutboundHttp, type OutboundDeps } from './outbound-http';
import type { OutboundClientOptions } from './outbound.types';

/** Builds clients; injected into connector clients so tests and the app can share breakers and resolvers. */
export interface OutboundClientFactory {
  create(options: OutboundClientOptions): OutboundHttp;
}

export class OutboundHttpFactory implements OutboundClientFactory {
  constructor(private readonly deps: OutboundDeps = {}) {}

  create(options: OutboundClientOptions): OutboundHttp {
    return new OutboundHttp(options, this.deps);
  }
}

export const defaultOutboundFactory: OutboundClientFactory = new OutboundHttpFactory();

export function createOutboundClient(options: OutboundClientOptions, deps: OutboundDeps = {}): OutboundHttp {
  return new OutboundHttp(options, deps);
}
