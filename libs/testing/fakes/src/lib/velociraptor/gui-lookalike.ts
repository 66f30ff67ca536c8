import { createSecureServer, type Http2SecureServer, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { VelociraptorTestPki } from './velociraptor-pki';

/**
 * What an API client meets when `api_connection_string` names the GUI port (8889) instead of the API port (8001):
 * an HTTP/2 web server with the same certificate that answers every request with the HTML sign-in page.
 */
export class VelociraptorGuiLookalike {
  private server?: Http2SecureServer;
  private readonly sessions = new Set<ServerHttp2Session>();

  constructor(private readonly pki: VelociraptorTestPki) {}

  async start(): Promise<this> {
    const server = createSecureServer({ cert: this.pki.server.certPem, key: this.pki.server.keyPem, allowHTTP1: true });
    // Clients keep HTTP/2 sessions open; stop() ends them so closing does not wait for the clients.
    server.on('session', (session) => {
      this.sessions.add(session);
      session.once('close', () => this.sessions.delete(session));
    });
    server.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><title>Velociraptor</title></head><body>Sign in</body></html>');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this;
  }

  get address(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('GUI lookalike is not started');
    return `127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const session of this.sessions) session.destroy();
    await closed;
  }
}
