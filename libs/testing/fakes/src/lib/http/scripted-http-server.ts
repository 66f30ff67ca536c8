import { FakeHttpServer, type FakeResponse, type FakeServerOptions, type RecordedRequest } from './fake-http-server';

export type ScriptedHandler = (req: RecordedRequest) => Promise<FakeResponse> | FakeResponse;

/**
 * A fake with no vendor behind it: every request goes to a handler the test supplies. For testing generic HTTP
 * machinery (timeouts, retries, TLS) without a vendor protocol in the way.
 */
export class ScriptedHttpServer extends FakeHttpServer {
  constructor(
    private handler: ScriptedHandler,
    options: FakeServerOptions = {},
  ) {
    super(options);
  }

  setHandler(handler: ScriptedHandler): void {
    this.handler = handler;
  }

  protected handle(req: RecordedRequest): Promise<FakeResponse> | FakeResponse {
    return this.handler(req);
  }
}
