import { Logger } from '@nestjs/common';
import {
  defaultOutboundFactory,
  DomainError,
  NotFoundError,
  redactText,
  ServiceUnavailableError,
  UpstreamAuthError,
  type OutboundClientFactory,
  type OutboundHttp,
  type OutboundRequest,
} from '@copilot/api-core';
import { assertUuid, isObject, parseExecution, parseExecutionsPage, parseWorkflows } from './shuffle.parse';
import {
  SHUFFLE,
  type ShuffleConfig,
  type ShuffleExecuteOptions,
  type ShuffleExecution,
  type ShuffleExecutionHandle,
  type ShuffleExecutionsPage,
  type ShuffleWaitOptions,
  type ShuffleWaitResult,
  type ShuffleWorkflow,
  type VerifyResult,
} from './shuffle.types';

const API = '/api/v1';

/** Strips a trailing `/api/v1` an operator may have pasted from Shuffle's docs, since every path adds it. */
export function shuffleBaseUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api\/v1$/i, '');
}

/**
 * Typed client of the Shuffle SOAR REST API (`/api/v1`, Bearer API key), built on the outbound helper. Failures
 * surface as domain errors naming the connector: 503 for a Shuffle that is down or answering nonsense, 404 for a
 * workflow it does not know, 400 for bad input.
 */
export class ShuffleClient {
  private readonly http: OutboundHttp;
  private readonly logger = new Logger(`Connector:${SHUFFLE}`);
  private readonly timeoutMs: number;

  constructor(config: ShuffleConfig, outbound: OutboundClientFactory = defaultOutboundFactory) {
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.http = outbound.create({
      connector: SHUFFLE,
      baseUrl: shuffleBaseUrl(config.url),
      circuitKey: config.circuitKey,
      timeoutMs: config.timeoutMs,
      verifyTls: config.verifyTls,
      caPem: config.caPem,
      allowLinkLocal: config.allowLinkLocal,
      headers: { authorization: `Bearer ${config.apiKey}` },
    });
  }

  /** `GET /api/v1/apps/authentication`: an authenticated read that any valid key may make. Never throws. */
  async verify(): Promise<VerifyResult> {
    try {
      const count = await this.appAuthenticationCount(true);
      return {
        ok: true,
        message: `connected to Shuffle: API key accepted (${count} app authentication${count === 1 ? '' : 's'} visible)`,
      };
    } catch (err) {
      return { ok: false, message: this.describeFailure(err) };
    }
  }

  async workflows(): Promise<ShuffleWorkflow[]> {
    return parseWorkflows(await this.json({ method: 'GET', path: `${API}/workflows` }));
  }

  /**
   * Triggers a workflow (`POST /api/v1/workflows/{id}/execute`). Never retried: a repeat would run the workflow
   * twice. Read the outcome with `executionResult` or `waitForResult`.
   */
  async execute(workflowId: string, options: ShuffleExecuteOptions = {}): Promise<ShuffleExecutionHandle> {
    const id = assertUuid('workflowId', workflowId);
    const argument = options.argument;
    const body = await this.workflowJson(id, {
      method: 'POST',
      path: `${API}/workflows/${id}/execute`,
      body: {
        execution_argument:
          typeof argument === 'string' || argument === undefined ? (argument ?? '') : JSON.stringify(argument),
        start: options.startNode ?? '',
      },
    });
    if (!isObject(body) || typeof body['execution_id'] !== 'string' || typeof body['authorization'] !== 'string') {
      const reason = isObject(body) && typeof body['reason'] === 'string' ? `: ${body['reason']}` : '';
      throw new ServiceUnavailableError(SHUFFLE, `workflow ${id} was not started${reason}`);
    }
    return { workflowId: id, executionId: body['execution_id'], authorization: body['authorization'] };
  }

  /** `GET /api/v1/workflows/{id}/executions`, newest first; `top` caps the count (Shuffle allows up to 1000). */
  async executions(
    workflowId: string,
    options: { top?: number; cursor?: string } = {},
  ): Promise<ShuffleExecutionsPage> {
    const id = assertUuid('workflowId', workflowId);
    const path = `${API}/workflows/${id}/executions`;
    const top = options.top === undefined ? undefined : Math.min(Math.max(1, Math.floor(options.top)), 1000);
    const body = await this.workflowJson(id, { method: 'GET', path, query: { top, cursor: options.cursor } });
    return parseExecutionsPage(body, `GET ${path}`);
  }

