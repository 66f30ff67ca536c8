import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { Client, credentials, Metadata, status, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import {
  addressRefusal,
  DomainError,
  OutboundUrlRefusedError,
  redactText,
  ServiceUnavailableError,
  UpstreamAuthError,
  UpstreamFormatError,
  UpstreamUnreachableError,
  type HostResolver,
} from '@copilot/api-core';
import { formatAddress } from './velociraptor.api-config';
import { diagnoseConnection } from './velociraptor.diagnose';
import { velociraptorQueryMethod, type VqlCollectorArgs, type VqlResponseMessage } from './velociraptor.proto';
import { VELOCIRAPTOR, type VelociraptorApiConfig } from './velociraptor.types';

const defaultResolver: HostResolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** grpc-js's own text for calls that never reached the server. */
const NOT_CONNECTED = /No connection established|Failed to connect|Connection dropped|ECONNRESET|ECONNREFUSED/i;

export function isServiceError(err: unknown): err is ServiceError {
  return err instanceof Error && typeof (err as Partial<ServiceError>).code === 'number' && 'details' in err;
}

export interface FailureContext {
  timeoutMs: number;
  deadline: number;
  /** Content type of the answer's headers when it was not gRPC (a web page, say). */
  foreignContentType?: string;
}

/** Open call plus what its response headers revealed. */
export interface OpenQuery {
  stream: ClientReadableStream<VqlResponseMessage>;
  /** Set once headers arrive whose content type is not gRPC. */
  foreignContentType(): string | undefined;
}

/**
 * The gRPC channel to one Velociraptor API server: mutual TLS with the CA, certificate and key of the api-client
 * file, the server certificate checked against the pinned name (`VelociraptorServer` unless the file says
 * otherwise), and the address policy of design §4 applied to the address actually dialled.
 */
export class VelociraptorTransport {
  private client?: Client;
  readonly display: string;

  constructor(
    private readonly config: VelociraptorApiConfig,
    private readonly allowLinkLocal: boolean,
    private readonly resolver: HostResolver = defaultResolver,
  ) {
    this.display = formatAddress(config.host, config.port);
  }

  /** Starts `proto.API/Query`; the returned stream yields decoded VQLResponse messages. */
  async open(args: VqlCollectorArgs, deadline: number): Promise<OpenQuery> {
    const client = await this.channel(deadline);
    const method = velociraptorQueryMethod();
    const stream = client.makeServerStreamRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      args,
      new Metadata(),
      { deadline },
    );
    // grpc-js does not check the content type: a web page answered with 200 is read as gRPC frames and fails with a
    // confusing "message larger than max". The headers tell the truth, so note them and stop the call.
    let foreign: string | undefined;
    stream.on('metadata', (metadata: Metadata) => {
      const contentType = String(metadata.get('content-type')[0] ?? '');
      if (contentType && !contentType.startsWith('application/grpc')) {
        foreign = contentType;
        stream.cancel();
      }
    });
    return { stream, foreignContentType: () => foreign };
  }

  /** Turns a failed call into a domain error whose message tells the operator what to fix. */
  async explain(err: unknown, ctx: FailureContext): Promise<Error> {
    if (err instanceof DomainError) return err;
    if (ctx.foreignContentType) {
      return new UpstreamFormatError(
        VELOCIRAPTOR,
        `${this.display} answered plain HTTP (${ctx.foreignContentType}), not gRPC; point api_connection_string at the API port (8001), not the GUI`,
      );
    }
    if (!isServiceError(err)) return err instanceof Error ? err : new Error(String(err));
    const details = redactText(err.details ?? '');
    switch (err.code) {
      case status.DEADLINE_EXCEEDED:
        return new UpstreamUnreachableError(
          VELOCIRAPTOR,
          'timeout',
          `timed out after ${ctx.timeoutMs} ms waiting for ${this.display}`,
        );
      case status.UNAVAILABLE:
        if (NOT_CONNECTED.test(details)) {
          // A connection that failed once is rebuilt (and re-resolved) on the next call.
          this.reset();
          return (
            (await this.diagnose(ctx)) ??
            new UpstreamUnreachableError(VELOCIRAPTOR, 'network', `cannot connect to ${this.display}: ${details}`)
          );
        }
        return new UpstreamUnreachableError(VELOCIRAPTOR, 'network', `${this.display} is unavailable: ${details}`);
      case status.UNAUTHENTICATED:
        return new UpstreamAuthError(
          VELOCIRAPTOR,
          401,
          `the server did not accept API user "${this.config.name}" (UNAUTHENTICATED: ${details})`,
          null,
        );
      case status.PERMISSION_DENIED:
        return new UpstreamAuthError(
          VELOCIRAPTOR,
          403,
          `API user "${this.config.name}" may not run queries (${details}); grant it a role with query rights, ` +
            `e.g. velociraptor acl grant ${this.config.name} --role api,investigator`,
          null,
        );
      case status.RESOURCE_EXHAUSTED:
        return new UpstreamFormatError(
          VELOCIRAPTOR,
          `an answer exceeded ${this.config.maxReceiveBytes} bytes (raise max_grpc_recv_size): ${details}`,
        );
      case status.UNIMPLEMENTED:
        return new UpstreamFormatError(
          VELOCIRAPTOR,
          `${this.display} does not serve proto.API/Query (is this the Velociraptor API port?)`,
        );
      default:
        if (/User not found/i.test(details)) {
          return new UpstreamAuthError(
            VELOCIRAPTOR,
            401,
            `the server has no user "${this.config.name}" for this certificate (${details}); create the api-client file with velociraptor config api_client`,
            null,
          );
        }
        if (/HTTP status code/i.test(details)) {
          return new UpstreamFormatError(
            VELOCIRAPTOR,
            `${this.display} answered plain HTTP, not gRPC (${details}); point api_connection_string at the API port (8001), not the GUI`,
          );
        }
        return new ServiceUnavailableError(
          VELOCIRAPTOR,
          `${status[err.code] ?? err.code} from ${this.display}: ${details}`,
        );
    }
  }

  reset(): void {
    this.client?.close();
    this.client = undefined;
  }

  close(): void {
    this.reset();
  }

  private async diagnose(ctx: FailureContext) {
    const remaining = ctx.deadline - Date.now();
    if (remaining <= 0) {
      return new UpstreamUnreachableError(
        VELOCIRAPTOR,
        'timeout',
        `timed out after ${ctx.timeoutMs} ms waiting for ${this.display}`,
      );
    }
    try {
      const address = await this.resolve(ctx.deadline);
      return await diagnoseConnection({ ...address, display: this.display }, this.config, Math.min(remaining, 5_000));
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
  }

  private async channel(deadline: number): Promise<Client> {
    if (this.client) return this.client;
    const { host, port } = await this.resolve(deadline);
    const creds = credentials.createSsl(
      Buffer.from(this.config.caPem),
      Buffer.from(this.config.keyPem),
      Buffer.from(this.config.certPem),
    );
    this.client = new Client(formatAddress(host, port), creds, {
      // The certificate names the server role, not the host; TLS identity is checked against that name.
      'grpc.ssl_target_name_override': this.config.serverName,
      'grpc.default_authority': this.config.serverName,
      'grpc.max_receive_message_length': this.config.maxReceiveBytes,
      'grpc.use_local_subchannel_pool': 1,
    });
    return this.client;
  }

  /**
   * Resolves the host and vets every address with the address policy, then dials the vetted address itself, so a
   * DNS answer cannot change between the check and the connect.
   */
  private async resolve(deadline: number): Promise<{ host: string; port: number }> {
    const { host, port } = this.config;
    const refuse = (why: string) =>
      new OutboundUrlRefusedError(
        VELOCIRAPTOR,
        `${why}; refused by the address policy (allow link-local addresses for this connector to permit it)`,
      );
    if (isIP(host)) {
      const why = addressRefusal(host, this.allowLinkLocal);
      if (why) throw refuse(why);
      return { host, port };
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new UpstreamUnreachableError(VELOCIRAPTOR, 'timeout', `timed out resolving ${host}`)),
        Math.max(1, deadline - Date.now()),
      );
    });
    try {
      const addresses = await Promise.race([
        this.resolver(host).catch(() => {
          throw new UpstreamUnreachableError(VELOCIRAPTOR, 'dns', `host not found: ${host}`);
        }),
        timeout,
      ]);
      if (addresses.length === 0) throw new UpstreamUnreachableError(VELOCIRAPTOR, 'dns', `host not found: ${host}`);
      for (const { address } of addresses) {
        const why = addressRefusal(address, this.allowLinkLocal);
        if (why) throw refuse(`${host} resolves to ${why}`);
      }
      return { host: addresses[0].address, port };
    } finally {
      clearTimeout(timer);
    }
  }
}
