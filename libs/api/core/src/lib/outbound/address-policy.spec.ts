import { BadInputError } from '../errors/domain-errors';
import type { LookupAddress } from 'node:dns';
import {
  ADDRESS_REFUSED_CODE,
  addressRefusal,
  AddressPolicy,
  parseConnectorUrl,
  type SocketLookup,
} from './address-policy';
import { classifyNetworkError } from './classify-error';
import { OutboundUrlRefusedError, UpstreamUnreachableError } from './outbound.errors';
import type { HostResolver } from './outbound.types';

describe('address policy', () => {
  it.each([
    ['169.254.169.254', 'cloud-metadata'],
    ['100.100.100.200', 'cloud-metadata'],
    ['fd00:ec2::254', 'cloud-metadata'],
    ['169.254.10.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['[fe80::1%eth0]', 'link-local'],
    ['::ffff:169.254.169.254', 'cloud-metadata'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(addressRefusal(address, false)).toContain(kind);
  });

  it.each(['127.0.0.1', '::1', '10.20.30.40', '172.16.0.5', '192.168.1.10', 'fd12:3456::1', '8.8.8.8'])(
    'allows %s (private ranges and loopback are where connectors live)',
    (address) => {
      expect(addressRefusal(address, false)).toBeNull();
    },
  );

  it('allows link-local and metadata addresses only when the connector says so', () => {
    expect(addressRefusal('169.254.169.254', true)).toBeNull();
  });

  it('refuses a URL whose host is a metadata or link-local literal, before any connection', async () => {
    const policy = new AddressPolicy('Test', false);
    await expect(policy.assertAllowed(new URL('http://169.254.169.254/latest/meta-data/'))).rejects.toThrow(
      OutboundUrlRefusedError,
    );
    await expect(policy.assertAllowed(new URL('http://[fe80::1]:9200/'))).rejects.toThrow(/link-local/);
    await expect(policy.assertAllowed(new URL('https://127.0.0.1:9200/'))).resolves.toBeUndefined();
    await expect(policy.assertAllowed(new URL('https://10.1.2.3:9200/'))).resolves.toBeUndefined();
  });

  it('resolves host names and refuses when any address is forbidden', async () => {
    const resolve: HostResolver = async (host) =>
      host === 'metadata.internal'
        ? [
            { address: '10.0.0.1', family: 4 },
            { address: '169.254.169.254', family: 4 },
          ]
        : [{ address: '10.0.0.7', family: 4 }];
    const policy = new AddressPolicy('Test', false, resolve);
    const refusal = policy.assertAllowed(new URL('http://metadata.internal/'));
    await expect(refusal).rejects.toThrow('metadata.internal resolves to 169.254.169.254 is a cloud-metadata address');
    await expect(refusal).rejects.toBeInstanceOf(BadInputError);
    await expect(policy.assertAllowed(new URL('http://indexer.corp/'))).resolves.toBeUndefined();
  });

  it('reports an unknown host as unreachable, not as bad input', async () => {
    const policy = new AddressPolicy('Test', false, async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    });
    await expect(policy.assertAllowed(new URL('http://nowhere.invalid/'))).rejects.toThrow(UpstreamUnreachableError);
  });

  it.each(['file:///etc/passwd', 'ftp://host/x', 'gopher://host', 'javascript:alert(1)'])(
    'refuses non-http URL %s',
    (url) => {
      expect(() => parseConnectorUrl('Test', url)).toThrow(/must start with http:\/\/ or https:\/\//);
    },
  );

  it('refuses a malformed URL as bad input', () => {
    expect(() => parseConnectorUrl('Test', 'not a url')).toThrow(BadInputError);
  });

  describe('at connect time (DNS answers that change after the pre-check)', () => {
    const rebinding: SocketLookup = (_host, _options, callback) =>
      callback(null, [
        { address: '10.0.0.8', family: 4 },
        { address: '169.254.169.254', family: 4 },
      ]);
    const lookupOnce = (policy: AddressPolicy, base: SocketLookup, all: boolean) =>
      new Promise<{ err: NodeJS.ErrnoException | null; result: string | LookupAddress[] }>((resolve) =>
        policy.connectLookup(base)('indexer.corp', { all }, (err, result) => resolve({ err, result })),
      );

    it('refuses the socket when the resolved addresses include a forbidden one', async () => {
      const { err } = await lookupOnce(new AddressPolicy('Test', false), rebinding, true);
      expect(err?.code).toBe(ADDRESS_REFUSED_CODE);
      const classified = classifyNetworkError(Object.assign(new Error('connect failed'), { cause: err }), {
        connector: 'Test',
        target: 'indexer.corp:9200',
        timeoutMs: 1000,
        deadlinePassed: false,
      });
      expect(classified).toBeInstanceOf(OutboundUrlRefusedError);
      expect(classified.message).toContain('indexer.corp resolves to 169.254.169.254 is a cloud-metadata address');
    });

    it('hands the vetted addresses to the socket in the shape it asked for', async () => {
      const fine: SocketLookup = (_host, _options, callback) => callback(null, [{ address: '10.0.0.9', family: 4 }]);
      expect((await lookupOnce(new AddressPolicy('Test', false), fine, true)).result).toEqual([
        { address: '10.0.0.9', family: 4 },
      ]);
      expect((await lookupOnce(new AddressPolicy('Test', false), fine, false)).result).toBe('10.0.0.9');
      expect((await lookupOnce(new AddressPolicy('Test', true), rebinding, true)).err).toBeNull();
    });
  });
});