  /** One poll of `POST /api/v1/streams/results`, authenticated by the execution's own authorization key. */
  async executionResult(handle: ShuffleExecutionHandle, timeoutMs?: number): Promise<ShuffleExecution> {
    const executionId = assertUuid('executionId', handle.executionId);
    const path = `${API}/streams/results`;
    const response = await this.http.request({
      method: 'POST',
      path,
      body: { execution_id: executionId, authorization: handle.authorization },
      // Reading a result changes nothing, so a retry is harmless.
      idempotent: true,
      acceptStatuses: [401],
      timeoutMs,
    });
    if (response.status === 401) {
      throw new NotFoundError(`${SHUFFLE}: execution ${executionId} is unknown or its authorization key is wrong`);
    }
    return parseExecution(response.json<unknown>(), `POST ${path}`);
  }

  /**
   * Polls the result until the execution is final or `deadlineMs` has passed, with exponential backoff capped at
   * `maxDelayMs`. Bounded on purpose: the platform we replace waited up to ~17 minutes per notification.
   */
  async waitForResult(handle: ShuffleExecutionHandle, options: ShuffleWaitOptions = {}): Promise<ShuffleWaitResult> {
    const deadlineMs = options.deadlineMs ?? 60_000;
    const delays = pollDelays(options.initialDelayMs ?? 1_000, options.maxDelayMs ?? 8_000);
    const started = Date.now();
    const remaining = () => deadlineMs - (Date.now() - started);
    let polls = 0;
    for (;;) {
      // A poll never outlives the deadline by more than a short grace, so the last one still gets an answer.
      const execution = await this.executionResult(handle, Math.min(this.timeoutMs, Math.max(1_000, remaining())));
      polls += 1;
      const waitedMs = Date.now() - started;
      if (execution.finished) return { done: true, execution, polls, waitedMs };
      if (options.signal?.aborted || remaining() <= 0) return { done: false, execution, polls, waitedMs };
      // The last sleep is shortened so that a final poll lands on the deadline rather than after it.
      await sleep(Math.min(delays.next().value, remaining()), options.signal);
    }
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async appAuthenticationCount(probe: boolean): Promise<number> {
    const body = await this.json({ method: 'GET', path: `${API}/apps/authentication`, probe });
    if (!isObject(body) || body['success'] !== true) {
      throw new ServiceUnavailableError(
        SHUFFLE,
        `unexpected answer to GET ${API}/apps/authentication: no success flag (is the URL a Shuffle backend?)`,
      );
    }
    return Array.isArray(body['data']) ? body['data'].length : 0;
  }

  private async json(request: OutboundRequest): Promise<unknown> {
    return (await this.http.request(request)).json<unknown>();
  }

  /**
   * A call about one workflow. Shuffle answers 401 `{"success": false}` both for a wrong key and for a workflow
   * that does not exist or is not shared with the key's organisation; one cheap authenticated read tells the two
   * apart, so the caller gets "wrong credentials" (503) or "no such workflow" (404) instead of a guess.
   */
  private async workflowJson(workflowId: string, request: OutboundRequest): Promise<unknown> {
    const response = await this.http.request({ ...request, acceptStatuses: [401] });
    if (response.status !== 401) return response.json<unknown>();
    let keyWorks: boolean;
    try {
      await this.appAuthenticationCount(false);
      keyWorks = true;
    } catch (err) {
      if (!(err instanceof UpstreamAuthError)) throw err;
      keyWorks = false;
    }
    if (keyWorks) {
      throw new NotFoundError(
        `${SHUFFLE}: workflow ${workflowId} does not exist or is not shared with the API key's organisation`,
      );
    }
    throw new UpstreamAuthError(
      SHUFFLE,
      401,
      `wrong credentials (HTTP 401 from ${request.method} ${request.path})`,
      undefined,
    );
  }

  private describeFailure(err: unknown): string {
    if (err instanceof UpstreamAuthError) {
      return err.upstreamStatus === 401
        ? `wrong credentials: ${SHUFFLE} rejected the API key (HTTP 401)`
        : `${SHUFFLE} refused the API key access to app authentications (HTTP 403); check the user's role in its organisation`;
    }
    if (err instanceof DomainError) return err.message;
    this.logger.error(
      `verify failed unexpectedly: ${redactText(String(err))}`,
      err instanceof Error ? err.stack : undefined,
    );
    return `unexpected error while verifying ${SHUFFLE}: ${redactText(String(err))}`;
  }
}

/** Delays between result polls: `initialMs`, doubling, capped at `maxMs`, forever. */
export function* pollDelays(initialMs: number, maxMs: number): Generator<number, never, undefined> {
  let delay = Math.max(1, Math.min(initialMs, maxMs));
  for (;;) {
    yield delay;
    delay = Math.min(delay * 2, maxMs);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
