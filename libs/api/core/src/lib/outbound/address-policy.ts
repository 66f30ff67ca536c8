import {
  lookup as dnsLookup,
  promises as dnsPromises,
  type LookupAddress,
  type LookupAllOptions,
  type LookupOptions,
} from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { OutboundUrlRefusedError, UpstreamUnreachableError } from './outbound.errors';
import type { HostResolver } from './outbound.types';

/**
 * Address policy of design §4. Connectors point at systems inside customer networks, so private ranges and
 * loopback are allowed; link-local and cloud-metadata addresses are refused (unless the connector explicitly
 * allows them) because a connector URL is operator input and the metadata service hands out cloud credentials.
 */

const LINK_LOCAL = new BlockList();
LINK_LOCAL.addSubnet('169.254.0.0', 16, 'ipv4');
LINK_LOCAL.addSubnet('fe80::', 10, 'ipv6');

const CLOUD_METADATA = new BlockList();
CLOUD_METADATA.addAddress('169.254.169.254', 'ipv4'); // AWS, GCP, Azure, OpenStack
CLOUD_METADATA.addAddress('fd00:ec2::254', 'ipv6'); // AWS IMDS over IPv6
CLOUD_METADATA.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud

/** Error code carried by a refusal raised inside the socket's DNS lookup. */
export const ADDRESS_REFUSED_CODE = 'E_COPILOT_ADDRESS_REFUSED';

/** Why an address is refused, or null when it is allowed. BlockList also matches IPv4-mapped IPv6 forms. */
export function addressRefusal(address: string, allowLinkLocal: boolean): string | null {
  if (allowLinkLocal) return null;
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (CLOUD_METADATA.check(bare, type)) return `${bare} is a cloud-metadata address`;
  if (LINK_LOCAL.check(bare, type)) return `${bare} is a link-local address`;
  return null;
}

const defaultResolver: HostResolver = (hostname) => dnsPromises.lookup(hostname, { all: true, verbatim: true });

/** The callback form of `dns.lookup` with `all: true`, which sockets use; replaceable in tests. */
export type SocketLookup = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const defaultSocketLookup: SocketLookup = (hostname, options, callback) => dnsLookup(hostname, options, callback);

/** Successful verdicts are cached briefly so paging through results does not resolve the host per request. */
const VERDICT_TTL_MS = 30_000;

export class AddressPolicy {
  private readonly allowedUntil = new Map<string, number>();

  constructor(
    private readonly connector: string,
    private readonly allowLinkLocal: boolean,
    private readonly resolve: HostResolver = defaultResolver,
  ) {}

  /** Throws OutboundUrlRefusedError for a non-http(s) URL or a refused address, UpstreamUnreachableError for DNS. */
  async assertAllowed(url: URL): Promise<void> {
    assertHttpUrl(this.connector, url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      this.refuseIfBad(host, host);
      return;
    }
    const cachedUntil = this.allowedUntil.get(host);
    if (cachedUntil !== undefined && cachedUntil > Date.now()) return;
    let addresses: LookupAddress[];
    try {
      addresses = await this.resolve(host);
    } catch {
      throw new UpstreamUnreachableError(this.connector, 'dns', `host not found: ${host}`);
    }
    if (addresses.length === 0) throw new UpstreamUnreachableError(this.connector, 'dns', `host not found: ${host}`);
    for (const { address } of addresses) this.refuseIfBad(host, address);
    this.allowedUntil.set(host, Date.now() + VERDICT_TTL_MS);
  }

  /**
   * A `lookup` for the socket itself. The pre-check above gives the clear message; this one closes the gap of a
   * DNS answer that changes between the check and the connect (DNS rebinding), since it vets the addresses
   * actually used.
   */
  connectLookup(baseLookup: SocketLookup = defaultSocketLookup): LookupFunction {
    const allowLinkLocal = this.allowLinkLocal;
    return (hostname: string, options: LookupOptions, callback) => {
      baseLookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) {
          callback(err, '', 0);
          return;
        }
        for (const { address } of addresses) {
          const why = addressRefusal(address, allowLinkLocal);
          if (why) {
            const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${why}`);
            refused.code = ADDRESS_REFUSED_CODE;
            callback(refused, '', 0);
            return;
          }
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      });
    };
  }

  private refuseIfBad(host: string, address: string): void {
    const why = addressRefusal(address, this.allowLinkLocal);
    if (!why) return;
    const subject = host === address ? why : `${host} resolves to ${why}`;
    throw new OutboundUrlRefusedError(
      this.connector,
      `${subject}; refused by the address policy (allow link-local addresses for this connector to permit it)`,
    );
  }
}

/** Only http and https are spoken; anything else (file:, ftp:, gopher:, javascript:) is bad input. */
export function assertHttpUrl(connector: string, url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundUrlRefusedError(connector, `URL must start with http:// or https:// (got ${url.protocol})`);
  }
}

/** Parses a connector URL, turning a malformed one into bad input rather than a TypeError. */
export function parseConnectorUrl(connector: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundUrlRefusedError(connector, 'URL is not valid (expected e.g. https://host:9200)');
  }
  assertHttpUrl(connector, url);
  return url;
}
